/// Where the characters of one line of text fall in display columns, and which part of the line
/// a view narrower than the line shows. `LineEditor` and `TextArea` share it, so both measure,
/// scroll and place the cursor the same way, wide characters and tabs included.
enum LineLayout {
    /// The columns `character` takes when it starts at display column `column`. With a `tabWidth`
    /// a tab reaches the next tab stop; without one it is a control character, drawn as "�".
    /// Masked text is one bullet per character.
    static func width(of character: Character, at column: Int, tabWidth: Int?, masked: Bool) -> Int {
        if masked { return 1 }
        if let tabWidth, character == "\t" { return tabWidth - column % tabWidth }
        return DisplayWidth.of(character)
    }

    /// The display column where the character at `index` starts, and the columns the cursor box
    /// there covers: the character's width, or 1 past the end of the text and on zero-width marks.
    static func cursor(at index: Int, in text: some StringProtocol, tabWidth: Int?, masked: Bool) -> (column: Int, width: Int) {
        var column = 0
        var position = 0
        for character in text {
            let w = width(of: character, at: column, tabWidth: tabWidth, masked: masked)
            if position == index { return (column, max(1, w)) }
            column += w
            position += 1
        }
        return (column, 1)
    }

    /// The first display column to show in a view `viewWidth` columns wide so that the cursor and
    /// the whole character under it are visible. It moves by half a view at a time, not column by
    /// column, so the text holds still while the cursor moves inside the view and no offset has to
    /// be stored: the view is a function of the cursor alone.
    static func scrollStart(cursorColumn: Int, cursorWidth: Int, viewWidth: Int) -> Int {
        guard viewWidth > 0 else { return cursorColumn }
        let end = cursorColumn + cursorWidth
        guard end > viewWidth else { return 0 }
        let step = max(1, viewWidth / 2)
        let start = (end - viewWidth + step - 1) / step * step
        return min(start, cursorColumn)
    }

    /// The text seen from display column `start` in a view `viewWidth` columns wide. A wide
    /// character cut by the left edge leaves a blank, one cut by the right edge is left out; tabs
    /// (with a `tabWidth`) become spaces and masked text bullets, so the result draws as measured.
    static func visible(_ text: some StringProtocol, from start: Int, width viewWidth: Int, tabWidth: Int?, masked: Bool) -> String {
        var shown = ""
        var column = 0
        let end = start + max(0, viewWidth)
        for character in text {
            if column >= end { break }
            let w = width(of: character, at: column, tabWidth: tabWidth, masked: masked)
            defer { column += w }
            if column + w <= start { continue }
            if column < start {
                shown += String(repeating: " ", count: min(column + w, end) - start)
            } else if column + w > end {
                break
            } else if masked {
                shown.append("•")
            } else if tabWidth != nil, character == "\t" {
                shown += String(repeating: " ", count: w)
            } else {
                shown.append(character)
            }
        }
        return shown
    }
}
