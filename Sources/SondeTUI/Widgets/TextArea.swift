/// A multi-line text editor, for request bodies.
///
/// Long lines are not wrapped: the view scrolls sideways to keep the cursor visible (by half views,
/// as `LineEditor` does), so the columns of JSON stay where they are while typing. Tabs in the
/// text show up to the next multiple of 4 columns; the Tab key inserts two spaces.
///
/// The vertical scroll (`topLine`) is state, updated by every key, paste and `scroll(to:)` so the
/// cursor stays in view; `layout(height:)` tells it the view's height, which is also the step of
/// Page Up / Page Down. `render` stays a pure function of this value: if the view turns out smaller
/// than the last layout, it still shows the cursor.
///
/// Single-line edits (typing, deleting, word moves) are `LineEditor`'s, applied to the cursor's line;
/// this type adds what crosses lines. `Ctrl-U` and `Ctrl-D` are left to the app (half-page scrolls).
package struct TextArea: Sendable, Equatable {
    /// The lines of the text, without their line breaks; never empty.
    package private(set) var lines: [String]
    /// The cursor's line, an index into `lines`.
    package private(set) var cursorLine: Int
    /// The cursor's position in its line, in Characters.
    package private(set) var cursorColumn: Int
    /// The first line shown.
    package private(set) var topLine: Int
    /// The view's height in lines as of the last `layout(height:)` (10 before the first).
    package private(set) var viewHeight: Int
    /// The display column the cursor keeps aiming for while moving up and down through shorter lines.
    private var goalColumn: Int?

    /// The columns between tab stops when a tab in the text is shown.
    static let tabWidth = 4

    /// An editor holding `text`, the cursor at its start.
    package init(_ text: String = "") {
        lines = Self.split(text)
        cursorLine = 0
        cursorColumn = 0
        topLine = 0
        viewHeight = 10
    }

    /// The lines joined with "\n". Setting it splits at any line break ("\r\n" and "\r" included,
    /// so they come back as "\n") and puts the cursor at the start.
    package var text: String {
        get { lines.joined(separator: "\n") }
        set {
            lines = Self.split(newValue)
            cursorLine = 0
            cursorColumn = 0
            topLine = 0
            goalColumn = nil
        }
    }

    /// Tells the editor the height of the rect it will be drawn in, and scrolls to keep the cursor in
    /// it. Call it when the layout changes (every frame is fine: it is cheap).
    package mutating func layout(height: Int) {
        viewHeight = max(1, height)
        keepCursorVisible()
    }

    /// Applies one key. Escape, Shift-Tab, `Ctrl-U`, `Ctrl-D` and other keys without a use here come
    /// back `.ignored` for the app.
    package mutating func handle(_ key: Key) -> EditOutcome {
        clampCursor()
        let outcome: EditOutcome
        let length = lines[cursorLine].count
        switch key {
        case .up: outcome = moveVertically(to: cursorLine - 1)
        case .down: outcome = moveVertically(to: cursorLine + 1)
        case .pageUp: outcome = page(by: -1)
        case .pageDown: outcome = page(by: 1)
        case .left where cursorColumn == 0, .alt("b") where cursorColumn == 0:
            outcome = cursorLine > 0 ? moveTo(line: cursorLine - 1, column: lines[cursorLine - 1].count) : .moved
        case .right where cursorColumn == length, .alt("f") where cursorColumn == length:
            outcome = cursorLine + 1 < lines.count ? moveTo(line: cursorLine + 1, column: 0) : .moved
        case .home:
            let indent = lines[cursorLine].prefix(while: { $0 == " " || $0 == "\t" }).count
            outcome = moveTo(line: cursorLine, column: cursorColumn == indent ? 0 : indent)
        case .enter:
            outcome = splitLine()
        case .tab:
            outcome = editLine { $0.insert("  ") }
        case .backspace where cursorColumn == 0, .control("w") where cursorColumn == 0,
             .alt("\u{7F}") where cursorColumn == 0, .alt("\u{08}") where cursorColumn == 0:
            outcome = joinWithPreviousLine()
        case .delete where cursorColumn == length, .control("k") where cursorColumn == length,
             .alt("d") where cursorColumn == length:
            outcome = joinWithNextLine()
        case .control("u"), .control("d"):
            outcome = .ignored
        case .character, .backspace, .delete, .left, .right, .end, .control, .alt:
            outcome = editLine { $0.handle(key) }
        default:
            outcome = .ignored
        }
        if outcome != .ignored { keepCursorVisible() }
        return outcome
    }

    /// Inserts pasted text at the cursor, line breaks and tabs kept ("\r\n" and "\r" become "\n"),
    /// other control characters dropped. Returns `.ignored` when nothing was left to insert.
    @discardableResult
    package mutating func insert(_ pasted: String) -> EditOutcome {
        var clean = ""
        for character in pasted {
            if character.isNewline {
                clean.append("\n")
            } else if character == "\t" || !DisplayWidth.isControl(character) {
                clean.append(character)
            }
        }
        guard !clean.isEmpty else { return .ignored }
        clampCursor()
        let pieces = Self.split(clean)
        let line = lines[cursorLine]
        let split = line.index(line.startIndex, offsetBy: cursorColumn)
        let before = String(line[..<split]), after = String(line[split...])
        let last = pieces[pieces.count - 1]
        if pieces.count == 1 {
            let head = before + last
            lines[cursorLine] = head + after
            cursorColumn = head.count
        } else {
            var replacement = [before + pieces[0]]
            replacement += pieces[1..<(pieces.count - 1)]
            replacement.append(last + after)
            lines.replaceSubrange(cursorLine...cursorLine, with: replacement)
            cursorLine += pieces.count - 1
            cursorColumn = last.count
        }
        clampCursor()
        goalColumn = nil
        keepCursorVisible()
        return .edited
    }

    /// Scrolls so that `top` is the first line shown (the mouse wheel), as far as the text goes,
    /// and brings the cursor along when it would leave the view.
    package mutating func scroll(to top: Int) {
        clampCursor()
        let height = max(1, viewHeight)
        topLine = min(max(0, top), max(0, lines.count - height))
        let visibleLine = min(max(cursorLine, topLine), min(topLine + height, lines.count) - 1)
        if visibleLine != cursorLine {
            let goal = goalColumn ?? displayColumn
            cursorLine = visibleLine
            cursorColumn = Self.index(atColumn: goal, in: lines[visibleLine])
            goalColumn = goal
        }
    }

    /// Draws the text in `rect` behind a gutter of line numbers (dropped when the rect is too narrow
    /// for it), scrolled to show the cursor; long lines are cut at the edge, not wrapped. Rows past
    /// the end of the text stay blank. When `focused`, `grid.cursor` is set to the cursor cell and
    /// the cursor's line number is bold.
    /// `colouring`, when given, styles stretches of each line shown (JSON syntax colours); it is
    /// asked only for the lines on screen, so its cost does not grow with the text.
    package func render(
        into grid: inout ScreenGrid, in rect: Rect, style: TextStyle, gutterStyle: TextStyle, focused: Bool,
        colouring: ((String) -> [JSONLineColouring.Run])? = nil
    ) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: style)
        let line = min(max(cursorLine, 0), lines.count - 1)
        let column = min(max(cursorColumn, 0), lines[line].count)
        let numberWidth = max(2, String(lines.count).count)
        let gutter = rect.width >= numberWidth + 1 + 4 ? numberWidth + 1 : 0
        let textX = rect.x + gutter, textWidth = rect.width - gutter
        let top = Self.top(keeping: line, visibleFrom: topLine, height: rect.height, lineCount: lines.count)
        let cursor = LineLayout.cursor(at: column, in: lines[line], tabWidth: Self.tabWidth, masked: false)
        let start = LineLayout.scrollStart(cursorColumn: cursor.column, cursorWidth: cursor.width, viewWidth: textWidth)
        for row in 0..<min(rect.height, lines.count - top) {
            let index = top + row
            if gutter > 0 {
                let number = String(index + 1)
                let label = String(repeating: " ", count: numberWidth - number.count) + number
                grid.write(label, x: rect.x, y: rect.y + row, style: focused && index == line ? gutterStyle.bolded : gutterStyle)
            }
            let shown = LineLayout.visible(lines[index], from: start, width: textWidth, tabWidth: Self.tabWidth, masked: false)
            grid.write(shown, x: textX, y: rect.y + row, style: style, limit: textWidth)
            if let colouring {
                // Only as much of the line as can show: a minified 1 MB body is one line.
                let visiblePart = String(lines[index].prefix(start + textWidth + 64))
                Self.colour(visiblePart, runs: colouring(visiblePart), from: start, at: textX, y: rect.y + row, width: textWidth, into: &grid)
            }
        }
        if focused { grid.cursor = (textX + cursor.column - start, rect.y + line - top) }
    }

    /// Restyles the cells of a line drawn from display column `start` by its runs (in Characters).
    private static func colour(_ line: String, runs: [JSONLineColouring.Run], from start: Int, at x: Int, y: Int, width: Int, into grid: inout ScreenGrid) {
        guard !runs.isEmpty else { return }
        var column = 0, runIndex = 0
        for (position, character) in line.enumerated() {
            if column >= start + width { break }
            let w = LineLayout.width(of: character, at: column, tabWidth: tabWidth, masked: false)
            defer { column += w }
            while runIndex < runs.count, runs[runIndex].range.upperBound <= position { runIndex += 1 }
            guard runIndex < runs.count, runs[runIndex].range.contains(position), column >= start, column + w <= start + width else { continue }
            let style = runs[runIndex].style
            grid.restyle(Rect(x: x + column - start, y: y, width: max(1, w), height: 1)) { _ in style }
        }
    }

    // MARK: - Moving

    /// The cursor's display column in its line.
    private var displayColumn: Int {
        LineLayout.cursor(at: cursorColumn, in: lines[cursorLine], tabWidth: Self.tabWidth, masked: false).column
    }

    private mutating func moveTo(line: Int, column: Int) -> EditOutcome {
        cursorLine = line
        cursorColumn = column
        goalColumn = nil
        return .moved
    }

    /// Moves to `target`'s line at the goal column; past the first or last line, to that line's start or end.
    private mutating func moveVertically(to target: Int) -> EditOutcome {
        if target < 0 { return moveTo(line: 0, column: 0) }
        if target >= lines.count { return moveTo(line: lines.count - 1, column: lines[lines.count - 1].count) }
        let goal = goalColumn ?? displayColumn
        cursorLine = target
        cursorColumn = Self.index(atColumn: goal, in: lines[target])
        goalColumn = goal
        return .moved
    }

    /// Moves the view and the cursor a view's height up (-1) or down (+1).
    private mutating func page(by direction: Int) -> EditOutcome {
        let height = max(1, viewHeight)
        topLine = min(max(0, topLine + direction * height), max(0, lines.count - height))
        let target = min(max(0, cursorLine + direction * height), lines.count - 1)
        return moveVertically(to: target == cursorLine ? target + direction : target)
    }

    private mutating func keepCursorVisible() {
        topLine = Self.top(keeping: cursorLine, visibleFrom: topLine, height: max(1, viewHeight), lineCount: lines.count)
    }

    /// The first line to show in a view `height` lines high: `top` if `line` is visible from there,
    /// else scrolled just enough to show it, and never past the point where the last line is at
    /// the bottom.
    static func top(keeping line: Int, visibleFrom top: Int, height: Int, lineCount: Int) -> Int {
        var top = min(top, max(0, lineCount - height))
        if line < top { top = line } else if line >= top + height { top = line - height + 1 }
        return max(0, top)
    }

    /// The Character index in `line` whose cell covers display column `column` (or the end of the line).
    static func index(atColumn column: Int, in line: String) -> Int {
        var start = 0
        var index = 0
        for character in line {
            let width = LineLayout.width(of: character, at: start, tabWidth: tabWidth, masked: false)
            if start + width > column { return index }
            start += width
            index += 1
        }
        return index
    }

    // MARK: - Editing

    /// Applies a single-line edit to the cursor's line through a `LineEditor`.
    private mutating func editLine(_ edit: (inout LineEditor) -> EditOutcome) -> EditOutcome {
        var editor = LineEditor(lines[cursorLine])
        lines[cursorLine] = ""  // the editor's copy is then the only one: edits don't copy the line
        editor.cursor = cursorColumn
        let outcome = edit(&editor)
        lines[cursorLine] = editor.text
        cursorColumn = editor.cursor
        if outcome != .ignored { goalColumn = nil }
        return outcome
    }

    /// Enter: breaks the line at the cursor; the new line starts with the old one's indentation.
    private mutating func splitLine() -> EditOutcome {
        let line = lines[cursorLine]
        let split = line.index(line.startIndex, offsetBy: cursorColumn)
        let before = String(line[..<split])
        let indent = String(before.prefix(while: { $0 == " " || $0 == "\t" }))
        lines[cursorLine] = before
        lines.insert(indent + line[split...], at: cursorLine + 1)
        cursorLine += 1
        cursorColumn = indent.count
        goalColumn = nil
        return .edited
    }

    private mutating func joinWithPreviousLine() -> EditOutcome {
        guard cursorLine > 0 else { return .moved }
        let column = lines[cursorLine - 1].count
        let joined = lines.remove(at: cursorLine)
        lines[cursorLine - 1] += joined
        cursorLine -= 1
        cursorColumn = min(column, lines[cursorLine].count)
        goalColumn = nil
        return .edited
    }

    private mutating func joinWithNextLine() -> EditOutcome {
        guard cursorLine + 1 < lines.count else { return .moved }
        let joined = lines.remove(at: cursorLine + 1)
        lines[cursorLine] += joined
        cursorColumn = min(cursorColumn, lines[cursorLine].count)
        goalColumn = nil
        return .edited
    }

    private mutating func clampCursor() {
        if lines.isEmpty { lines = [""] }
        cursorLine = min(max(cursorLine, 0), lines.count - 1)
        cursorColumn = min(max(cursorColumn, 0), lines[cursorLine].count)
    }

    /// Splits at every line break; an empty text is one empty line.
    static func split(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
