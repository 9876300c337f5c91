import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// A JSON body written as YAML follows YAML 1.2's core schema and is always valid JSON, or a
/// problem at the YAML file's line.
@Suite struct YAMLCoreSchemaTests {
    /// Each YAML scalar (as written after `- `) and the JSON it must become.
    static let table: [(yaml: String, json: String)] = [
        ("null", "null"), ("Null", "null"), ("NULL", "null"), ("~", "null"), ("", "null"),
        ("true", "true"), ("True", "true"), ("TRUE", "true"), ("false", "false"), ("False", "false"), ("FALSE", "false"),
        ("yes", #""yes""#), ("no", #""no""#), ("on", #""on""#), ("tRUE", #""tRUE""#), ("nULL", #""nULL""#),
        ("0", "0"), ("12", "12"), ("012", "12"), ("+5", "5"), ("-5", "-5"), ("-0", "0"), ("+0", "0"), ("-012", "-12"), ("000", "0"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("-98765432109876543210987654321", "-98765432109876543210987654321"),
        ("0o17", "15"), ("0o0", "0"), ("0x1F", "31"), ("0x1f", "31"), ("0xFFFFFFFFFFFFFFFF", "18446744073709551615"),
        ("0o8", #""0o8""#), ("0xG", #""0xG""#), ("0X1F", #""0X1F""#), ("0b101", #""0b101""#), ("1_000", #""1_000""#),
        ("1.5", "1.5"), (".5", "0.5"), ("-.5", "-0.5"), ("+.5", "0.5"), ("1.", "1.0"), ("-1.", "-1.0"), ("007.50", "7.50"),
        ("1e5", "1e5"), ("1E-5", "1e-5"), ("+1.5e+3", "1.5e+3"), (".5e3", "0.5e3"), ("1.e2", "1.0e2"), ("0.000001", "0.000001"),
        ("3.14159265358979323846264338327950288", "3.14159265358979323846264338327950288"),
        (".", #"".""#), ("+", #""+""#), ("1e", #""1e""#), (".e1", #"".e1""#), ("1.2.3", #""1.2.3""#),
        ("inf", #""inf""#), ("nan", #""nan""#), (".Nan", #"".Nan""#), ("1,5", #""1,5""#), ("12abc", #""12abc""#),
        ("'012'", #""012""#), (#""true""#, #""true""#), ("'.inf'", #"".inf""#), ("''", #""""#),
        ("!!str 012", #""012""#), ("!!str true", #""true""#), ("!!str", #""""#), ("! 12", #""12""#),
        ("!!int '012'", "12"), ("!!int 0x1F", "31"), ("!!float 1", "1"), ("!!float .5", "0.5"), ("!!float \"2.50\"", "2.50"),
        ("!!bool 'TRUE'", "true"), ("!!null ''", "null"),
        ("!json '{\"a\": [1, 2]}'", #"{"a": [1, 2]}"#), ("!json 012", "012"),
    ]

    /// A request file whose JSON body is a list of `items`, written as a block sequence.
    static func file(_ items: [String]) -> String {
        "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content:\n" + items.map { "    - \($0)\n" }.joined()
    }

    static func load(_ text: String) throws -> (body: String, problems: [LoadProblem]) {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", text)
        let loaded = CollectionLoader.load(from: folder.url)
        guard case .json(let body)? = loaded.collection.request(id: "req")?.definition.body else { return ("", loaded.problems) }
        return (body, loaded.problems)
    }

    @Test func everyCoreSchemaFormBecomesCanonicalJSON() throws {
        let (body, problems) = try Self.load(Self.file(Self.table.map(\.yaml)))
        // `!json 012` is reported (not JSON) and sent as written; it is the one problem expected.
        #expect(problems.map(\.line) == [5 + Self.table.count])
        let expected = "[\n" + Self.table.map { "  \($0.json)" }.joined(separator: ",\n") + "\n]"
        let got = body.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in expected.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where offset < got.count {
            #expect(got[offset] == line, "row \(offset): \(offset >= 1 && offset <= Self.table.count ? Self.table[offset - 1].yaml : "")")
        }
        #expect(got.count == Self.table.count + 2)
    }

    @Test(arguments: [".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "!!float .inf"])
    func infinityAndNaNAreProblemsAtTheirYAMLLine(_ scalar: String) throws {
        let text = "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    a: 1\n    ratio:   \(scalar)\n"
        let problems = try Self.load(text).problems
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.file == "req.yaml")
        #expect(problem.line == 7)
        #expect(problem.column == 14)
        let bare = scalar.replacingOccurrences(of: "!!float ", with: "")
        #expect(problem.description == "req.yaml:7:14: \(bare) is not a JSON number (JSON has no infinity or NaN); quote it to send a string: \"\(bare)\"")
    }

    @Test(arguments: [
        ("0x10000000000000000", "larger than 2^64 - 1"), ("0o7777777777777777777777", "larger than 2^64 - 1"),
        ("!!int 1.5", "!!int 1.5 is not an integer"), ("!!int abc", "!!int abc is not an integer"),
        ("!!bool yes", "!!bool yes is not a boolean"), ("!!float x", "!!float x is not a number"), ("!!null 0", "!!null 0 is not null"),
    ])
    func whatCannotBeJSONIsAProblemAtItsLine(_ scalar: String, _ message: String) throws {
        let problems = try Self.load(Self.file(["1", scalar])).problems
        #expect(problems.count == 1)
        #expect(problems.first?.line == 7)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test func aProblemInAFlowMappingNamesFileLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content: {x: .inf}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.map(\.description) == [
            "req.yaml:5:16: .inf is not a JSON number (JSON has no infinity or NaN); quote it to send a string: \".inf\"",
        ])
    }

    /// Random scalars made of the characters numbers, booleans and nulls are written with: the
    /// body loads as valid JSON, or the load reports a problem at a line of the file.
    @Test func anyScalarBecomesValidJSONOrAProblemAtALine() async throws {
        let pool: [Character] = Array("0123456789+-._eExXoOabcfinINFNaNtrueTRUEfalsnulNUL~ !'\"")
        let scalarGen = Gen<Character?>.element(of: pool).map { $0 ?? "0" }.string(of: 0...8)
        let folder = try TemporaryFolder()
        await propertyCheck(count: 200, input: scalarGen) { scalar in
            do {
                try folder.write("req.yaml", "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    v: \(scalar)\n    w: [\(scalar)]\n")
                let loaded = CollectionLoader.load(from: folder.url)
                if let problem = loaded.problems.first {
                    #expect(problem.file == "req.yaml" && problem.line != nil, "\(scalar.debugDescription): \(problem)")
                    return
                }
                guard case .json(let body)? = loaded.collection.request(id: "req")?.definition.body else {
                    Issue.record("\(scalar.debugDescription): no JSON body")
                    return
                }
                let parsed = try? JSONSerialization.jsonObject(with: Data(body.utf8))
                #expect(parsed != nil, "\(scalar.debugDescription) became invalid JSON: \(body)")
                #expect(JSONText.validate(Array(body.utf8)) == nil, "\(scalar.debugDescription): \(body)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
