/// Text from a server made inert for a terminal: control characters and escape sequences are
/// shown as visible escapes (`\x1b`) instead of being obeyed, so a body cannot move the cursor,
/// change colours or retitle the window.
public enum TerminalSafeText {
    /// `text` with every C0/C1 control character except newline and tab written as `\xNN`.
    /// Invalid UTF-8 has already become U+FFFD by the time bytes are decoded into a String.
    public static func make(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` on one line and inert: newline, carriage return and tab written as `\n`, `\r`,
    /// `\t`, other control characters as `\xNN`. For rows of a viewer (a JSON value, a
    /// streamed record), where a line break would break the layout.
    public static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) else { return text }
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

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
        default: false
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
