import Foundation

/// The body of a `.http` request as one of sonde's body kinds, chosen by its Content-Type
/// header, else by its first character (`{` or `[` is JSON).
extension HTTPFileParser {
    mutating func body(_ lines: [Line], headers: inout [KeyValue]) throws(HTTPFileImportError) -> RequestBody {
        guard let first = lines.first else { return .none }
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value
        let lowerType = contentType?.lowercased() ?? ""
        if lines.count == 1, let path = Self.include(first.trimmed) {
            return .file(path: try includedFile(path, line: first), contentType: nil)
        }
        if lowerType.hasPrefix("multipart/form-data"), let boundary = Self.parameter("boundary", in: contentType ?? "") {
            if let parts = try multipart(lines, boundary: boundary) {
                // sonde (libcurl) writes its own boundary; the source's would no longer match the body.
                headers.removeAll { $0.name.lowercased() == "content-type" }
                return .multipart(parts)
            }
            context.note(first.number, "multipart body not in the form --boundary, part headers, blank line, value: kept as text")
        }
        if let include = lines.first(where: { Self.include($0.trimmed) != nil }) {
            context.note(include.number, "a file include (<) inside a text body is kept as that line of text: sonde includes a file only as the whole body")
        }
        let text = try context.rewrite(lines.map(\.text).joined(separator: "\n"), line: first.number)
        if lowerType.contains("json") || (contentType == nil && (first.trimmed.hasPrefix("{") || first.trimmed.hasPrefix("["))) {
            return .json(secretJSONValues(in: text))
        }
        if lowerType.hasPrefix("application/x-www-form-urlencoded") {
            return .form(formFields(text))
        }
        return .text(text, contentType: contentType ?? "text/plain; charset=utf-8")
    }

    /// The JSON text with each credential written as a string member (`"password": "hunter2"`)
    /// moved to a secret. sonde escapes what it fills into a string, so the reference stands
    /// for the value as decoded; a value with escapes in it is left alone.
    private mutating func secretJSONValues(in text: String) -> String {
        let member = /"([^"\\\n]*)"\s*:\s*"([^"\\\n]*)"/
        var output = ""
        var rest = text[...]
        while let match = rest.firstMatch(of: member) {
            let (_, key, value) = match.output
            output += rest[..<match.range.lowerBound]
            if ImportSecrets.looksSecret(name: String(key)), ImportSecrets.shouldMove(name: String(key), value: String(value)) {
                let reference = context.secrets.reference(for: String(value), suggestedNames: [String(key)])
                output += rest[match.range.lowerBound..<value.startIndex] + reference + "\""
            } else {
                output += rest[match.range]
            }
            rest = rest[match.range.upperBound...]
        }
        return output + rest
    }

    /// The path of a `< path` or `<@ path` include line, nil for any other line.
    static func include(_ trimmed: String) -> String? {
        guard trimmed.hasPrefix("<"), !trimmed.hasPrefix("<>") else { return nil }
        let path = trimmed.dropFirst().drop { $0 == "@" }.trimmingCharacters(in: .whitespaces)
        return path.isEmpty ? nil : path
    }

    /// The included file's path, kept relative, with the warning that it must be copied.
    private mutating func includedFile(_ path: String, line: Line) throws(HTTPFileImportError) -> String {
        let rewritten = try context.rewrite(path, line: line.number)
        var message = "body read from \(rewritten), relative to the .http file: copy it to the same place relative to the request's YAML file, where sonde reads it"
        if line.trimmed.hasPrefix("<@") { message += "; sonde sends it as it is, without filling in its {{variables}}" }
        context.note(line.number, message)
        return rewritten
    }

    /// `a=1&b=2` (also split over lines, each starting with `&`) as form fields, decoded; a
    /// credential's value moves to `{{env:NAME}}`.
    private mutating func formFields(_ text: String) -> [KeyValue] {
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        return joined.split(separator: "&").map { pair in
            let (name, value) = pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) } ?? (String(pair), "")
            let field = KeyValue(Self.formDecoded(name), Self.formDecoded(value))
            guard ImportSecrets.shouldMove(name: field.name, value: field.value) else { return field }
            return KeyValue(field.name, context.secrets.reference(for: field.value, suggestedNames: [field.name]))
        }
    }

    /// Percent-decoded with `+` as a space, or as written when it is not valid percent-encoding.
    static func formDecoded(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? text
    }

    /// A header parameter (`boundary=abc` in `multipart/form-data; boundary=abc`), unquoted.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The parts of a multipart body; nil when it is not in the expected shape.
    private mutating func multipart(_ lines: [Line], boundary: String) throws(HTTPFileImportError) -> [MultipartField]? {
        var parts: [[Line]] = []
        var current: [Line]?
        for line in lines {
            let trimmed = line.trimmed
            if trimmed == "--\(boundary)--" {
                if let current { parts.append(current) }
                current = nil
                break
            }
            if trimmed == "--\(boundary)" {
                if let current { parts.append(current) }
                current = []
            } else if current != nil {
                current?.append(line)
            } else if !trimmed.isEmpty {
                return nil
            }
        }
        if let current { parts.append(current) }
        guard !parts.isEmpty else { return nil }
        var fields: [MultipartField] = []
        for part in parts {
            guard let blank = part.firstIndex(where: { $0.trimmed.isEmpty }) else { return nil }
            var disposition: String?
            var contentType: String?
            for header in part[..<blank] {
                guard let colon = header.trimmed.firstIndex(of: ":") else { return nil }
                let value = header.trimmed[header.trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch header.trimmed[..<colon].lowercased() {
                case "content-disposition": disposition = value
                case "content-type": contentType = try context.rewrite(value, line: header.number)
                default: return nil
                }
            }
            guard let disposition, let name = Self.parameter("name", in: disposition) else { return nil }
            let filename = Self.parameter("filename", in: disposition)
            var content = Array(part[part.index(after: blank)...])
            while let last = content.last, last.trimmed.isEmpty { content.removeLast() }
            let line = part.first?.number ?? 0
            if content.count == 1, let path = Self.include(content[0].trimmed) {
                fields.append(MultipartField(
                    name: try context.rewrite(name, line: line), value: try includedFile(path, line: content[0]), isFile: true,
                    filename: filename, contentType: contentType))
            } else {
                if content.contains(where: { Self.include($0.trimmed) != nil }) { return nil }
                let value = try context.rewrite(content.map(\.text).joined(separator: "\n"), line: content.first?.number ?? line)
                fields.append(MultipartField(
                    name: try context.rewrite(name, line: line), value: value, filename: filename, contentType: contentType))
            }
        }
        return fields
    }
}
