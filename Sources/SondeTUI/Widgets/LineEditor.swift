/// A one-line text field: the URL, the collections filter, a prompt, a table cell being edited.
///
/// The cursor counts Characters, so a CJK character, an emoji or an "é" built from a combining
/// accent is one step for the arrows and one deletion for backspace; drawing places it by display
/// columns. Keys follow readline where the app leaves them free: `Ctrl-U` / `Ctrl-K` delete to the
/// start / end, `Ctrl-W` deletes back to whitespace, `Alt-Backspace` / `Alt-d` delete a word back /
/// forward, `Alt-b` / `Alt-f` move by words. `Ctrl-A` and `Ctrl-E` are left to the app (Ctrl-E opens
/// `$EDITOR`); Home and End move to the ends.
package struct LineEditor: Sendable, Equatable {
    package var text: String
    /// The cursor, in Characters from the start: `0...text.count`. A value out of range (after
    /// `text` was set directly) is clamped on the next key.
    package var cursor: Int

    /// An editor holding `text`, the cursor at its end.
    package init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies one key. Printable characters insert; Enter, Escape, Tab, up/down and control keys
    /// this editor has no use for come back `.ignored` for the app to handle.
    package mutating func handle(_ key: Key) -> EditOutcome {
        let count = text.count
        let position = min(max(cursor, 0), count)
        switch key {
        case .character(let character):
            guard !DisplayWidth.isControl(character) else { return .ignored }
            return replace(position..<position, with: String(character))
        case .backspace:
            return replace(max(0, position - 1)..<position, with: "")
        case .delete:
            return replace(position..<min(count, position + 1), with: "")
        case .left:
            return move(to: position - 1)
        case .right:
            return move(to: position + 1)
        case .home:
            return move(to: 0)
        case .end:
            return move(to: count)
        case .alt("b"):
            return move(to: Self.wordStart(before: position, in: Array(text), isWord: Self.isWordCharacter))
        case .alt("f"):
            return move(to: Self.wordEnd(after: position, in: Array(text), isWord: Self.isWordCharacter))
        case .alt("d"):
            return replace(position..<Self.wordEnd(after: position, in: Array(text), isWord: Self.isWordCharacter), with: "")
        case .alt("\u{7F}"), .alt("\u{08}"):
            // Alt-Backspace: terminals send Escape then DEL (or BS), decoded as Alt with that character.
            return replace(Self.wordStart(before: position, in: Array(text), isWord: Self.isWordCharacter)..<position, with: "")
        case .control("w"):
            return replace(Self.wordStart(before: position, in: Array(text), isWord: { !$0.isWhitespace })..<position, with: "")
        case .control("u"):
            return replace(0..<position, with: "")
        case .control("k"):
            return replace(position..<count, with: "")
        default:
            return .ignored
        }
    }

    /// Inserts pasted text at the cursor. A field holds one line, so newlines and tabs become
    /// spaces (trailing newlines, as copied with a line, are dropped) and control characters are
    /// dropped. Returns `.ignored` when nothing was left to insert.
    @discardableResult
    package mutating func insert(_ pasted: String) -> EditOutcome {
        var clean = ""
        for character in pasted.reversed().drop(while: \.isNewline).reversed() {
            if character.isNewline || character == "\t" {
                clean.append(" ")
            } else if !DisplayWidth.isControl(character) {
                clean.append(character)
            }
        }
        guard !clean.isEmpty else { return .ignored }
        let position = min(max(cursor, 0), text.count)
        return replace(position..<position, with: clean)
    }

    /// Draws the text in the first row of `rect`. When `focused`, the view scrolls sideways to keep
    /// the cursor visible (by half views, see `LineLayout.scrollStart`) and `grid.cursor` is set to the
    /// cursor cell; otherwise the text shows from its start, cut with "…". `masked` draws one "•"
    /// per character, for secret values being typed.
    package func render(into grid: inout ScreenGrid, in rect: Rect, style: TextStyle, focused: Bool, masked: Bool = false) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        guard focused else {
            let shown = masked ? String(repeating: "•", count: text.count) : text
            grid.writeLine(DisplayWidth.truncate(shown, to: rect.width), in: row, style: style)
            return
        }
        let position = min(max(cursor, 0), text.count)
        let (column, width) = LineLayout.cursor(at: position, in: text, tabWidth: nil, masked: masked)
        let start = LineLayout.scrollStart(cursorColumn: column, cursorWidth: width, viewWidth: rect.width)
        grid.writeLine(LineLayout.visible(text, from: start, width: rect.width, tabWidth: nil, masked: masked), in: row, style: style)
        grid.cursor = (rect.x + column - start, rect.y)
    }

    // MARK: - Editing

    private mutating func move(to position: Int) -> EditOutcome {
        cursor = min(max(position, 0), text.count)
        return .moved
    }

    /// Replaces the Characters in `range` (clamped by the caller) and leaves the cursor after the
    /// inserted text. Counting the new prefix, not adding lengths, keeps the cursor right when a
    /// combining mark merges with the character before it.
    private mutating func replace(_ range: Range<Int>, with inserted: String) -> EditOutcome {
        guard !range.isEmpty || !inserted.isEmpty else {
            cursor = range.lowerBound
            return .moved
        }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(lower, offsetBy: range.count)
        let head = String(text[..<lower]) + inserted
        text = head + text[upper...]
        cursor = head.count  // never past the end: joining can only merge the seam into one character
        return .edited
    }

    // MARK: - Words

    /// Letters, digits and "_" make words for Alt-b/f/d and Alt-Backspace, as in readline.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// Where the word before `position` starts: skips non-word characters, then word characters.
    static func wordStart(before position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        var index = min(position, characters.count)
        while index > 0, !isWord(characters[index - 1]) { index -= 1 }
        while index > 0, isWord(characters[index - 1]) { index -= 1 }
        return index
    }

    /// Where the word after `position` ends: skips non-word characters, then word characters.
    static func wordEnd(after position: Int, in characters: [Character], isWord: (Character) -> Bool) -> Int {
        var index = max(0, position)
        while index < characters.count, !isWord(characters[index]) { index += 1 }
        while index < characters.count, isWord(characters[index]) { index += 1 }
        return index
    }
}
