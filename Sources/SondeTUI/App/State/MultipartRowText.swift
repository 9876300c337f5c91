import SondeCore

/// A multipart part as one row of a name/value table, its value written as curl's `-F` writes
/// it: `text`, or `@path` for a file, each with optional `;type=…` and `;filename=…`. One
/// syntax curl users already know, and the table widget of params and headers serves it as it is.
/// A text value that starts with `@` or `\` is written with a `\` in front, so it stays text.
package enum MultipartRowText {
    /// The part as a table row.
    package static func row(_ field: MultipartField) -> KeyValue {
        var value = field.isFile ? "@" + field.value : (field.value.hasPrefix("@") || field.value.hasPrefix("\\") ? "\\" + field.value : field.value)
        if let contentType = field.contentType { value += ";type=" + contentType }
        if let filename = field.filename { value += ";filename=" + filename }
        return KeyValue(field.name, value, enabled: field.enabled)
    }

    /// The part a table row stands for.
    package static func field(_ row: KeyValue) -> MultipartField {
        var value = row.value
        var contentType: String?
        var filename: String?
        // The later of the two suffixes first, so either order reads back.
        while true {
            let typeRange = value.range(of: ";type=", options: .backwards)
            let nameRange = value.range(of: ";filename=", options: .backwards)
            if let typeRange, contentType == nil, nameRange.map({ typeRange.lowerBound > $0.lowerBound }) ?? true {
                contentType = String(value[typeRange.upperBound...])
                value = String(value[..<typeRange.lowerBound])
            } else if let nameRange, filename == nil {
                filename = String(value[nameRange.upperBound...])
                value = String(value[..<nameRange.lowerBound])
            } else {
                break
            }
        }
        let isFile = value.hasPrefix("@")
        if isFile { value.removeFirst() } else if value.hasPrefix("\\") { value.removeFirst() }
        return MultipartField(name: row.name, value: value, isFile: isFile, filename: filename, contentType: contentType, enabled: row.enabled)
    }
}
