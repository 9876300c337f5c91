import Testing
import SondeCore

@Suite struct JSONTreeViewTests {
    static let sample = #"""
        {
          "name": "sonde",
          "tags": ["a", "b"],
          "empty": {},
          "nested": {"x": {"y": [1, 2]}, "z": null},
          "last": "line\nbreak\u001b[31m"
        }
        """#

    /// A row as one comparable line: indentation by depth, then key and text.
    static func line(_ row: JSONRow) -> String {
        String(repeating: "  ", count: row.depth) + (row.key.map { "\($0): " } ?? "") + row.text
    }

    /// The rows the view must show, computed the obvious (recursive) way.
    static func referenceRows(_ tree: JSONTree, folded: (Int) -> Bool) -> [(node: Int, isClosing: Bool, depth: Int)] {
        var rows: [(node: Int, isClosing: Bool, depth: Int)] = []
        func visit(_ node: Int, _ depth: Int) {
            rows.append((node, false, depth))
            guard tree.kind(of: node).isContainer, tree.childCount(of: node) > 0, !folded(node) else { return }
            for child in tree.children(of: node) { visit(child, depth + 1) }
            rows.append((node, true, depth))
        }
        visit(tree.root, 0)
        return rows
    }

    @Test func rowsArePrettyJSONLinesWithClosingRows() throws {
        let view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        let rows = view.rows(from: view.firstPosition, count: 100)
        #expect(rows.map(Self.line) == [
            "{",
            "  name: sonde",
            "  tags: [",
            "    a",
            "    b",
            "  ]",
            "  empty: {}",
            "  nested: {",
            "    x: {",
            "      y: [",
            "        1",
            "        2",
            "      ]",
            "    }",
            "    z: null",
            "  }",
            #"  last: line\nbreak\u001b[31m"#,
            "}",
        ])
        #expect(rows.map(\.kind) == [
            .object, .string, .array, .string, .string, .array, .object, .object, .object, .array,
            .number, .number, .array, .object, .null, .object, .string, .object,
        ])
        #expect(rows.filter(\.isClosing).map(\.node) == [2, 8, 7, 6, 0])
        #expect(rows[2].childCount == 2 && rows[2].summary == "[2 items]")
        #expect(rows[0].summary == "{5 keys}")
        #expect(rows[1].summary == nil)
        #expect(rows.allSatisfy { !$0.isFolded })
    }

    /// Keys and strings read as JSON writes them: quotes, backslashes and control characters
    /// escaped, so a string holding JSON does not look like nested members; other characters
    /// decoded; DEL, C1 controls and bidi overrides still inert.
    @Test func stringsAreShownJSONEscapedWithCharactersDecoded() throws {
        let text = #"{"data": "{\n  \"token\": \"a\\b\"\n}", "k\"ey": "\u00fc\ud83d\ude00 tab\t \u007f \u0085 \u202e end"}"#
        let view = JSONTreeView(tree: try JSONTree(text: text))
        #expect(view.rows(from: view.firstPosition, count: 10).map(Self.line) == [
            "{",
            #"  data: {\n  \"token\": \"a\\b\"\n}"#,
            #"  k\"ey: ü😀 tab\t \x7f \x85 <U+202E> end"#,
            "}",
        ])
    }

    @Test func foldingShowsASummaryAndRowsPageAcrossFolds() throws {
        var view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        view.moveCursor(by: 7) // "nested"
        #expect(view.cursor.node == 6)
        view.toggleFold()
        let rows = view.rows(from: view.firstPosition, count: 100)
        #expect(rows.map(Self.line) == [
            "{", "  name: sonde", "  tags: [", "    a", "    b", "  ]", "  empty: {}",
            "  nested: {2 keys}", #"  last: line\nbreak\u001b[31m"#, "}",
        ])
        #expect(rows[7].isFolded && rows[7].childCount == 2)
        // Paging starting inside the folded range starts at the folded row.
        #expect(view.rows(from: view.position(of: 9), count: 2).map(Self.line) == ["  nested: {2 keys}", #"  last: line\nbreak\u001b[31m"#])
        // Stepping over the fold both ways.
        #expect(view.position(view.position(of: 6), movedBy: 1) == view.position(of: 12))
        #expect(view.position(view.position(of: 12), movedBy: -1) == view.position(of: 6))
        #expect(view.position(view.position(of: 5), movedBy: -1) == view.closingPosition(of: 2))
        #expect(view.position(view.position(of: 5), movedBy: -2) == view.position(of: 4))
        view.toggleFold()
        #expect(view.rows(from: view.firstPosition, count: 100).count == 18)
    }

    @Test func togglingOnAClosingRowOrAScalarFoldsItsContainer() throws {
        var view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        view.moveCursor(by: 12) // the "]" closing "y"
        #expect(view.cursor.isClosing && view.cursor.node == 8)
        view.toggleFold()
        #expect(view.cursor == view.position(of: 8))
        #expect(view.row(at: view.cursor).text == "[2 items]")
        view.moveCursor(by: 2) // z: null
        #expect(view.cursor.node == 11)
        view.toggleFold() // folds "nested"
        #expect(view.cursor == view.position(of: 6))
        #expect(view.folds.contains(6) && view.folds.contains(8))
        // Empty containers and scalars at the root level cannot be folded by themselves.
        view.fold(5)
        #expect(!view.folds.contains(5))
    }

    @Test func cursorMovesByRowsAndStopsAtTheEnds() throws {
        var view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        view.moveCursor(by: -5)
        #expect(view.cursor == view.firstPosition)
        view.moveCursor(by: 1000)
        #expect(view.cursor == view.lastPosition)
        #expect(view.lastPosition == view.closingPosition(of: 0))
        view.moveCursor(by: -3)
        #expect(view.row(at: view.cursor).text == "null")
        view.moveCursorToFirst()
        #expect(view.cursor.node == 0 && !view.cursor.isClosing)
        view.moveCursorToLast()
        #expect(view.position(after: view.cursor) == nil)
        #expect(view.position(before: view.firstPosition) == nil)
    }

    @Test func keepsTheCursorOnScreenAndScrollsByPages() throws {
        var view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        view.moveCursor(by: 10)
        view.keepCursorVisible(height: 5)
        // The cursor is on the last of 5 rows: top is 4 rows above.
        #expect(view.top == view.position(view.cursor, movedBy: -4))
        #expect(view.rows(from: view.top, count: 5).last?.position == view.cursor)
        view.moveCursor(by: -8)
        view.keepCursorVisible(height: 5)
        #expect(view.top == view.cursor)
        view.scroll(by: 5, height: 5)
        #expect(view.cursor == view.position(view.firstPosition, movedBy: 7))
        #expect(view.top == view.position(view.firstPosition, movedBy: 7))
        view.scroll(by: 100, height: 5)
        #expect(view.cursor == view.lastPosition)
        // The last page stays full.
        #expect(view.top == view.position(view.lastPosition, movedBy: -4))
        #expect(view.rows(from: view.top, count: 5).map(\.position).contains(view.cursor))
    }

    @Test func foldAllKeepsTheRootOpenAndMovesTheCursorOut() throws {
        var view = JSONTreeView(tree: try JSONTree(text: Self.sample))
        view.moveCursor(by: 10) // "1" inside nested.x.y
        view.foldAll()
        #expect(view.cursor == view.position(of: 6))
        #expect(view.rows(from: view.firstPosition, count: 100).map(Self.line) == [
            "{", "  name: sonde", "  tags: [2 items]", "  empty: {}", "  nested: {2 keys}", #"  last: line\nbreak\u001b[31m"#, "}",
        ])
        #expect(view.folds.count == 4) // tags, nested, x, y; not the empty object
        view.unfoldAll()
        #expect(view.folds.count == 0)
        #expect(view.rows(from: view.firstPosition, count: 100).count == 18)
    }

    @Test func scrollbarFractionWithoutCountingRows() throws {
        let tree = try JSONTree(text: "[" + (0..<100).map(String.init).joined(separator: ",") + "]")
        var view = JSONTreeView(tree: tree)
        #expect(view.fraction(of: view.firstPosition) == 0)
        #expect(view.fraction(of: view.lastPosition) == 1)
        #expect(view.fraction(of: view.position(of: 50)) == 0.5)
        #expect(view.position(atFraction: 0.5) == view.position(of: 50))
        view.fold(0)
        #expect(view.position(atFraction: 0.5) == view.position(of: 0))
        #expect(view.position(atFraction: .nan) == view.position(of: 0))
    }

    @Test func revealUnfoldsAncestorsOfASearchMatch() throws {
        let tree = try JSONTree(text: Self.sample)
        var view = JSONTreeView(tree: tree)
        view.foldAll()
        view.fold(0)
        let matches = tree.matches(of: "2")
        #expect(matches == [10])
        let next = try #require(view.nextMatch(in: matches))
        view.reveal(next)
        #expect(view.cursor == view.position(of: 10))
        #expect(!view.folds.contains(0) && !view.folds.contains(6) && !view.folds.contains(7) && !view.folds.contains(8))
        #expect(view.folds.contains(2)) // unrelated folds stay
        #expect(view.isVisible(view.cursor))
        #expect(view.row(at: view.cursor).text == "2")
        #expect(view.row(at: view.cursor).depth == 4)
    }

    @Test func nextAndPreviousMatchWrapAround() throws {
        let tree = try JSONTree(text: #"{"a": "x", "b": {"c": "x", "d": 1}, "e": "x"}"#)
        var view = JSONTreeView(tree: tree)
        let matches = tree.matches(of: "x")
        #expect(matches == [1, 3, 5])
        #expect(view.nextMatch(in: matches) == 1)
        #expect(view.previousMatch(in: matches) == 5)
        view.reveal(3)
        #expect(view.nextMatch(in: matches) == 5)
        #expect(view.previousMatch(in: matches) == 1)
        view.moveCursor(to: try #require(view.closingPosition(of: 2)))
        #expect(view.previousMatch(in: matches) == 3)
        #expect(view.nextMatch(in: matches) == 5)
        view.reveal(5)
        #expect(view.nextMatch(in: matches) == 1)
        #expect(view.nextMatch(in: []) == nil)
    }

    @Test func rowsMatchTheReferenceForManyFoldStatesBothWays() throws {
        var random = SplitMix64(seed: 42)
        let text = RandomJSON.document(&random, depth: 5)
        let tree = try JSONTree(text: text)
        #expect(tree.count > 300)
        for round in 0..<20 {
            var view = JSONTreeView(tree: tree)
            for node in 0..<tree.count where Int.random(in: 0..<6, using: &random) == 0 { view.fold(node) }
            if round == 0 { view.unfoldAll() }
            let expected = Self.referenceRows(tree, folded: view.folds.contains)
            let rows = view.rows(from: view.firstPosition, count: tree.count * 2 + 5)
            #expect(rows.map(\.node) == expected.map(\.node))
            #expect(rows.map(\.isClosing) == expected.map(\.isClosing))
            #expect(rows.map(\.depth) == expected.map(\.depth))
            // Backwards from the last row visits the same rows in reverse.
            var backwards = [view.lastPosition]
            while let previous = view.position(before: backwards[backwards.count - 1]) { backwards.append(previous) }
            #expect(backwards.reversed().map(\.node) == expected.map(\.node))
            // A page from the middle, and moves by n, agree with the reference.
            let middle = expected.count / 2
            let page = view.rows(from: rows[middle].position, count: 7)
            #expect(page.map(\.position) == rows[middle..<min(middle + 7, rows.count)].map(\.position))
            #expect(page.map(\.depth) == rows[middle..<min(middle + 7, rows.count)].map(\.depth))
            for offset in [-1000, -middle, -5, -1, 0, 1, 5, 1000] {
                let target = min(max(middle + offset, 0), rows.count - 1)
                #expect(view.position(rows[middle].position, movedBy: offset) == rows[target].position)
            }
            // Rows are in document order.
            #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.position < $1.position })
        }
    }
}

/// Random JSON text (seeded by RetryPolicyTests' `SplitMix64`) with every kind, escapes, empty containers and varied white space.
enum RandomJSON {
    /// An array of 40 containers, so the document is never trivially small.
    static func document(_ random: inout SplitMix64, depth: Int) -> String {
        "[" + (0..<40).map { _ in value(&random, depth: depth, forceContainer: true) }.joined(separator: ",\n") + "]"
    }

    static func value(_ random: inout SplitMix64, depth: Int, forceContainer: Bool = false) -> String {
        let pick = forceContainer ? Int.random(in: 0..<2, using: &random) : Int.random(in: 0..<(depth > 0 ? 9 : 7), using: &random)
        let space = [" ", "", "\n  ", ""][Int.random(in: 0..<4, using: &random)]
        switch pick {
        case 0, 7:
            let count = Int.random(in: 0..<6, using: &random)
            return "{" + (0..<count).map { _ in space + string(&random) + ":" + space + value(&random, depth: depth - 1) }.joined(separator: ",") + space + "}"
        case 1, 8:
            let count = Int.random(in: 0..<6, using: &random)
            return "[" + (0..<count).map { _ in space + value(&random, depth: depth - 1) }.joined(separator: ",") + "]"
        case 2: return string(&random)
        case 3: return ["0", "-1.5e+3", "42", "3.25", "-0.0e+10"][Int.random(in: 0..<5, using: &random)]
        case 4: return "true"
        case 5: return "false"
        default: return "null"
        }
    }

    static func string(_ random: inout SplitMix64) -> String {
        let parts = ["a", "key", "é", "\\n", "\\u00e9", "\\\"", "\\ud83d\\ude00", "x y", "id"]
        return "\"" + (0..<Int.random(in: 0..<4, using: &random)).map { _ in parts[Int.random(in: 0..<parts.count, using: &random)] }.joined() + "\""
    }
}
