import Testing
import SondeTUI

/// Sends each character of `text` as a key press.
private func type(_ text: String, into area: inout TextArea) {
    for character in text { _ = area.handle(.character(character)) }
}

/// The grid after drawing `area` focused in a grid of the given size.
private func rendered(_ area: TextArea, width: Int, height: Int, focused: Bool = true) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    area.render(into: &grid, in: grid.bounds, style: .plain, gutterStyle: TextStyle(foreground: .gray), focused: focused)
    return grid
}

/// Where the cursor of `area` is, as [line, column].
private func position(_ area: TextArea) -> [Int] { [area.cursorLine, area.cursorColumn] }

/// The text of 100 numbered lines, "line 1" to "line 100".
private let hundredLines = (1...100).map { "line \($0)" }.joined(separator: "\n")

/// Where `grid` shows the cursor, as [x, y].
private func cursorCell(_ grid: ScreenGrid) -> [Int]? {
    grid.cursor.map { [$0.x, $0.y] }
}

@Suite struct TextAreaTests {
    @Test func splitsAtEveryLineBreakAndJoinsWithNewlines() {
        var area = TextArea("a\r\nb\rc\nd")
        #expect(area.lines == ["a", "b", "c", "d"])
        #expect(area.text == "a\nb\nc\nd")
        #expect(TextArea().lines == [""])
        #expect(TextArea("x\n").lines == ["x", ""])
        _ = area.handle(.pageDown)
        area.text = "x\ny"
        #expect(position(area) == [0, 0])
        #expect(area.topLine == 0)
    }

    @Test func enterKeepsTheIndentationAndBackspaceJoinsLines() {
        var area = TextArea("{\n  \"a\": 1")
        _ = area.handle(.down)
        _ = area.handle(.end)
        #expect(area.handle(.enter) == .edited)
        #expect(area.lines == ["{", "  \"a\": 1", "  "])
        #expect(position(area) == [2, 2])
        type("x", into: &area)
        #expect(area.lines[2] == "  x")
        for _ in 0..<3 { #expect(area.handle(.backspace) == .edited) }
        #expect(area.lines == ["{", "  \"a\": 1", ""])
        #expect(area.handle(.backspace) == .edited)
        #expect(area.lines == ["{", "  \"a\": 1"])
        #expect(position(area) == [1, 8])
        for _ in 0..<4 { _ = area.handle(.left) }
        _ = area.handle(.enter)
        #expect(area.lines == ["{", "  \"a", "  \": 1"])
        _ = area.handle(.home)  // already at the indentation: to column 0
        #expect(position(area) == [2, 0])
        _ = area.handle(.backspace)
        #expect(area.lines == ["{", "  \"a  \": 1"])
        _ = area.handle(.home)
        #expect(position(area) == [1, 2])
        _ = area.handle(.home)
        _ = area.handle(.backspace)
        #expect(area.text == "{  \"a  \": 1")
    }

    @Test func deleteAndCtrlKJoinTheNextLineAtTheEnd() {
        var area = TextArea("ab\ncd\nef")
        _ = area.handle(.end)
        #expect(area.handle(.delete) == .edited)
        #expect(area.lines == ["abcd", "ef"])
        #expect(area.handle(.control("k")) == .edited)
        #expect(area.lines == ["ab", "ef"])
        #expect(area.handle(.control("k")) == .edited)
        #expect(area.lines == ["abef"])
        #expect(area.handle(.control("k")) == .edited)
        #expect(area.handle(.control("k")) == .moved)
        #expect(area.handle(.delete) == .moved)
        #expect(area.lines == ["ab"])
    }

    @Test func tabInsertsTwoSpacesAndTheAppKeysAreIgnored() {
        var area = TextArea("x")
        #expect(area.handle(.tab) == .edited)
        #expect(area.text == "  x")
        for key: Key in [.control("u"), .control("d"), .control("e"), .control("r"), .escape, .backTab, .function(2), .insert] {
            #expect(area.handle(key) == .ignored, "\(key)")
        }
        #expect(area.text == "  x")
        #expect(position(area) == [0, 2])
    }

    @Test func upAndDownKeepTheColumnAcrossShorterLines() {
        var area = TextArea("abcdefgh\nab\nabcdefgh")
        for _ in 0..<6 { _ = area.handle(.right) }
        _ = area.handle(.down)
        #expect(position(area) == [1, 2])
        _ = area.handle(.down)
        #expect(position(area) == [2, 6])
        _ = area.handle(.down)
        #expect(position(area) == [2, 8])
        _ = area.handle(.up)
        _ = area.handle(.up)
        #expect(position(area) == [0, 8])
        #expect(area.handle(.up) == .moved)
        #expect(position(area) == [0, 0])

        var wide = TextArea("中文字\nabcdef")
        _ = wide.handle(.down)
        _ = wide.handle(.end)
        _ = wide.handle(.left)
        _ = wide.handle(.left)
        _ = wide.handle(.up)  // display column 4 is 字
        #expect(position(wide) == [0, 2])
    }

    @Test func leftAndRightCrossLineEnds() {
        var area = TextArea("ab\ncd")
        _ = area.handle(.down)
        _ = area.handle(.left)
        #expect(position(area) == [0, 2])
        _ = area.handle(.right)
        #expect(position(area) == [1, 0])
        _ = area.handle(.alt("b"))
        #expect(position(area) == [0, 2])
        #expect(area.handle(.right) == .moved)
        _ = area.handle(.end)
        #expect(area.handle(.right) == .moved)
        #expect(position(area) == [1, 2])
    }

    @Test func pastesMultipleLines() {
        var area = TextArea("ab")
        _ = area.handle(.right)
        #expect(area.insert("x\r\ny\r\nz") == .edited)
        #expect(area.lines == ["ax", "y", "zb"])
        #expect(position(area) == [2, 1])
        #expect(area.insert("\u{1B}") == .ignored)
        area.insert("\tq\u{7}")
        #expect(area.lines[2] == "z\tqb")
        #expect(position(area) == [2, 3])

        var big = TextArea()
        big.insert((0..<10_000).map { "row \($0)" }.joined(separator: "\n"))
        #expect(big.lines.count == 10_000)
        #expect(position(big) == [9_999, 8])
        let grid = rendered(big, width: 40, height: 10)
        #expect(grid.lines[9] == "10000 row 9999")
        #expect(cursorCell(grid) == [14, 9])
    }

    @Test func rendersWithALineNumberGutter() {
        let area = TextArea("{\n  \"a\": 1\n}")
        let grid = rendered(area, width: 40, height: 5)
        #expect(grid.lines == [" 1 {", " 2   \"a\": 1", " 3 }", "", ""])
        #expect(cursorCell(grid) == [3, 0])
        #expect(grid[1, 0].style.bold)
        #expect(!grid[1, 1].style.bold)
        #expect(grid[1, 1].style.foreground == .gray)
        #expect(rendered(area, width: 40, height: 5, focused: false).cursor == nil)
    }

    @Test func longLinesScrollSidewaysInsteadOfWrapping() {
        var area = TextArea(String(repeating: "0123456789", count: 10) + "\nshort")
        _ = area.handle(.end)
        var grid = rendered(area, width: 20, height: 2)
        #expect(grid.lines == [" 1 890123456789", " 2"])
        #expect(cursorCell(grid) == [15, 0])
        _ = area.handle(.down)
        grid = rendered(area, width: 20, height: 2)
        #expect(grid.lines == [" 1 01234567890123456", " 2 short"])
        #expect(cursorCell(grid) == [8, 1])
    }

    @Test func tabsInTheTextShowUpToTheNextStop() {
        var area = TextArea("\tx\nab")
        _ = area.handle(.right)
        let grid = rendered(area, width: 20, height: 2)
        #expect(grid.lines == [" 1     x", " 2 ab"])
        #expect(cursorCell(grid) == [7, 0])
        _ = area.handle(.down)
        #expect(position(area) == [1, 2])
    }

    @Test func oneColumnDropsTheGutter() {
        var area = TextArea("abc\ndef")
        var grid = rendered(area, width: 1, height: 2)
        #expect(grid.lines == ["a", "d"])
        #expect(cursorCell(grid) == [0, 0])
        _ = area.handle(.end)
        grid = rendered(area, width: 1, height: 2)
        #expect(grid.lines == ["", ""])
        #expect(cursorCell(grid) == [0, 0])
        #expect(rendered(area, width: 0, height: 0).lines == [])
    }

    @Test func pagesAndScrollsByTheLaidOutHeight() {
        var area = TextArea(hundredLines)
        area.layout(height: 5)
        #expect(area.handle(.pageDown) == .moved)
        #expect(area.topLine == 5)
        #expect(position(area) == [5, 0])
        let grid = rendered(area, width: 20, height: 5)
        #expect(grid.lines[0] == "  6 line 6")
        #expect(grid.lines[4] == " 10 line 10")
        #expect(cursorCell(grid) == [4, 0])
        _ = area.handle(.pageUp)
        #expect(area.topLine == 0)
        #expect(position(area) == [0, 0])
        area.scroll(to: 50)
        #expect(area.topLine == 50)
        #expect(position(area) == [50, 0])
        area.scroll(to: 1_000)
        #expect(area.topLine == 95)
        #expect(area.cursorLine == 95)
        area.scroll(to: -3)
        #expect(area.topLine == 0)
        #expect(area.cursorLine == 4)
    }

    @Test func renderShowsTheCursorEvenWithoutALayout() {
        var area = TextArea(hundredLines)
        for _ in 0..<30 { _ = area.handle(.down) }
        let grid = rendered(area, width: 20, height: 5)
        #expect(grid.lines[4] == " 31 line 31")
        #expect(cursorCell(grid) == [4, 4])
    }

    @Test func aTenThousandCharacterLineEditsAndDraws() {
        var area = TextArea()
        area.insert(String(repeating: "abcdefghij", count: 1_000))
        var grid = rendered(area, width: 20, height: 1)
        #expect(grid.lines == [" 1 efghijabcdefghij"])
        #expect(cursorCell(grid) == [19, 0])
        for _ in 0..<100 {
            _ = area.handle(.left)
            _ = area.handle(.character("é"))
            grid = rendered(area, width: 20, height: 1)
        }
        #expect(area.lines[0].count == 10_100)
        _ = area.handle(.home)
        #expect(rendered(area, width: 20, height: 1).lines == [" 1 abcdefghijabcdefg"])
    }
}
