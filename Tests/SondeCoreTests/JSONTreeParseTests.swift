import Foundation
import Testing
import SondeCore

@Suite struct JSONTreeParseTests {
    /// What a node is, in one comparable line.
    static func describe(_ tree: JSONTree, _ node: Int) -> String {
        let key = tree.key(of: node).map { "\($0)=" } ?? ""
        let parent = tree.parent(of: node).map(String.init) ?? "-"
        return "\(node) \(key)\(tree.kind(of: node)) d\(tree.depth(of: node)) p\(parent) n\(tree.childCount(of: node)) e\(tree.subtreeEnd(of: node))"
    }

    @Test func nodesAreFlatInDocumentOrderWithStructure() throws {
        let tree = try JSONTree(text: #"{"z":1,"a":[true,false,null,{}],"m":{"k":"v"},"e":[]}"#)
        #expect((0..<tree.count).map { Self.describe(tree, $0) } == [
            "0 object d0 p- n4 e10",
            "1 z=number d1 p0 n0 e2",
            "2 a=array d1 p0 n4 e7",
            "3 true d2 p2 n0 e4",
            "4 false d2 p2 n0 e5",
            "5 null d2 p2 n0 e6",
            "6 object d2 p2 n0 e7",
            "7 m=object d1 p0 n1 e9",
            "8 k=string d2 p7 n0 e9",
            "9 e=array d1 p0 n0 e10",
        ])
        #expect(Array(tree.children(of: 0)) == [1, 2, 7, 9])
        #expect(Array(tree.children(of: 2)) == [3, 4, 5, 6])
        #expect(Array(tree.children(of: 1)).isEmpty)
        #expect(tree.ancestors(of: 8) == [7, 0])
        #expect(tree.count == 10)
    }

    @Test func rangesPointAtTheExactBytesWithWhiteSpaceKept() throws {
        let text = "  {\n  \"id\" :  -0.0e+10 ,\n  \"list\": [ 1 , [ ] ,\"x\\\"y\" ] ,\"o\":{ \"k\" :{}}\n}\n\t "
        let tree = try JSONTree(text: text)
        let bytes = Array(text.utf8)
        func slice(_ range: Range<Int>?) -> String { range.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "nil" }
        #expect(slice(tree.valueRange(of: 0)) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(slice(tree.keyRange(of: 1)) == "\"id\"")
        #expect(slice(tree.valueRange(of: 1)) == "-0.0e+10")
        #expect(tree.rawText(of: 1) == "-0.0e+10")
        #expect(tree.scalarText(of: 1) == "-0.0e+10")
        #expect(slice(tree.valueRange(of: 2)) == "[ 1 , [ ] ,\"x\\\"y\" ]")
        #expect(slice(tree.valueRange(of: 4)) == "[ ]")
        #expect(slice(tree.valueRange(of: 5)) == "\"x\\\"y\"")
        #expect(tree.string(of: 5) == "x\"y")
        #expect(tree.rawText(of: 6) == "{ \"k\" :{}}")
        #expect(tree.rawText(of: 7) == "{}")
        #expect(tree.keyRange(of: 3) == nil)
        #expect(tree.keyRange(of: 0) == nil)
        #expect(tree.key(of: 7) == "k")
    }

    @Test func scalarRootsAndNumberSpellings() throws {
        for number in ["0", "-0", "-0.0e+10", "1E-7", "123456789012345678901234567890", "3.14159", "2e308", "0.5E+0"] {
            let tree = try JSONTree(text: " \(number)\n")
            #expect(tree.count == 1)
            #expect(tree.kind(of: 0) == .number)
            #expect(tree.scalarText(of: 0) == number)
        }
        #expect(try JSONTree(text: "true").scalarText(of: 0) == "true")
        #expect(try JSONTree(text: "false").scalarText(of: 0) == "false")
        #expect(try JSONTree(text: "null").scalarText(of: 0) == nil)
        #expect(try JSONTree(text: "\"s\"").scalarText(of: 0) == "s")
        #expect(try JSONTree(text: "{}").scalarText(of: 0) == nil)
        #expect(try JSONTree(text: "{}").childCount(of: 0) == 0)
        #expect(try JSONTree(text: "[]").rawText(of: 0) == "[]")
    }

    @Test(arguments: ["01", "-", "1.", ".5", "1e", "+1", "-01", "1e+", "--1", "0x10", "1.e5", "Infinity", "NaN"])
    func rejectsMalformedNumbers(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONTree(text: "[\(text)]") }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let tree = try JSONTree(text: #"["a\nb\t\"q\"\\\/\b\f\r", "caf\u00e9 \u00E9", "\ud83d\ude00!", "\ud800x", "\udc00", "\ud83d\u0041", "\u0000"]"#)
        #expect(tree.string(of: 1) == "a\nb\t\"q\"\\/\u{08}\u{0C}\r")
        #expect(tree.string(of: 2) == "café é")
        #expect(tree.string(of: 3) == "😀!")
        #expect(tree.string(of: 4) == "\u{FFFD}x")
        #expect(tree.string(of: 5) == "\u{FFFD}")
        #expect(tree.string(of: 6) == "\u{FFFD}A")
        #expect(tree.string(of: 7) == "\u{0}")
        #expect(tree.string(of: 0) == nil)
        // The raw text keeps the escapes as sent.
        #expect(tree.rawText(of: 2) == #""caf\u00e9 \u00E9""#)
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        // A key and a value with bytes that are not UTF-8: a stray continuation, a truncated
        // sequence, an overlong form, and 0xFF.
        let bytes: [UInt8] = Array(#"{""#.utf8) + [0xFF, 0x61] + Array(#"":""#.utf8) + [0x80, 0xE2, 0x82, 0xC0, 0xAF, 0x62] + Array(#""}"#.utf8)
        let tree = try JSONTree(bytes)
        #expect(tree.key(of: 1) == "\u{FFFD}a")
        let value = try #require(tree.string(of: 1))
        #expect(value.hasSuffix("b"))
        #expect(value.unicodeScalars.filter { $0 == "\u{FFFD}" }.count >= 3)
        #expect(tree.matches(of: "b") == [1])
        let row = JSONTreeView(tree: tree).rows(from: JSONTreeView(tree: tree).firstPosition, count: 2)[1]
        #expect(row.key == "\u{FFFD}a")
    }

    @Test func deepNestingNeitherOverflowsNorSlowsRows() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let tree = try JSONTree(text: text)
        #expect(tree.count == depth + 1)
        #expect(tree.depth(of: depth) == depth)
        #expect(tree.rawText(of: 0) == text)
        #expect(tree.rawText(of: depth - 1) == "[1]")
        let objects = String(repeating: #"{"a":"#, count: depth) + "null" + String(repeating: "}", count: depth)
        let objectTree = try JSONTree(text: objects)
        #expect(objectTree.key(of: depth) == "a")
        var view = JSONTreeView(tree: objectTree)
        view.moveCursorToLast()
        #expect(view.cursor.isClosing && view.cursor.node == 0)
        let rows = view.rows(from: view.position(of: depth), count: 5)
        #expect(rows.map(\.depth) == [depth, depth - 1, depth - 2, depth - 3, depth - 4])
        #expect(rows.map(\.text) == ["null", "}", "}", "}", "}"])
        #expect(try JSONPath("$..a").evaluate(in: objectTree).count == depth)
        // Unclosed deep nesting is an error, not a crash.
        #expect(throws: JSONSyntaxError.self) { try JSONTree(text: String(repeating: "[", count: depth)) }
    }

    @Test func hugeStringsDecodeInFullButPreviewShort() throws {
        let big = String(repeating: "é", count: 2_500_000) // 5 MB of UTF-8
        let tree = try JSONTree(text: "{\"s\":\"\(big)\",\"e\":\"\(String(repeating: "\\n", count: 100_000))\"}")
        #expect(tree.string(of: 1)?.count == 2_500_000)
        let view = JSONTreeView(tree: tree)
        let rows = view.rows(from: view.position(of: 1), count: 2)
        #expect(rows[0].isTruncated)
        #expect(rows[0].text.utf8.count <= view.previewLimit)
        #expect(rows[0].text.allSatisfy { $0 == "é" })
        #expect(rows[1].isTruncated)
        #expect(rows[1].text.hasPrefix("\\n\\n"))
        #expect(tree.string(of: 2)?.count == 100_000)
    }

    @Test func reportsLineColumnAndWhatWasExpected() {
        let cases: [(String, Int, Int, String)] = [
            ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "expected 'true'"),
            ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}'"),
            ("[1, 2 3]", 1, 7, "expected ',' or ']'"),
            ("[1,]", 1, 4, "expected a value"),
            ("{\"a\" 1}", 1, 6, "expected ':' after the key"),
            ("{a:1}", 1, 2, "expected a key in double quotes or '}'"),
            ("{\"a\":1,}", 1, 8, "expected a key in double quotes"),
            ("[1] 2", 1, 5, "expected the end of the document after the JSON value"),
            ("", 1, 1, "expected a JSON value, found an empty document"),
            ("  \n ", 2, 2, "expected a JSON value, found an empty document"),
            ("\"tab\tinside\"", 1, 5, "control character in a string"),
            ("[\"é\\x\"]", 1, 4, "invalid escape in a string"),
            ("[\"\\u12\"]", 1, 7, "expected four hex digits after \\u"),
            ("{\"a\": [1, {\"b\": \"unterminated", 1, 17, "unterminated string"),
            ("{\"a\": [1, 2", 1, 12, "expected ',' or ']', found the end of the document"),
            ("{\"a\":", 1, 6, "expected a value, found the end of the document"),
            ("[", 1, 2, "expected a value, found the end of the document"),
            ("nul", 1, 1, "expected 'null'"),
        ]
        for (text, line, column, message) in cases {
            do {
                _ = try JSONTree(text: text)
                Issue.record("no error for \(text.debugDescription)")
            } catch {
                #expect(error.line == line, "\(text.debugDescription): \(error)")
                #expect(error.column == column, "\(text.debugDescription): \(error)")
                #expect(error.message.hasPrefix(message), "\(text.debugDescription): \(error)")
                #expect(error.description.contains("line \(line), column \(column)"))
            }
        }
    }

    @Test func errorOffsetPointsIntoTheBytes() {
        do {
            _ = try JSONTree(text: "{\"é\": [1, x]}")
            Issue.record("no error")
        } catch {
            #expect(error.offset == 11) // é is two bytes but one column
            #expect(error.column == 11)
        }
    }

    @Test func everyTruncationOfADocumentIsAnErrorNotACrash() throws {
        let text = #"{"a": [1, -2.5e3, "s\u00e9\n", {"b": [true, false, null]}], "c": {}, "d": "\ud83d\ude00"}"#
        let bytes = Array(text.utf8)
        _ = try JSONTree(bytes)
        for length in 0..<bytes.count {
            #expect(throws: JSONSyntaxError.self, "prefix of \(length) bytes") { try JSONTree(Array(bytes[..<length])) }
        }
    }

    @Test func trailingWhiteSpaceIsFineTrailingGarbageIsNot() throws {
        #expect(try JSONTree(text: "{} \n\r\t").count == 1)
        #expect(throws: JSONSyntaxError.self) { try JSONTree(text: "{} x") }
        #expect(throws: JSONSyntaxError.self) { try JSONTree(text: "{}{}") }
        #expect(throws: JSONSyntaxError.self) { try JSONTree(text: "{}\u{0}") }
    }

    @Test func readsADataSliceAndAFileInPlace() throws {
        let data = Data("xxxx[1,{\"k\":\"v\"}]".utf8)
        let tree = try JSONTree(data[4...])
        #expect(tree.valueRange(of: 2) == 3..<12)
        #expect(tree.rawText(of: 2) == "{\"k\":\"v\"}")
        #expect(tree.string(of: 3) == "v")

        let folder = try TemporaryFolder()
        let file = try folder.write("body.json", #"{"items": [1, 2, 3]}"#)
        let fromFile = try JSONTree(Data(contentsOf: file))
        #expect(try JSONPath("$.items[-1]").evaluate(in: fromFile).map(fromFile.rawText(of:)) == ["3"])
    }

    @Test func nodesStayCompact() {
        #expect(JSONTree.nodeByteSize == 16)
    }
}
