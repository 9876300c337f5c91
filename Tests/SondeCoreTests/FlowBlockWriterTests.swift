import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// `captures:` and `expect:` written by `RequestFileWriter` read back as what was written: the
/// way an importer puts a response schema or a translated Postman test into a new file.
@Suite struct FlowBlockWriterTests {
    private func reread(_ text: String, name: String) -> (RequestDefinition?, [LoadProblem]) {
        var reader = YAMLReader(file: "r.yaml")
        guard let node = reader.compose(text) else { return (nil, reader.problems) }
        let definition = reader.request(node, fallbackName: name)
        return (definition, reader.problems)
    }

    private func path(_ text: String) throws -> JSONPath { try JSONPath(text) }

    @Test func everyCaptureAndPredicateRoundTripsThroughANewFile() throws {
        var definition = RequestDefinition(name: "Login", method: .POST, url: "{{baseUrl}}/login")
        definition.captures = [
            Capture(name: "token", source: .json(try path("$.access_token")), isSecret: true),
            Capture(name: "etag", source: .header("ETag")),
            Capture(name: "id", source: .regex(#"id=(\d+)"#)),
            Capture(name: "sid", source: .cookie("session")),
            Capture(name: "code", source: .status),
        ]
        definition.expectations = Expectations(
            status: [.code(200), .class(2)],
            headers: [
                .init(name: "Content-Type", predicate: .contains(.string("json"))),
                .init(name: "Content-Type", predicate: .matches("^application/")),
                .init(name: "X-Gone", predicate: .exists(false)),
            ],
            json: [
                .init(path: try path("$.name"), predicate: .equals(.string("Ada"))),
                .init(path: try path("$.id"), predicate: .equals(.string("42"))),
                .init(path: try path("$.flag"), predicate: .notEquals(.string("true"))),
                .init(path: try path("$.n"), predicate: .equals(.number(1.5, text: "1.5"))),
                .init(path: try path("$.maybe"), predicate: .equals(.null)),
                .init(path: try path("$.big"), predicate: .equals(.number(1000, text: "1e3"))),
                .init(path: try path("$.neg"), predicate: .notEquals(.number(-0.5, text: "-0.5"))),
                .init(path: try path("$.on"), predicate: .equals(.bool(false))),
                .init(path: try path("$.empty"), predicate: .equals(.string(""))),
                .init(path: try path("$.tags"), predicate: .contains(.array([.string("a"), .bool(true)]))),
                .init(path: try path("$.obj"), predicate: .equals(.object([(key: "k", value: .string("null"))]))),
                .init(path: try path("$.users"), predicate: .count(3)),
                .init(path: try path("$.users[0].age"), predicate: .type(.integer)),
                .init(path: try path("$.n"), predicate: .greaterOrEqual(1)),
                .init(path: try path("$.n"), predicate: .lessThan(2.5)),
                .init(path: try path("$.name"), predicate: .matches(#"^A\w+: x"#)),
            ],
            duration: [.lessThan(500)],
            bodySize: [.greaterThan(0), .lessOrEqual(10_000)],
            schema: .file("schemas/login.json"))

        let text = try RequestFileWriter.yaml(for: definition, original: nil)
        let (read, problems) = reread(text, name: "Login")
        #expect(problems.isEmpty, "\(problems)\n\(text)")
        #expect(read?.captures == definition.captures, "\(text)")
        #expect(read?.expectations == definition.expectations, "\(text)")
        #expect(text.contains(#"equals: "42""#), "a string that looks like a number keeps its quotes:\n\(text)")
    }

    @Test func anInlineSchemaIsWrittenAsYAMLAndReadsBackAsTheSameSchema() throws {
        let schema = #"{"type": "object", "required": ["id"], "properties": {"id": {"type": "integer", "minimum": 1}, "name": {"const": "007"}}}"#
        var definition = RequestDefinition(name: "User", method: .GET, url: "http://x/u")
        definition.expectations = Expectations(status: [.code(200)], schema: .inline(schema))
        let text = try RequestFileWriter.yaml(for: definition, original: nil)
        let (read, problems) = reread(text, name: "User")
        #expect(problems.isEmpty, "\(problems)")
        guard case .inline(let written)? = read?.expectations.schema else {
            Issue.record("schema not inline:\n\(text)")
            return
        }
        #expect(JSONLiteral(json: written) == JSONLiteral(json: schema), "\(text)")
    }

    @Test func editingAnotherFieldKeepsTheFlowBlocksTextByteForByte() throws {
        let original = """
            name: Login
            method: POST
            url: http://x/login
            captures:
              token: {json: $.access_token, secret: true}   # kept comment
            expect:
              status: [200, 201]
              json:
                - {path: $.id, exists: true}

            """
        var reader = YAMLReader(file: "r.yaml")
        var definition = try #require(reader.compose(original).flatMap { reader.request($0, fallbackName: "Login") })
        definition.url = "http://x/v2/login"
        let text = try RequestFileWriter.yaml(for: definition, original: original)
        #expect(text == original.replacingOccurrences(of: "http://x/login", with: "http://x/v2/login"))

        definition.expectations.status = [.code(204)]
        let edited = try RequestFileWriter.yaml(for: definition, original: original)
        #expect(edited.contains("# kept comment"), "the unchanged captures keep their text")
        #expect(reread(edited, name: "Login").0 == definition, "\(edited)")
    }

    @Test func randomExpectationsRoundTrip() async {
        let words = ["Ada", "42", "true", "null", "", "a b", "x: y", "- item", "{{id}}", "#hash", "'q'", "é", "1e3", "0x1F", "~"]
        let word = Gen.int(in: 0...(words.count - 1)).map { words[$0] }
        await propertyCheck(count: 150, input: word, word, Gen.int(in: 0...10), Gen.int(in: 100...599)) { a, b, pick, status in
            await recordingThrows {
                let literal: JSONLiteral = switch pick % 4 {
                case 0: .string(a)
                case 1: .array([.string(a), .string(b)])
                case 2: .object([(key: a.isEmpty ? "k" : a, value: .string(b))])
                default: .number(Double(pick), text: String(pick))
                }
                var definition = RequestDefinition(name: "R", method: .GET, url: "http://x/")
                definition.expectations = Expectations(
                    status: [.code(status)],
                    headers: [.init(name: "X-\(pick)", predicate: .equals(.string(b)))],
                    json: [.init(path: try JSONPath("$.v"), predicate: pick.isMultiple(of: 2) ? .equals(literal) : .contains(literal))])
                definition.captures = [Capture(name: "c\(pick)", source: .regex(a.isEmpty ? "x" : NSRegularExpression.escapedPattern(for: a)))]
                let text = try RequestFileWriter.yaml(for: definition, original: nil)
                let (read, problems) = reread(text, name: "R")
                #expect(problems.isEmpty, "\(problems)\n\(text)")
                #expect(read == definition, "\(text)")
            }
        }
    }
}
