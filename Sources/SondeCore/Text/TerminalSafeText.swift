/// Text from a server or a file made inert for a terminal: control characters and escape
/// sequences are shown as visible escapes (`\x1b`) instead of being obeyed, so a body cannot
/// move the cursor, change colours, retitle the window or write the clipboard (OSC 52); and
/// characters that would change how text reads while staying invisible (bidi overrides, zero
/// width characters) are shown as `<U+202E>`, so `evil\u{202E}txt.exe` cannot pass for
/// `evilexe.txt`. Everything sonde prints of a request or a response passes through here.
public enum TerminalSafeText {
    /// `text` with every C0/C1 control character except newline and tab written as `\xNN`, and
    /// every invisible formatting character as `<U+XXXX>`.
    /// Invalid UTF-8 has already become U+FFFD by the time bytes are decoded into a String.
    public static func make(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if isControl(scalar) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2, with: "0")
            } else if isInvisible(scalar), !joinsEmoji(scalars, at: index) {
                out += visibleName(of: scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` on one line and inert: newline, carriage return and tab written as `\n`, `\r`,
    /// `\t`, other control characters as `\xNN`. For rows of a viewer (a JSON value, a
    /// streamed record) and for one-line printouts (a header name), where a line break would
    /// break the layout or forge a line.
    public static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) else { return make(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return make(out)
    }

    /// Decodes bytes as UTF-8 (invalid sequences replaced) and makes the text inert.
    public static func make(_ bytes: some Collection<UInt8>) -> String {
        make(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether bytes look like binary rather than text: a NUL, or many invalid UTF-8 sequences.
    public static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        let sample = bytes.prefix(8192)
        if sample.contains(0) { return true }
        let decoded = String(decoding: sample, as: UTF8.self)
        let replacements = decoded.unicodeScalars.lazy.filter { $0 == "\u{FFFD}" }.count
        return replacements > 8 || (replacements > 0 && replacements * 20 > sample.count)
    }

    /// Whether `scalar` changes how the text around it reads without being seen: the bidi
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the zero width
    /// space, non-joiner and joiner (U+200B–U+200D), the word joiner (U+2060) and the byte
    /// order mark (U+FEFF).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// How an invisible character is shown: `<U+202E>`, always `visibleNameWidth` columns.
    public static func visibleName(of scalar: Unicode.Scalar) -> String {
        "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4, with: "0") + ">"
    }

    /// The columns `visibleName(of:)` takes: every invisible character is in the BMP.
    public static let visibleNameWidth = 8

    /// A zero width joiner between two emoji (👩‍💻) is how the emoji is spelled, not a trick:
    /// it is kept.
    private static func joinsEmoji(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard scalars[index].value == 0x200D, index > 0, index + 1 < scalars.count else { return false }
        func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isEmoji && scalar.value >= 0x2000 || scalar.value == 0xFE0F
        }
        return isPictograph(scalars[index - 1]) && isPictograph(scalars[index + 1])
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isInvisible(scalar)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
        default: false
        }
    }
}
