import SondeCore

/// How many terminal columns a character takes: 0 for combining marks, 2 for East Asian wide
/// characters and emoji, 1 otherwise. Approximates `wcwidth` without depending on the C locale,
/// so layouts computed in tests match the terminal. Control characters count 1 because
/// `ScreenGrid.write` draws them as "�", and a bidi or zero width character standing alone
/// counts `TerminalSafeText.visibleNameWidth` because it is drawn by name (`<U+202E>`), so
/// widths measured here match what gets drawn.
package enum DisplayWidth {
    package static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if isControl(first) { return 1 }
        if TerminalSafeText.isInvisible(first) { return TerminalSafeText.visibleNameWidth }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2  // emoji presentation selector
        }
        return of(first)
    }

    package static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// Whether `character` starts with a C0 or C1 control (newlines, tab and escape included):
    /// never sent to the terminal as is.
    package static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isControl) ?? false
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    package static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`.
    package static func prefix(of text: String, fitting columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > columns { break }
            used += w
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// `text` cut to `columns`, ending in "…" when it had to be cut.
    package static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        return String(prefix(of: text, fitting: columns - 1)) + "…"
    }

    /// `text` padded with spaces (or cut) to exactly `columns`.
    package static func pad(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        let width = of(cut)
        return width < columns ? cut + String(repeating: " ", count: columns - width) : cut
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1F680...0x1F6FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
