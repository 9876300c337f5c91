import SondeCore

/// The whole screen as a grid of cells in memory. Widgets draw into it; a backend copies it to
/// the terminal; tests assert on it. Drawing clips to the grid and to the rectangle given, so a
/// widget can never write outside its area, whatever the terminal size.
package struct ScreenGrid: Sendable, Equatable {
    package private(set) var width: Int
    package private(set) var height: Int
    package private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a text field being edited), or nil to hide it.
    package var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { CursorPosition(x: $0.x, y: $0.y) } }
    }
    private var cursorPosition: CursorPosition?

    private struct CursorPosition: Sendable, Equatable { var x: Int; var y: Int }

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    package var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    package subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && x < width && y >= 0 && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Fills `rect` with `character` in `style`.
    package mutating func fill(_ rect: Rect, with character: Character = " ", style: TextStyle = .plain) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            clearWideHalves(x: clipped.x, y: y, width: clipped.width)
            for x in clipped.x..<clipped.maxX { cells[y * width + x] = Cell(character, style: style) }
        }
    }

    /// Writes `text` on one row starting at (x, y), never past `limit` columns (nor the grid's
    /// edge). Control characters are drawn as "�" and a bidi or zero width character standing
    /// alone by name (`<U+202E>`, as `TerminalSafeText` writes it): text must have been made
    /// inert before, and this is the last guard that keeps them from reaching the terminal.
    /// Returns the columns used.
    @discardableResult
    package mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: TextStyle = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var column = x
        for character in text {
            if let first = character.unicodeScalars.first, TerminalSafeText.isInvisible(first) {
                let name = TerminalSafeText.visibleName(of: first)
                if column + name.count > end { break }
                column += write(name, x: column, y: y, style: style, limit: end - column)
                continue
            }
            let w = DisplayWidth.of(character)
            if w == 0 { continue }  // a lone combining mark: nothing to attach it to in a cell model
            let shown: Character = DisplayWidth.isControl(character) ? "\u{FFFD}" : character
            if column + w > end { break }
            if column >= 0 {
                clearWideHalves(x: column, y: y, width: w)
                cells[y * width + column] = Cell(shown, style: style)
                if w == 2 { cells[y * width + column + 1] = Cell(" ", style: style, isWideTail: true) }
            } else if column + w > 0 {
                // The right half of a wide character cut by the left edge: blank, not stale.
                clearWideHalves(x: 0, y: y, width: 1)
                cells[y * width] = Cell(" ", style: style)
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Writes `text` inside `rect`'s first row, padded with the style to the full width.
    package mutating func writeLine(_ text: some StringProtocol, in rect: Rect, style: TextStyle = .plain) {
        guard !rect.isEmpty else { return }
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        write(text, x: rect.x, y: rect.y, style: style, limit: rect.width)
    }

    /// Sets the style of every cell in `rect`, keeping characters (for highlighting a row).
    package mutating func restyle(_ rect: Rect, _ transform: (TextStyle) -> TextStyle) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Draws a single-line box border around `rect`, with an optional title in the top edge.
    package mutating func box(_ rect: Rect, title: String = "", style: TextStyle = .plain, titleStyle: TextStyle? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in rect.x + 1..<rect.maxX - 1 {
            self[x, rect.y] = Cell("─", style: style)
            self[x, rect.maxY - 1] = Cell("─", style: style)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, y] = Cell("│", style: style)
            self[rect.maxX - 1, y] = Cell("│", style: style)
        }
        self[rect.x, rect.y] = Cell("┌", style: style)
        self[rect.maxX - 1, rect.y] = Cell("┐", style: style)
        self[rect.x, rect.maxY - 1] = Cell("└", style: style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell("┘", style: style)
        if !title.isEmpty, rect.width > 4 {
            write(" " + DisplayWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y,
                  style: titleStyle ?? style, limit: rect.width - 4)
        }
    }

    /// The text of each row, trailing spaces removed: what tests compare against.
    package var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// The text of row `y`, trailing spaces removed.
    package func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width where !cells[y * width + x].isWideTail {
            text.append(cells[y * width + x].character)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Whether any row contains `text`.
    package func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    /// The (x, y) of the first occurrence of `text`, searching row by row.
    package func find(_ text: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            let row = line(y)
            if let range = row.range(of: text) {
                return (DisplayWidth.of(row[..<range.lowerBound]), y)
            }
        }
        return nil
    }

    package static func == (lhs: ScreenGrid, rhs: ScreenGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }

    /// Blanks the other half of any wide character that cells `x..<x+w` of row `y` cut through.
    /// A half left behind would shift every later column, in `line(_:)` and on the terminal.
    private mutating func clearWideHalves(x: Int, y: Int, width w: Int) {
        let row = y * width
        if x > 0, x < width, cells[row + x].isWideTail {
            cells[row + x - 1] = Cell(" ", style: cells[row + x - 1].style)
        }
        let after = x + w
        if after >= 0, after < width, cells[row + after].isWideTail {
            cells[row + after] = Cell(" ", style: cells[row + after].style)
        }
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

extension ScreenGrid: CustomStringConvertible {
    /// The rows as text, so a failing test shows the screen rather than a dump of cells.
    package var description: String {
        "\(width)×\(height) screen:\n" + lines.joined(separator: "\n")
    }
}
