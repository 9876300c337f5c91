import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// The format key's core: pretty printing a JSON body as written, placeholders and all.
@Suite struct JSONBodyFormatterTests {
    /// A body filled with `values`, as a send fills it.
    private func filled(_ text: String, _ values: [String: String]) -> String {
        var resolver = VariableResolver(scopes: [VariableScope(origin: "test", values: values)], secretSource: SecretSource(processEnvironment: [:]))
        return JSONBodyTemplate.fill(text, resolver: &resolver, place: { $0 }).body
    }

    @Test func placeholdersInAndOutsideStringsSurviveAndFillToTheSameJSON() throws {
        let body = #"{"id":{{id}},"name":"{{name}} \"q\"","tags":[{{tag}},"b"],"empty":{}}"#
        let pretty = try JSONBodyFormatter.prettyPrinted(body).get()
        #expect(pretty == """
            {
              "id": {{id}},
              "name": "{{name}} \\"q\\"",
              "tags": [
                {{tag}},
                "b"
              ],
              "empty": {}
            }
            """)
        let values = ["id": "42", "name": "Ada", "tag": #"{"x": [1, 2]}"#]
        let before = try JSONSerialization.jsonObject(with: Data(filled(body, values).utf8)) as? NSDictionary
        let after = try JSONSerialization.jsonObject(with: Data(filled(pretty, values).utf8)) as? NSDictionary
        #expect(before != nil && before == after)
    }

    @Test func invalidJSONIsReportedAtItsLineAndColumnAsWritten() {
        // The placeholder counts as one value; the error is the `tru` on line 3.
        let body = "{\n  \"id\": {{userId}},\n  \"ok\": tru\n}"
        guard case .failure(let error) = JSONBodyFormatter.prettyPrinted(body) else {
            Issue.record("formatted invalid JSON")
            return
        }
        #expect(error.line == 3 && error.column == 9)
        // A placeholder where a key must be is no value: still an error, at the placeholder.
        guard case .failure(let keyError) = JSONBodyFormatter.prettyPrinted("{{{key}}: 1}") else {
            Issue.record("formatted a placeholder key")
            return
        }
        #expect(keyError.line == 1)
    }

    @Test func formattingIsIdempotent() async {
        let scalars = Gen<Int?>.element(of: Array(0..<6)).map { $0 ?? 0 }.array(of: 0...12)
        await propertyCheck(count: 200, input: scalars) { picks in
            let parts = ["1", "\"s\"", "{{v}}", "true", "[{{a}}, 2]", #"{"k": "{{w}}"}"#]
            let body = "[" + picks.map { parts[$0] }.joined(separator: ",") + "]"
            guard case .success(let once) = JSONBodyFormatter.prettyPrinted(body) else {
                Issue.record("\(body) did not format")
                return
            }
            #expect(JSONBodyFormatter.prettyPrinted(once) == .success(once), "\(body)")
        }
    }
}
