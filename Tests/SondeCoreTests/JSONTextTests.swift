import Testing
import SondeCore

@Suite struct JSONTextTests {
    @Test func prettyPrintKeepsKeyOrderAndNumberSpelling() throws {
        let input = #"{"z":1,"a":[1.50,2e10,-0,{}],"m":{"k":"v \"q\""},"e":[],"t":true,"n":null}"#
        let pretty = try JSONText.prettyPrinted(Array(input.utf8)).get()
        #expect(pretty == """
            {
              "z": 1,
              "a": [
                1.50,
                2e10,
                -0,
                {}
              ],
              "m": {
                "k": "v \\"q\\""
              },
              "e": [],
              "t": true,
              "n": null
            }
            """)
    }

    @Test func reportsWhereInvalidJSONBreaks() {
        let error = JSONText.validate(Array("{\n  \"a\": 1,\n  \"b\": tru\n}".utf8))
        #expect(error?.line == 3)
        #expect(error?.column == 8)
        #expect(JSONText.validate(Array("[1,]".utf8)) != nil)
        #expect(JSONText.validate(Array("{\"a\" 1}".utf8)) != nil)
        #expect(JSONText.validate(Array("[1] 2".utf8)) != nil)
        #expect(JSONText.validate(Array("".utf8)) != nil)
        #expect(JSONText.validate(Array("\"tab\tinside\"".utf8)) != nil)
        #expect(JSONText.validate(Array("01".utf8)) != nil)
        #expect(JSONText.validate(Array(" [1, \"\\u00e9\", {\"k\": [true, false, null]}] ".utf8)) == nil)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(JSONText.validate(Array(text.utf8)) == nil)
    }

    @Test func nestingTooDeepToIndentIsRefusedNotAllocated() throws {
        let limit = JSONText.maximumIndentedDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        let pretty = try JSONText.prettyPrinted(Array(deepest.utf8)).get()
        #expect(pretty.hasPrefix("[\n  [\n    ["))
        // 100,000 levels once asked for 13 GB of indentation; now it is a quick refusal, and the
        // text is still valid JSON.
        let hostile = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let error) = JSONText.prettyPrintedBytes(Array(hostile.utf8)) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.message == "nested deeper than \(limit) levels: too deep to indent")
        #expect(error.offset == limit)
        #expect(JSONText.validate(Array(hostile.utf8)) == nil)
    }

    @Test func quotesStrings() {
        #expect(JSONText.quote("a\"b\\c\n\u{01}é") == #""a\"b\\c\n\u0001é""#)
    }
}
