import Foundation
import Testing

/// `expect:` and `captures:` in `sonde send`: the real binary against the demo server.
@Suite struct ExpectationCommandTests {
    private func send(_ request: String, _ base: String, _ extra: [String] = [], collections: URL? = nil) async throws -> RunResult {
        let folder = collections ?? SondeBinary.repositoryRoot.appendingPathComponent("collections")
        return try await SondeBinary.run(
            ["send", request, "--env", "local", "--collections", folder.path, "--var", "baseUrl=\(base)"] + extra,
            environment: ["DEMO_CLIENT_SECRET": "demo-client-secret"])
    }

    @Test func passingExpectationsExitZeroAndVerboseListsEachOne() async throws {
        try await withServer { base in
            let quiet = try await send("demo/flows/users", base)
            #expect(quiet.status == 0)
            #expect(!quiet.stderr.contains("✓"))
            #expect(!quiet.stderr.contains("✗"))
            let verbose = try await send("demo/flows/users", base, ["-v"])
            #expect(verbose.status == 0)
            let lines = verbose.stderr.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.hasPrefix("✓ ") }.count == 10)
            #expect(lines.contains("✓ status 200 (expected 2xx)"))
            #expect(lines.contains(#"✓ $[0].name equals "Ada Lovelace""#))
            #expect(lines.contains("* captured firstUserId = 1"))
            #expect(lines.contains("* captured firstEmail = ada@example.com"))
            #expect(lines.contains("* captured total = 3"))
            #expect(lines.contains("* captured listStatus = 200"))
            #expect(lines.last == "expect: 10 of 10 passed")
        }
    }

    @Test func aFailedExpectationExitsTwoAndSaysExpectedAndActual() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("checks/wrong.yaml", """
                url: "{{baseUrl}}/users/{{userId}}"
                expect:
                  status: [201, 3xx]
                  headers:
                    Content-Type: {contains: json}
                  json:
                    - {path: $.name, equals: Bob}
                    - {path: $.id, lt: 1}
                """)
            let result = try await send("demo/checks/wrong", base, collections: folder.root)
            #expect(result.status == 2)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.suffix(4) == [
                "✗ status: expected 201 or 3xx, got 200",
                #"✗ $.name equals "Bob": got "Ada Lovelace""#,
                "✗ $.id lt 1: got 1",
                "expect: 1 of 4 passed",
            ])
            #expect(result.stdout.contains("\"name\":\"Ada Lovelace\""))
            // An expected 404 passes, and the status no longer decides the code.
            try folder.write("checks/gone.yaml", "url: \"{{baseUrl}}/users/999\"\nexpect:\n  status: 404\n")
            #expect(try await send("demo/checks/gone", base, collections: folder.root).status == 0)
            // A capture that finds nothing fails the send, naming the request and the expression.
            try folder.write("checks/nothing.yaml", "url: \"{{baseUrl}}/users/1\"\ncaptures:\n  etag: {header: ETag}\n")
            let nothing = try await send("demo/checks/nothing", base, collections: folder.root)
            #expect(nothing.status == 2)
            #expect(nothing.stderr.contains("✗ capture etag (header ETag) found nothing: the response has no ETag header\n"))
            // A misspelt predicate stops the send before anything goes out, at its line.
            try folder.write("checks/typo.yaml", "url: \"{{baseUrl}}/users/1\"\nexpect:\n  json:\n    - {path: $.id, equal: 1}\n")
            let typo = try await send("demo/checks/typo", base, collections: folder.root)
            #expect(typo.status == 3)
            #expect(typo.stderr.contains("checks/typo.yaml:4:20: unknown predicate equal in expect json $.id"))
            #expect(typo.stderr.contains("(did you mean equals?)"))
        }
    }

    /// `send` fills the `{{…}}` of expected values as `run` does: from variables, and from this
    /// response's own captures; one that is unset is a failed check, never a skipped one.
    @Test func expectedValuesTakeVariablesAndThisResponsesCaptures() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("checks/vars.yaml", """
                url: "{{baseUrl}}/users/1"
                captures:
                  id: {json: $.id}
                expect:
                  json:
                    - {path: $.name, equals: "{{who}}"}
                    - {path: $.id, equals: "{{id}}"}
                """)
            let right = try await send("demo/checks/vars", base, ["-v", "--var", "who=Ada Lovelace"], collections: folder.root)
            #expect(right.status == 0)
            #expect(right.stderr.contains(#"✓ $.name equals "Ada Lovelace""#))
            #expect(right.stderr.contains("✓ $.id equals 1\n"))
            let wrong = try await send("demo/checks/vars", base, ["--var", "who=Bob"], collections: folder.root)
            #expect(wrong.status == 2)
            #expect(wrong.stderr.contains(#"✗ $.name equals "Bob": got "Ada Lovelace""#))
            let unset = try await send("demo/checks/vars", base, collections: folder.root)
            #expect(unset.status == 2)
            #expect(unset.stderr.contains("✗ expected values: got "))
            #expect(unset.stderr.contains("who"))
        }
    }

    @Test func aSecretCaptureIsMaskedInVerboseOutputAndTheBody() async throws {
        try await withServer { base in
            let result = try await send("demo/flows/login", base, ["-v"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("* captured token = ••••\n"))
            #expect(result.stderr.contains("* captured tokenLifetime = 3600\n"))
            #expect(result.stdout.contains(#""access_token":"••••""#))
            let token = try NSRegularExpression(pattern: "[0-9a-f]{64}")
            for text in [result.stdout, result.stderr] {
                #expect(token.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "a token leaked: \(text)")
            }
            #expect(result.stderr.contains("expect: 8 of 8 passed"))
        }
    }

    @Test func aSchemaInlineOrInAFileBesideTheRequestChecksTheBody() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("checks/schemas/user.json", """
                {"type": "object", "required": ["id", "name", "email"],
                 "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "email": {"type": "string", "pattern": "@"}}}
                """)
            try folder.write("checks/valid.yaml", """
                url: "{{baseUrl}}/users/1"
                expect:
                  schema: schemas/user.json
                """)
            let valid = try await send("demo/checks/valid", base, ["-v"], collections: folder.root)
            #expect(valid.status == 0, "\(valid.output)")
            #expect(valid.stderr.contains("✓ schema schemas/user.json"))
            try folder.write("checks/invalid.yaml", """
                url: "{{baseUrl}}/users"
                expect:
                  schema:
                    type: array
                    items:
                      type: object
                      properties:
                        id: {type: string}
                """)
            let invalid = try await send("demo/checks/invalid", base, collections: folder.root)
            #expect(invalid.status == 2, "\(invalid.output)")
            let lines = invalid.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("✗ schema $[0].id: got ") && $0.contains("#/items/properties/id/type") }, "\(invalid.stderr)")
            try folder.write("checks/missing.yaml", "url: \"{{baseUrl}}/users/1\"\nexpect:\n  schema: nope.json\n")
            let missing = try await send("demo/checks/missing", base, collections: folder.root)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("✗ schema nope.json: got no file "), "\(missing.stderr)")
        }
    }
}
