import SondeCore

/// A multipart part as one row of a name/value table, its value written as curl's `-F` writes
/// it: `text`, or `@path` for a file, each with optional `;type=…` and `;filename=…`. One
/// syntax curl users already know, and the table widget of params and headers serves it as it is.
/// Inside a value, `\;` stands for a `;` and `\\` for a `\` where they would otherwise be read
/// as the start of `;type=` or `;filename=`, or as such an escape: every value reads back as it
/// was (a text part holding `a;type=text/html` was saved as the text `a` of type text/html). A
/// text value whose row would start with `@` or `\` gets one `\` in front, so it stays text.
package enum MultipartRowText {
    /// The part as a table row.
    package static func row(_ field: MultipartField) -> KeyValue {
        let text = escaped(field.value)
        var value = field.isFile ? "@" + text : (text.hasPrefix("@") || text.hasPrefix("\\") ? "\\" + text : text)
        if let contentType = field.contentType { value += ";type=" + contentType }
        if let filename = field.filename { value += ";filename=" + filename }
        return KeyValue(field.name, value, enabled: field.enabled)
    }

    /// The part a table row stands for.
    package static func field(_ row: KeyValue) -> MultipartField {
        var text = Substring(row.value)
        let isFile = text.hasPrefix("@")
        if isFile || text.hasPrefix("\\") { text.removeFirst() }
        var value = ""
        var rest = text.startIndex
        // The value, up to the first `;type=` or `;filename=` that is not escaped.
        while rest < text.endIndex {
            let character = text[rest]
            let next = text.index(after: rest)
            if character == "\\", next < text.endIndex, text[next] == ";" || text[next] == "\\" {
                value.append(text[next])
                rest = text.index(after: next)
            } else if character == ";", Self.startsSuffix(text[next...]) {
                break
            } else {
                value.append(character)
                rest = next
            }
        }
        var suffixes = String(text[rest...])
        var contentType: String?
        var filename: String?
        // The later of the two suffixes first, so either order reads back.
        while true {
            let typeRange = suffixes.range(of: ";type=", options: .backwards)
            let nameRange = suffixes.range(of: ";filename=", options: .backwards)
            if let typeRange, contentType == nil, nameRange.map({ typeRange.lowerBound > $0.lowerBound }) ?? true {
                contentType = String(suffixes[typeRange.upperBound...])
                suffixes = String(suffixes[..<typeRange.lowerBound])
            } else if let nameRange, filename == nil {
                filename = String(suffixes[nameRange.upperBound...])
                suffixes = String(suffixes[..<nameRange.lowerBound])
            } else {
                break
            }
        }
        return MultipartField(name: row.name, value: value, isFile: isFile, filename: filename, contentType: contentType, enabled: row.enabled)
    }

    /// `value` as written in a row: a `;` that would start a suffix as `\;`, and a `\` that would
    /// start an escape (before a `\` or a `;`) or end the value (before a suffix) as `\\`.
    private static func escaped(_ value: String) -> String {
        var text = ""
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            let next = value.index(after: index)
            if character == ";", startsSuffix(value[next...]) {
                text += "\\;"
            } else if character == "\\", next == value.endIndex || value[next] == ";" || value[next] == "\\" {
                text += "\\\\"
            } else {
                text.append(character)
            }
            index = next
        }
        return text
    }

    private static func startsSuffix(_ text: Substring) -> Bool {
        text.hasPrefix("type=") || text.hasPrefix("filename=")
    }
}
