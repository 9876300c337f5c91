import Foundation
import Testing
@testable import SondeCore

/// `captures:` and `expect:` (issue #13): decoding with file:line problems, each capture kind
/// and each predicate against real JSON, masking, and lossless saves around the blocks.
@Suite struct FlowChecksTests {
    static let body = #"""
        {"users": [{"id": 7, "name": "Ada", "tags": ["admin", "ops"], "score": 9.5, "active": true, "boss": null},
                   {"id": 8, "name": "Bob", "tags": [], "score": 3, "active": false, "boss": 7}],
         "access_token": "tok-3f9a8b7c6d5e", "meta": {"total": 2, "next": null}, "link": "/items?id=42&page=2"}
        """#

    static func response(status: Int = 200, body: String = body, headers: [HeaderField] = [], total: Double = 0.12) -> HTTPResponse {
        var timings = TransferTimings()
        timings.total = total
        return HTTPResponse(
            status: status, reason: "OK", httpVersion: "1.1",
            headers: [HeaderField(name: "Content-Type", value: "application/json")] + headers, body: Data(body.utf8),
            finalURL: "http://127.0.0.1/", timings: timings)
    }

    /// The request `text` decodes to, and the problems found.
    static func load(_ text: String) throws -> (request: RequestDefinition?, problems: [LoadProblem]) {
        let folder = try TemporaryFolder()
        try folder.write("r.yaml", text)
        let loaded = CollectionLoader.load(from: folder.url)
        return (loaded.collection.request(id: "r")?.definition, loaded.problems)
    }

    /// The results of `expect:` written as `block` (indented two spaces) against `response`.
    static func check(_ block: String, _ response: HTTPResponse = response(), secrets: SecretSet = SecretSet()) throws -> [ExpectationResult] {
        let (request, problems) = try load("url: http://127.0.0.1/\nexpect:\n" + block)
        #expect(problems == [])
        return try #require(request).expectations.check(response, secrets: secrets)
    }

    // MARK: captures

    @Test func everyCaptureKindTakesItsValue() throws {
        let (request, problems) = try Self.load("""
            url: http://127.0.0.1/
            captures:
              token: {json: $.access_token, secret: true}
              name: {json: "$.users[-1].name"}
              first: {json: "$.users[*].id"}
              ids: {json: "$.users[0]['tags']"}
              etag: {header: etag}
              id: {regex: 'id=(\\d+)'}
              whole: {regex: 'page=\\d'}
              sid: {cookie: session}
              code: {status: true}
            """)
        #expect(problems == [])
        let captures = try #require(request).captures
        #expect(captures.map(\.name) == ["token", "name", "first", "ids", "etag", "id", "whole", "sid", "code"])
        let response = Self.response(status: 201, headers: [
            HeaderField(name: "ETag", value: "\"v1\""),
            HeaderField(name: "Set-Cookie", value: "theme=dark; Path=/"),
            HeaderField(name: "Set-Cookie", value: "session=abc123def456; HttpOnly"),
        ])
        let values = try Captures.evaluate(captures, of: "r", in: response).get()
        #expect(values.map(\.value) == ["tok-3f9a8b7c6d5e", "Bob", "7", #"["admin", "ops"]"#, "\"v1\"", "42", "page=2", "abc123def456", "201"])
        #expect(values.map(\.isSecret) == [true] + Array(repeating: false, count: 8))
        #expect(values[0].shownValue == SecretSet.mask)
    }

    @Test func aCaptureThatFindsNothingNamesTheRequestAndExpression() throws {
        let captures = [
            Capture(name: "a", source: .json(try JSONPath("$.missing"))),
            Capture(name: "b", source: .header("ETag")),
            Capture(name: "c", source: .cookie("sid")),
            Capture(name: "d", source: .regex("nope=(\\d+)")),
            Capture(name: "e", source: .status),
        ]
        let (found, failure) = Captures.collect(captures, of: "auth/login", in: Self.response())
        #expect(found == [CapturedValue(name: "e", value: "200")])
        let misses = try #require(failure).misses
        #expect(misses.map(\.expression) == ["json $.missing", "header ETag", "cookie sid", "regex nope=(\\d+)"])
        #expect(failure?.description.hasPrefix("auth/login: capture a (json $.missing) found nothing: the path selects nothing") == true)
        let notJSON = Captures.collect([captures[0]], of: "r", in: Self.response(body: "<html>"))
        #expect(notJSON.failure?.misses.first?.reason.hasPrefix("the body is not JSON") == true)
    }

    @Test func capturedValuesAreVariablesBetweenVarAndTheEnvironment() throws {
        let collection = RequestCollection(
            name: "c", rootURL: URL(fileURLWithPath: "/tmp/c"), variables: [KeyValue("token", "collection"), KeyValue("id", "1")],
            root: RequestFolder(name: "c", path: "", url: URL(fileURLWithPath: "/tmp/c")))
        let environment = Environment(name: "local", fileURL: URL(fileURLWithPath: "/tmp/c/environments/local.yaml"), variables: [KeyValue("token", "environment"), KeyValue("x", "{{id}}")])
        let saved = SavedRequest(
            id: "r", fileURL: URL(fileURLWithPath: "/tmp/c/r.yaml"),
            definition: RequestDefinition(name: "r", url: "http://127.0.0.1/{{x}}?t={{token}}&n={{note}}"))
        let captured = [CapturedValue(name: "token", value: "captured-s3cret", isSecret: true), CapturedValue(name: "note", value: "{{id}}")]
        var context = SendContext(collection: collection, environment: environment, secretSource: SecretSource(processEnvironment: [:]), captured: captured)
        let prepared = try RequestPreparer.prepare(saved, in: context)
        // Captured wins over the environment; a captured value is data: its {{ is not a placeholder.
        #expect(prepared.request.url == "http://127.0.0.1/1?t=captured-s3cret&n={{id}}")
        #expect(prepared.request.secrets.redact(prepared.request.url).contains("t=••••"))
        context.overrides = ["token": "from-var"]
        #expect(try RequestPreparer.prepare(saved, in: context).request.url.contains("t=from-var"))
    }

    // MARK: expectations

    @Test func statusTakesACodeAListOrAClass() throws {
        #expect(try Self.check("  status: 200\n").map(\.passed) == [true])
        #expect(try Self.check("  status: [201, 204]\n").map(\.passed) == [false])
        #expect(try Self.check("  status: [201, 2XX]\n").map(\.passed) == [true])
        let failed = try Self.check("  status: 2xx\n", Self.response(status: 404))
        #expect(failed.map(\.line) == ["✗ status: expected 2xx, got 404"])
        #expect(try Self.check("  status: 2xx\n").map(\.line) == ["✓ status 200 (expected 2xx)"])
    }

    @Test func everyJSONPredicatePassesAndFails() throws {
        let cases: [(String, Bool)] = [
            ("{path: '$.users[0].name', equals: Ada}", true),
            ("{path: '$.users[0].name', equals: Bob}", false),
            ("{path: '$.users[0].id', equals: 7.0}", true),
            ("{path: '$.users[0].tags', equals: [admin, ops]}", true),
            ("{path: '$.meta', equals: {next: null, total: 2}}", true),
            ("{path: '$.users[0].name', not_equals: Bob}", true),
            ("{path: '$.users[0].name', not_equals: Ada}", false),
            ("{path: '$.users[0].score', lt: 10}", true),
            ("{path: '$.users[0].score', lt: 9.5}", false),
            ("{path: '$.users[0].score', le: 9.5}", true),
            ("{path: '$.users[1].score', gt: 3}", false),
            ("{path: '$.users[1].score', ge: 3}", true),
            ("{path: '$.users[0].name', gt: 3}", false),
            ("{path: '$.users[0].name', contains: d}", true),
            ("{path: '$.users[0].tags', contains: ops}", true),
            ("{path: '$.users[1].tags', contains: ops}", false),
            ("{path: '$.meta', contains: total}", true),
            ("{path: '$.users[*].id', contains: 8}", true),
            ("{path: '$.access_token', matches: '^tok-[0-9a-f]+$'}", true),
            ("{path: '$.users[0].name', matches: '^B'}", false),
            ("{path: '$.users[0].boss', exists: true}", true),
            ("{path: '$.users[0].nothing', exists: false}", true),
            ("{path: '$.users[0].nothing', exists: true}", false),
            ("{path: '$.users[0].nothing', equals: 1}", false),
            ("{path: '$.users[0].name', type: string}", true),
            ("{path: '$.users[0].id', type: integer}", true),
            ("{path: '$.users[0].score', type: integer}", false),
            ("{path: '$.users[0].score', type: number}", true),
            ("{path: '$.users[0].active', type: boolean}", true),
            ("{path: '$.users', type: array}", true),
            ("{path: '$.meta', type: object}", true),
            ("{path: '$.users[0].boss', type: null}", true),
            ("{path: '$.users[1].boss', type: null}", false),
            ("{path: '$.users', count: 2}", true),
            ("{path: '$.users[*]', count: 2}", true),
            ("{path: '$.users[0].tags', count: 3}", false),
            ("{path: '$.meta', count: 2}", true),
        ]
        for (item, passes) in cases {
            let results = try Self.check("  json:\n    - \(item)\n")
            #expect(results.map(\.passed) == [passes], "\(item)")
        }
    }

    @Test func aFailedJSONCheckSaysWhatCameInstead() throws {
        let results = try Self.check("""
              json:
                - {path: '$.users[0].name', equals: Bob}
                - {path: '$.users[0].tags', count: 5, contains: admin}
            """ + "\n")
        #expect(results.map(\.line) == [
            #"✗ $.users[0].name equals "Bob": got "Ada""#,
            "✗ $.users[0].tags count 5: got 2 elements",
            #"✓ $.users[0].tags contains "admin""#,
        ])
        #expect(results[0].expected == #""Bob""#)
        #expect(results[0].actual == #""Ada""#)
        let notJSON = try Self.check("  json:\n    - {path: $.a, exists: true}\n", Self.response(body: "plain"))
        #expect(notJSON.map(\.actual) == ["a body that is not JSON"])
    }

    @Test func headersDurationAndBodySize() throws {
        let response = Self.response(headers: [HeaderField(name: "ETag", value: "\"v1\"")], total: 0.612)
        let results = try Self.check("""
              headers:
                content-type: {contains: json}
                ETag: {equals: '"v1"'}
                X-Missing: {exists: false}
                X-Also-Missing: {exists: true}
                Content-Type: {matches: '^text/'}
                Accept-Ranges: bytes
              duration: {lt: 500}
              body_size: {lt: 100000, gt: 10}
            """ + "\n", response)
        #expect(results.map(\.passed) == [true, true, true, false, false, false, false, true, true])
        #expect(results[3].line == "✗ header X-Also-Missing exists: got no X-Also-Missing header")
        #expect(results[6].line == "✗ duration lt 500 ms: got 612 ms")
    }

    @Test func aDeepOrLargeBodyIsCheckedWithoutCrashingOrPrintingItWhole() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let block = "  json:\n    - {path: $, equals: 1}\n    - {path: $, type: array}\n    - {path: $, count: 1}\n    - {path: $, type: object}\n"
        let results = try Self.check(block, Self.response(body: deep))
        #expect(results.map(\.passed) == [false, true, true, false])
        #expect(results[0].actual == "a value nested deeper than 256 levels")
        #expect(results[3].actual.count == Expectations.longestActual + "… (array)".count)
        #expect(results[3].actual.hasSuffix("[[[… (array)"))
    }

    @Test func actualValuesAreMasked() throws {
        let results = try Self.check("  json:\n    - {path: $.access_token, equals: other}\n", secrets: SecretSet(["tok-3f9a8b7c6d5e"]))
        #expect(results.map(\.line) == [#"✗ $.access_token equals "other": got "••••""#])
    }

    @Test func schemaIsKeptAsData() throws {
        let inline = try Self.load("url: http://127.0.0.1/\nexpect:\n  schema: {type: object, required: [id]}\n")
        #expect(inline.problems == [])
        guard case .inline(let text)? = inline.request?.expectations.schema else { Issue.record("no inline schema"); return }
        #expect(JSONLiteral(json: text) == JSONLiteral(json: #"{"type": "object", "required": ["id"]}"#))
        let file = try Self.load("url: http://127.0.0.1/\nexpect:\n  schema: schemas/user.json\n")
        #expect(file.request?.expectations.schema == .file("schemas/user.json"))
        // The file is read when checking (it is absent here): a failed check that says so.
        let results = file.request?.expectations.check(Self.response()) ?? []
        #expect(results.count == 1 && results.first?.passed == false && results.first?.expected == "a readable JSON Schema file")
    }

    // MARK: decoding problems

    @Test func badBlocksAreErrorsAtTheirLine() throws {
        let (_, problems) = try Self.load("""
            url: http://127.0.0.1/
            captures:
              token: {jsn: $.a}
              id: {regex: 'id=(\\d+'}
              both: {json: $.a, header: X}
              path: {json: "$.a[", secret: maybe}
            expect:
              stauts: 200
              status: 2x
              headers:
                ETag: {equal: x}
              json:
                - {path: $.a, equal: 1}
                - {path: $.a, type: integr}
                - {path: $.a, matches: '('}
                - {equals: 1}
                - {path: $.a}
              duration: 500
            """)
        let lines = problems.map { "\($0.line.map(String.init) ?? "?"): \($0.message)" }
        #expect(problems.allSatisfy { !$0.isWarning && $0.file == "r.yaml" })
        let expected = [
            "3: unknown key jsn in capture token: expected one of json, header, regex, cookie, status, secret (did you mean json?)",
            "4: capture id: invalid regular expression id=(\\d+",
            "5: capture both takes exactly one of json, header, regex, cookie, status",
            "6: capture path: invalid JSONPath at column 5: expected a quoted name, an index, a slice or '*'",
            "6: capture path secret must be true or false",
            "8: unknown key stauts in expect: expected one of status, headers, json, duration, body_size, schema (did you mean status?)",
            "9: expect status must be a code from 100 to 599, a class such as 2xx, or a list of them, not 2x",
            "11: unknown predicate equal in expect header ETag: expected one of equals, not_equals, contains, matches, exists (did you mean equals?)",
            "13: unknown predicate equal in expect json $.a: expected one of equals, not_equals, lt, le, gt, ge, contains, matches, exists, type, count (did you mean equals?)",
            "14: unknown type integr in expect json $.a: expected string, number, integer, boolean, array, object, null (did you mean integer?)",
            "15: expect json $.a matches: invalid regular expression (",
            "16: each expect json check needs a path, such as {path: $.id, exists: true}",
            "17: expect json $.a needs a predicate: one of equals, not_equals, lt, le, gt, ge, contains, matches, exists, type, count",
            "18: expect duration must be a mapping such as {lt: 500}",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\nall:\n\(lines.joined(separator: "\n"))") }
        #expect(lines.count == expected.count, "\(lines.joined(separator: "\n"))")
    }

    // MARK: lossless save

    @Test func savingAnEditKeepsTheBlocksByteIdentical() throws {
        let blocks = """
            captures:
              token: {json: $.access_token, secret: true}   # the login's
              etag:
                header: ETag
            expect:
              status: [200, 201]
              json:
                - {path: '$.users[0].name', equals: "Ada"}
                # a comment inside
                - path: $.users
                  count: 2
              schema: {type: object}

            """
        let original = "name: Login\nmethod: GET\nurl: \"{{baseUrl}}/login\"\n" + blocks
        let written = try LosslessSaveTests.saved(original) {
            $0.method = .POST
            $0.url = "{{baseUrl}}/v2/login"
            $0.headers.append(KeyValue("X-New", "1"))
        }
        #expect(written.hasSuffix(blocks))
        let difference = LosslessSaveTests.difference(original, written)
        #expect(difference.removed == ["method: GET", "url: \"{{baseUrl}}/login\""])
        #expect(!difference.added.contains { $0.contains("captures") || $0.contains("expect") })
    }
}
