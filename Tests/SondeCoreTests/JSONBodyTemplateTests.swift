import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// Values filled into a JSON body are JSON-escaped inside strings and can never add keys.
@Suite struct JSONBodyTemplateTests {
    /// The body a request file's JSON body becomes with `vars` given as `sonde send --var`.
    private func send(_ requestFile: String, _ vars: [String: String]) throws -> Data {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", requestFile)
        let collection = CollectionLoader.load(from: folder.url).collection
        let context = SendContext(
            collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]), overrides: vars)
        let prepared = try RequestPreparer.prepare(try #require(collection.request(id: "req")), in: context).request
        guard case .bytes(let data) = prepared.body else { Issue.record("not a byte body: \(prepared.body)"); return Data() }
        return data
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
    }

    private let yamlBody = "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    name: \"{{name}}\"\n"

    @Test func aQuoteInAValueCannotAddKeys() throws {
        let injection = #"x", "admin": true, "y": "z"#
        let body = try object(try send(yamlBody, ["name": injection]))
        #expect(body.count == 1)
        #expect(body["name"] as? String == injection)
        #expect(body["admin"] == nil)
    }

    @Test func backslashesAndControlCharactersArriveAsWritten() throws {
        for value in [#"C:\temp"#, "tab\there", "line\nbreak", "bell\u{07}", #"\u0041"#, "ünï😀"] {
            let body = try object(try send(yamlBody, ["name": value]))
            #expect(body["name"] as? String == value)
        }
    }

    @Test func aQuotedWholeValueStaysAStringAndTheJSONTagInsertsAJSONValue() throws {
        let file = """
            method: POST
            url: http://127.0.0.1/
            body:
              type: json
              content:
                text: "{{count}}"
                count: !json "{{count}}"
                tags: !json "{{tags}}"
                label: "n={{count}}, tags={{tags}}"
            """
        let data = try send(file, ["count": "42", "tags": #"["a", "b\""]"#])
        let body = try object(data)
        #expect(body["text"] as? String == "42")
        #expect(body["count"] as? Int == 42)
        #expect(body["tags"] as? [String] == ["a", "b\""])
        #expect(body["label"] as? String == #"n=42, tags=["a", "b\""]"#)
    }

    @Test func aJSONTextBodyEscapesInsideStringsAndInsertsAsItIsOutside() throws {
        let file = """
            method: POST
            url: http://127.0.0.1/
            body:
              type: json
              content: '{"path": "{{path}}", "note": "a \\"{{path}}\\" b", "n": {{n}}}'
            """
        let body = try object(try send(file, ["path": #"C:\temp "x""#, "n": "7"]))
        #expect(body["path"] as? String == #"C:\temp "x""#)
        #expect(body["note"] as? String == #"a "C:\temp "x"" b"#)
        #expect(body["n"] as? Int == 7)
        #expect(body.count == 3)
    }

    @Test func aValueOutsideQuotesThatIsNotJSONIsBlamedAtItsLine() throws {
        let file = "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    a: 1\n    n: !json \"{{n}}\"\n"
        do {
            _ = try send(file, ["n": "1, \"admin\": true"])
            Issue.record("expected an error")
        } catch let error as RequestError {
            guard case .invalidJSONValue(let placeholder, let place, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(placeholder == "{{n}}")
            #expect(place == "body at req.yaml:7")
            #expect(error.description.hasPrefix("{{n}} in body at req.yaml:7 is not a JSON value"))
        }
    }

    @Test func anUnknownVariableInTheBodyNamesTheFileAndLine() throws {
        let file = "method: POST\nurl: http://127.0.0.1/{{missing}}\nbody:\n  type: json\n  content:\n    a: 1\n    b: \"{{ missing }}\"\n"
        #expect(throws: RequestError.unresolved(ResolutionError(problems: [
            ResolutionProblem(kind: .unknownVariable("missing"), usedIn: "url", location: FilePosition(file: "req.yaml", line: 2, column: 23)),
            ResolutionProblem(
                kind: .unknownVariable("missing"), usedIn: "body", location: FilePosition(file: "req.yaml", line: 7, column: 9)),
        ]))) { try send(file, [:]) }
    }

    @Test func aJSONTextBodyThatIsInvalidAsWrittenReportsItsOwnPosition() throws {
        let file = "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content: '{\"n\": {{n}}, }'\n"
        #expect(throws: RequestError.invalidJSONBody(JSONSyntaxError(line: 1, column: 14, message: "expected a key in double quotes", offset: 13))) {
            try send(file, ["n": "1"])
        }
    }

    @Test func aJSONTaggedValueThatIsNotJSONIsALoadProblemAtItsLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", "url: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    a: !json '{\"b\": }'\n")
        let problems = CollectionLoader.load(from: folder.url).problems
        #expect(problems.count == 1)
        #expect(problems.first?.file == "req.yaml")
        #expect(problems.first?.line == 5)
        #expect(problems.first?.message.contains("tagged !json") == true)
    }

    /// Random values from printable ASCII, JSON's specials, control characters and non-ASCII,
    /// given as `--var`, inside a YAML body and a JSON text body: the body is always valid JSON,
    /// holds exactly the keys written, and each decodes to the value.
    @Test func anyValueArrivesAsItself() async throws {
        let pool: [Character] = Array(#"abcXYZ019 -_.~%+/=&@:"\'<>?#[]{},éüß中文😀"#)
            + ["\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "u"] as [Character]
        let valueGen = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 0...24)
        let files = [
            yamlBody + "    other: \"{{name}}-{{name}}\"\n",
            "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content: '{\"name\": \"{{name}}\", \"other\": \"{{name}}-{{name}}\"}'\n",
        ]
        let folder = try TemporaryFolder()
        for (index, file) in files.enumerated() { try folder.write("req\(index).yaml", file) }
        let collection = CollectionLoader.load(from: folder.url).collection
        await propertyCheck(count: 300, input: valueGen) { value in
            for index in files.indices {
                let context = SendContext(
                    collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]),
                    overrides: ["name": value])
                guard let prepared = try? RequestPreparer.prepare(collection.request(id: "req\(index)")!, in: context).request,
                      case .bytes(let data) = prepared.body,
                      let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    Issue.record("no valid JSON body for \(value.debugDescription) in req\(index)")
                    return
                }
                #expect(body.keys.sorted() == ["name", "other"])
                #expect(body["name"] as? String == value)
                #expect(body["other"] as? String == "\(value)-\(value)")
            }
        }
    }

    @Test func theScannerFindsStringLiteralsAroundEscapedQuotes() {
        let runs = JSONBodyTemplate.runs(of: #"{"a\"{{x}}": {{y}}, "b": "\\"}"#)
        #expect(runs.map { "\($0.inString ? "S" : "O"):\($0.text)" } == [
            #"O:{""#, #"S:a\"{{x}}"#, #"O:": {{y}}, ""#, "S:b", #"O:": ""#, #"S:\\"#, #"O:"}"#,
        ])
    }
}
