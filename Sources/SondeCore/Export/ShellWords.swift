/// The words of a printed shell command (`sonde send --curl`): literal text quoted, secrets
/// written as references to the variables they came from.
package struct ShellWords {
    let secrets: SecretSet
    /// Lines to run before the command: the JSON-escaped copy of a variable a JSON body uses.
    private(set) var preamble: [String] = []

    init(secrets: SecretSet) {
        self.secrets = secrets
    }

    /// One shell word: literal text quoted, a secret from a variable as `"${NAME}"` and, with
    /// `jsonEscaped`, its JSON-escaped form (`a\"b` for `a"b`) as `"${SONDE_JSON_NAME}"`, set by a
    /// preamble line. A secret shorter than `SecretSet.shortestMaskedEverywhere` counts only
    /// where it stands alone, as in masking. Whatever is left still goes through the secret set:
    /// a secret in a form curl cannot rebuild (base64 in a URL path) is masked there.
    mutating func word(_ text: String, jsonEscaped: Bool = false) -> String {
        let needles = needles(jsonEscaped: jsonEscaped)
        var pieces: [String] = []
        var literal = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            // The earliest secret in what is left; the longest one where several start together.
            var earliest: (range: Range<Substring.Index>, needle: Needle)?
            for needle in needles {
                guard let range = firstOccurrence(of: needle.text, in: rest) else { continue }
                if let current = earliest, current.range.lowerBound <= range.lowerBound { continue }
                earliest = (range, needle)
            }
            guard let (range, needle) = earliest else {
                literal += rest
                break
            }
            literal += rest[..<range.lowerBound]
            if let variable = needle.variable {
                if !literal.isEmpty { pieces.append(Self.quote(secrets.redact(literal))) }
                literal = ""
                if needle.isJSONEscaped, let source = needle.source { addJSONCopy(of: source, as: variable) }
                pieces.append("\"${\(variable)}\"")
            } else if let command = needle.command {
                if !literal.isEmpty { pieces.append(Self.quote(secrets.redact(literal))) }
                literal = ""
                pieces.append("\"$(" + (needle.isJSONEscaped ? "{ \(command); } | " + Self.jsonEscapeFilter : command) + ")\"")
            } else {
                literal += SecretSet.mask
            }
            rest = rest[range.upperBound...]
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(Self.quote(secrets.redact(literal))) }
        return pieces.joined()
    }

    /// `text` as one shell word: bare when it is plain, in single quotes otherwise, and as
    /// `$'…'` with `\xNN` escapes when it holds a control or invisible character, so nothing in
    /// it reaches the terminal raw.
    package static func quote(_ text: some StringProtocol) -> String {
        if text.isEmpty { return "''" }
        if text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0)) }) { return String(text) }
        let needsEscapes = text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || TerminalSafeText.isInvisible($0) }
        guard needsEscapes else { return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var out = "$'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case _ where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || TerminalSafeText.isInvisible(scalar):
                for byte in String(scalar).utf8 { out += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    private struct Needle {
        var text: String
        /// The shell variable written in its place; nil for a secret with none (masked).
        var variable: String?
        var isJSONEscaped = false
        /// For a JSON-escaped form, the variable holding the value itself.
        var source: String?
        /// The shell command that prints the secret (`{{file:}}`, `{{cmd:}}`), written as `"$(…)"`.
        var command: String?
    }

    /// A `sed` that JSON-escapes backslashes and double quotes, as `addJSONCopy` does.
    private static let jsonEscapeFilter = "sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g'"


    private func needles(jsonEscaped: Bool) -> [Needle] {
        var needles: [Needle] = []
        for value in secrets.values {
            let name = secrets.variableNames[value].flatMap { Self.isShellName($0) ? $0 : nil }
            let command = name == nil ? secrets.shellCommands[value].map(TerminalSafeText.singleLine) : nil
            needles.append(Needle(text: value, variable: name, command: command))
            let escaped = String(JSONText.quote(value).dropFirst().dropLast())
            if jsonEscaped, escaped != value {
                needles.append(Needle(
                    text: escaped, variable: name.map { "SONDE_JSON_" + $0 }, isJSONEscaped: true, source: name, command: command))
            }
        }
        return needles.sorted { $0.text.count > $1.text.count }
    }

    /// The first occurrence of `needle`; one of a short secret only where it stands alone.
    private func firstOccurrence(of needle: String, in text: Substring) -> Range<Substring.Index>? {
        var searched = text
        while let range = searched.range(of: needle) {
            guard needle.unicodeScalars.count < SecretSet.shortestMaskedEverywhere else { return range }
            let before = text[..<range.lowerBound].utf8.last
            let after = text[range.upperBound...].utf8.first
            if !(before.map(SecretPattern.isTokenByte) ?? false), !(after.map(SecretPattern.isTokenByte) ?? false) { return range }
            searched = text[text.index(after: range.lowerBound)...]
        }
        return nil
    }

    private mutating func addJSONCopy(of source: String, as variable: String) {
        let line = "\(variable)=$(printf '%s' \"${\(source)}\" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g')"
        if !preamble.contains(line) { preamble.append(line) }
    }

    private static func isShellName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
