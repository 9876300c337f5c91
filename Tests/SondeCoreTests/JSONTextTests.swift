import Foundation
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

    /// `sonde send` prints characters, not their escapes; what a terminal would obey or hide
    /// stays escaped, and the output is still JSON that decodes to the same strings.
    @Test func prettyPrintingDecodesEscapesOfPrintableCharactersOnly() throws {
        #expect(try JSONText.prettyPrinted(Array(#"{"a":"\u00fc\ud83d\ude00"}"#.utf8)).get() == "{\n  \"a\": \"ü😀\"\n}")
        let kept = [#"\u001b"#, #"\u0000"#, #"\u007f"#, #"\u0085"#, #"\u202e"#, #"\u200b"#, #"\ufeff"#, #"\u0022"#, #"\u005C"#,
                    #"\ud800"#, #"\udc00"#, #"\ud83dx"#, #"\"\\\n\/"#]
        for escape in kept {
            let pretty = try JSONText.prettyPrinted(Array(#"["x\#(escape)y"]"#.utf8)).get()
            #expect(pretty == "[\n  \"x\(escape)y\"\n]", "\(escape)")
        }
        // A high surrogate before an escape that is not a low one stays; the next is decoded.
        #expect(try JSONText.prettyPrinted(Array(#"["\ud83d\u0041"]"#.utf8)).get() == "[\n  \"\\ud83dA\"\n]")
        let mixed = #"{"\u0041\u00e9": "\u004a\u0053\u004f\u004e \u0436 \u4e2d \uD83D\uDE00 \/ \u2028"}"#
        let pretty = try JSONText.prettyPrinted(Array(mixed.utf8)).get()
        #expect(pretty == "{\n  \"Aé\": \"JSON ж 中 😀 \\/ \u{2028}\"\n}")
        // Still JSON, with the same content as the input.
        let decoded = try JSONSerialization.jsonObject(with: Data(pretty.utf8)) as? [String: String]
        #expect(decoded != nil)
        #expect(decoded == (try JSONSerialization.jsonObject(with: Data(mixed.utf8)) as? [String: String]))
        #expect(JSONText.validate(Array(mixed.utf8)) == nil)
    }

    @Test func quotesStrings() {
        #expect(JSONText.quote("a\"b\\c\n\u{01}é") == #""a\"b\\c\n\u0001é""#)
    }
}
