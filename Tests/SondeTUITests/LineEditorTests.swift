import Testing
import SondeTUI

/// Sends each character of `text` as a key press.
private func type(_ text: String, into editor: inout LineEditor) {
    for character in text { _ = editor.handle(.character(character)) }
}

/// Where `grid` shows the cursor, as [x, y].
private func cursorCell(_ grid: ScreenGrid) -> [Int]? {
    grid.cursor.map { [$0.x, $0.y] }
}

/// The grid after drawing `editor` focused in the first row of a grid `width` columns wide.
private func rendered(_ editor: LineEditor, width: Int, masked: Bool = false, focused: Bool = true) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: 1)
    editor.render(into: &grid, in: grid.bounds, style: .plain, focused: focused, masked: masked)
    return grid
}

@Suite struct LineEditorTests {
    @Test func typingMovingAndDeleting() {
        var editor = LineEditor()
        type("hello", into: &editor)
        #expect(editor.handle(.left) == .moved)
        #expect(editor.handle(.left) == .moved)
        #expect(editor.handle(.character("X")) == .edited)
        #expect(editor.text == "helXlo")
        #expect(editor.cursor == 4)
        #expect(editor.handle(.backspace) == .edited)
        #expect(editor.handle(.delete) == .edited)
        #expect(editor.text == "helo")
        #expect(editor.handle(.home) == .moved)
        #expect(editor.handle(.backspace) == .moved)
        #expect(editor.handle(.left) == .moved)
        #expect(editor.cursor == 0)
        #expect(editor.handle(.delete) == .edited)
        #expect(editor.handle(.end) == .moved)
        #expect(editor.cursor == 3)
        #expect(editor.handle(.delete) == .moved)
        #expect(editor.handle(.right) == .moved)
        #expect(editor.text == "elo")
        #expect(editor.cursor == 3)
    }

    @Test func keysForTheAppAreIgnored() {
        var editor = LineEditor("abc")
        for key: Key in [.enter, .escape, .tab, .backTab, .up, .down, .pageUp, .pageDown, .control("e"), .control("a"),
                         .control("r"), .function(5), .alt("x"), .character("\u{1B}"), .insert] {
            #expect(editor.handle(key) == .ignored, "\(key)")
        }
        #expect(editor == LineEditor("abc"))
    }

    @Test func readlineDeletionsAndWordMoves() {
        let url = "GET https://api.example.com/users?id=42"
        var editor = LineEditor(url)
        #expect(editor.handle(.alt("\u{7F}")) == .edited)
        #expect(editor.text == "GET https://api.example.com/users?id=")
        #expect(editor.handle(.control("w")) == .edited)
        #expect(editor.text == "GET ")
        editor = LineEditor(url)
        #expect(editor.handle(.alt("b")) == .moved)
        #expect(editor.cursor == url.count - 2)
        _ = editor.handle(.alt("b"))
        _ = editor.handle(.alt("b"))
        #expect(editor.cursor == url.count - "users?id=42".count)
        #expect(editor.handle(.alt("f")) == .moved)
        #expect(editor.cursor == url.count - "?id=42".count)
        #expect(editor.handle(.alt("d")) == .edited)
        #expect(editor.text == "GET https://api.example.com/users=42")
        #expect(editor.handle(.control("k")) == .edited)
        #expect(editor.text == "GET https://api.example.com/users")
        _ = editor.handle(.alt("b"))
        #expect(editor.handle(.control("u")) == .edited)
        #expect(editor.text == "users")
        #expect(editor.cursor == 0)
        #expect(editor.handle(.control("u")) == .moved)
        #expect(editor.handle(.alt("\u{08}")) == .moved)
    }

    @Test func wideAndCombiningCharactersAreOneStepAndPlacedByColumns() {
        var editor = LineEditor("a中😀e\u{301}b")
        #expect(editor.cursor == 5)
        var grid = rendered(editor, width: 20)
        #expect(grid.line(0) == "a中😀e\u{301}b")
        #expect(cursorCell(grid) == [7, 0])
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        grid = rendered(editor, width: 20)
        #expect(cursorCell(grid) == [5, 0])
        #expect(editor.handle(.backspace) == .edited)
        #expect(editor.text == "a中e\u{301}b")
        #expect(editor.handle(.delete) == .edited)
        #expect(editor.text == "a中b")
        _ = editor.handle(.character("e"))
        _ = editor.handle(.character("\u{301}"))  // merges into "é": still one step
        #expect(editor.text == "a中éb")
        #expect(editor.cursor == 3)
        #expect(cursorCell(rendered(editor, width: 20)) == [4, 0])
    }

    @Test func scrollsSidewaysByHalfViewsToKeepTheCursorVisible() {
        var editor = LineEditor("abcdefghijklmnopqrstuvwxyz0123456789")
        var grid = rendered(editor, width: 10)
        #expect(grid.line(0) == "456789")
        #expect(cursorCell(grid) == [6, 0])
        _ = editor.handle(.home)
        grid = rendered(editor, width: 10)
        #expect(grid.line(0) == "abcdefghij")
        #expect(cursorCell(grid) == [0, 0])
        for _ in 0..<9 { _ = editor.handle(.right) }
        #expect(cursorCell(rendered(editor, width: 10)) == [9, 0])
        #expect(rendered(editor, width: 10).line(0) == "abcdefghij")
        _ = editor.handle(.right)
        grid = rendered(editor, width: 10)
        #expect(grid.line(0) == "fghijklmno")
        #expect(cursorCell(grid) == [5, 0])
        _ = editor.handle(.right)
        _ = editor.handle(.left)  // inside the view: the text holds still
        #expect(rendered(editor, width: 10).line(0) == "fghijklmno")
        _ = editor.handle(.left)  // back across the edge: half a view back
        #expect(rendered(editor, width: 10).line(0) == "abcdefghij")
    }

    @Test func rendersAtTwentyColumnsAndAtOne() {
        var editor = LineEditor("https://api.example.com/users")
        var grid = rendered(editor, width: 20)
        #expect(grid.line(0) == "i.example.com/users")
        #expect(cursorCell(grid) == [19, 0])
        #expect(rendered(editor, width: 20, focused: false).line(0) == "https://api.example…")
        #expect(rendered(editor, width: 20, focused: false).cursor == nil)
        grid = rendered(editor, width: 1)
        #expect(grid.line(0) == "")
        #expect(cursorCell(grid) == [0, 0])
        _ = editor.handle(.home)
        #expect(rendered(editor, width: 1).line(0) == "h")
        editor = LineEditor("中")
        _ = editor.handle(.home)
        grid = rendered(editor, width: 1)  // a wide character never fits: blank, cursor still shown
        #expect(grid.line(0) == "")
        #expect(cursorCell(grid) == [0, 0])
    }

    @Test func wideCharactersAtTheEdgesOfTheView() {
        var editor = LineEditor("ab中")
        _ = editor.handle(.left)
        var grid = rendered(editor, width: 3)  // the whole 中 under the cursor must show
        #expect(grid.line(0) == "b中")
        #expect(cursorCell(grid) == [1, 0])
        editor = LineEditor("a中bcd")
        grid = rendered(editor, width: 5)  // view from column 2 cuts 中 in half: a blank stands in
        #expect(grid.line(0) == " bcd")
        #expect(cursorCell(grid) == [4, 0])
    }

    @Test func maskedTextShowsABulletPerCharacter() {
        let editor = LineEditor("s3cr中t")
        let grid = rendered(editor, width: 20, masked: true)
        #expect(grid.line(0) == "••••••")
        #expect(cursorCell(grid) == [6, 0])
        #expect(!grid.contains("s3"))
        #expect(rendered(editor, width: 4, masked: true, focused: false).line(0) == "•••…")
    }

    @Test func pastingMakesOneLineWithoutControlCharacters() {
        var editor = LineEditor("x")
        _ = editor.handle(.home)
        #expect(editor.insert("line1\r\nline2\tend\u{1B}[0m\n\n") == .edited)
        #expect(editor.text == "line1 line2 end[0mx")
        #expect(editor.cursor == "line1 line2 end[0m".count)
        #expect(editor.insert("\u{7}\u{1B}") == .ignored)
        #expect(editor.insert("") == .ignored)
    }

    @Test func aTenThousandCharacterLineEditsAndDraws() {
        var editor = LineEditor()
        editor.insert(String(repeating: "abcdefghij", count: 1_000))
        #expect(editor.text.count == 10_000)
        var grid = rendered(editor, width: 20)
        #expect(grid.line(0) == "abcdefghij")
        #expect(cursorCell(grid) == [10, 0])
        for _ in 0..<100 {
            _ = editor.handle(.left)
            _ = editor.handle(.character("中"))
            grid = rendered(editor, width: 20)
        }
        #expect(editor.text.count == 10_100)
        #expect(editor.cursor == 10_000)
        #expect(grid.cursor.map { $0.x < 20 } == true)
        _ = editor.handle(.home)
        #expect(rendered(editor, width: 20).line(0) == "abcdefghijabcdefghij")
    }

    @Test func anOutOfRangeCursorIsClamped() {
        var editor = LineEditor("abc")
        editor.cursor = 99
        #expect(cursorCell(rendered(editor, width: 10)) == [3, 0])
        #expect(editor.handle(.backspace) == .edited)
        #expect(editor.text == "ab")
        editor.cursor = -5
        #expect(editor.handle(.character("z")) == .edited)
        #expect(editor.text == "zab")
    }
}
