import Testing
import SondeTUI

@Suite struct ScreenGridTests {
    @Test func drawingIsClippedToTheGridAndTheLimit() {
        var grid = ScreenGrid(width: 10, height: 3)
        #expect(grid.write("hello world", x: 6, y: 0) == 4)
        grid.write("never", x: 0, y: 5)
        grid.write("never", x: 0, y: -1)
        grid.fill(Rect(x: -2, y: -1, width: 4, height: 2), with: "#")
        #expect(grid.write("abcdef", x: 1, y: 1, limit: 3) == 3)
        grid.fill(Rect(x: 8, y: 2, width: 10, height: 10), with: "%")
        #expect(grid.lines == ["##    hell", " abc", "        %%"])
    }

    @Test func aWideCharacterAtTheRightEdgeIsNotHalfDrawn() {
        var grid = ScreenGrid(width: 5, height: 2)
        #expect(grid.write("ab中文", x: 0, y: 0) == 4)
        #expect(grid.write("中", x: 4, y: 1) == 0)
        #expect(grid.lines == ["ab中", ""])
        #expect(grid[3, 0].isWideTail)
        #expect(grid[4, 0] == .blank)
        #expect(grid[4, 1] == .blank)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var grid = ScreenGrid(width: 6, height: 3)
        grid.write("中文", x: 0, y: 0)
        grid.write("a", x: 1, y: 0)  // the right half of 中
        #expect(grid.line(0) == " a文")
        grid.write("b", x: 2, y: 0)  // the left half of 文
        #expect(grid.line(0) == " ab")
        #expect(grid.find("b")?.x == 2)
        #expect(!grid[3, 0].isWideTail)

        grid.write("中文", x: 0, y: 1)
        grid.fill(Rect(x: 1, y: 1, width: 2, height: 1), with: "-")
        #expect(grid.line(1) == " --")

        grid.write("中a", x: -1, y: 2)  // cut by the left edge
        #expect(grid.line(2) == " a")
    }

    @Test func controlCharactersAreDrawnAsReplacementCharacters() {
        var grid = ScreenGrid(width: 20, height: 1)
        let used = grid.write("a\u{1B}[31mb\tc\r\nd\u{7F}", x: 0, y: 0)
        #expect(grid.line(0) == "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(used == DisplayWidth.of("a\u{1B}[31mb\tc\r\nd\u{7F}"))
        #expect(DisplayWidth.isControl("\u{1B}"))
        #expect(DisplayWidth.isControl("\r\n"))
        #expect(!DisplayWidth.isControl("é"))
        #expect(DisplayWidth.of(DisplayWidth.pad("a\u{7}", to: 4)) == 4)
    }

    @Test func bidiAndZeroWidthCharactersAreDrawnByName() {
        var grid = ScreenGrid(width: 24, height: 2)
        let text = "a\u{202E}b\u{200B}c"
        #expect(grid.write(text, x: 0, y: 0) == 19)
        #expect(grid.line(0) == "a<U+202E>b<U+200B>c")
        #expect(DisplayWidth.of(text) == 19, "widths agree with what is drawn")
        #expect(grid.write("xy\u{2066}z", x: 0, y: 1, limit: 6) == 2, "a name that does not fit is not cut")
        #expect(grid.line(1) == "xy")
        #expect(grid.write("👩\u{200D}💻", x: 10, y: 1) == 2, "a joiner inside an emoji is the emoji's")
    }

    @Test func combiningMarksJoinTheirCharacter() {
        var grid = ScreenGrid(width: 10, height: 1)
        #expect(grid.write("e\u{301}x\u{301}", x: 0, y: 0) == 2)
        #expect(grid.line(0) == "e\u{301}x\u{301}")
        #expect(grid.write("\u{301}z", x: 4, y: 0) == 1)  // a lone mark has no cell
        #expect(grid.line(0) == "e\u{301}x\u{301}  z")
    }

    @Test func aBoxWithALongTitleFitsTwentyColumns() {
        var grid = ScreenGrid(width: 20, height: 3)
        grid.box(grid.bounds, title: "A very long title that does not fit")
        #expect(grid.lines == [
            "┌─ A very long t… ─┐",
            "│                  │",
            "└──────────────────┘",
        ])
        var tiny = ScreenGrid(width: 3, height: 3)
        tiny.box(Rect(x: 0, y: 0, width: 2, height: 2), title: "Title")
        tiny.box(Rect(x: 2, y: 0, width: 1, height: 3), title: "Title")
        #expect(tiny.lines == ["┌┐", "└┘", ""])
    }

    @Test func rectanglesSplitAndShrinkWithinTheirBounds() {
        let rect = Rect(x: 2, y: 1, width: 10, height: 4)
        #expect(rect.inset(dx: 1, dy: 1) == Rect(x: 3, y: 2, width: 8, height: 2))
        #expect(rect.inset(dx: 6).isEmpty)
        let (left, right) = rect.splitColumns(at: 30)
        #expect(left == rect)
        #expect(right.isEmpty)
        let (top, bottom) = rect.splitRows(at: 1)
        #expect(top == Rect(x: 2, y: 1, width: 10, height: 1))
        #expect(bottom == Rect(x: 2, y: 2, width: 10, height: 3))
        #expect(rect.row(3) == Rect(x: 2, y: 4, width: 10, height: 1))
        #expect(rect.row(4).isEmpty)
        #expect(rect.centered(width: 4, height: 10) == Rect(x: 5, y: 1, width: 4, height: 4))
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
        #expect(rect.contains(x: 11, y: 4))
        #expect(!rect.contains(x: 12, y: 4))
    }

    @Test func displayWidthsOfWideAndCombiningCharacters() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.truncate("中文字", to: 4) == "中…")
        #expect(DisplayWidth.pad("中文字", to: 4) == "中… ")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.prefix(of: "中文", fitting: 3) == "中")
    }
}
