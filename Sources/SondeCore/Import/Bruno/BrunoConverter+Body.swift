import Foundation

extension BrunoConverter {
    /// Content types of Bruno's text body modes.
    static let textBodyTypes = ["text": "text/plain", "xml": "application/xml", "sparql": "application/sparql-query"]

    /// The body of the mode the request block names (`body: json`), from its `body:<mode>` block.
    mutating func body(_ file: BruFile, mode: String, headers: [KeyValue], place: String) -> RequestBody {
        let headerType = headers.last { $0.enabled && $0.name.lowercased() == "content-type" }?.value
        let block = file.block("body:" + mode)
        switch mode {
        case "none":
            return .none
        case "json":
            let text = template(block?.text ?? "", place: place)
            return text.isEmpty ? .none : .json(text)
        case "text", "xml", "sparql":
            let text = template(block?.text ?? "", place: place)
            return text.isEmpty ? .none : .text(text, contentType: headerType ?? Self.textBodyTypes[mode]!)
        case "form-urlencoded":
            return .form((block?.pairs ?? []).map { secrets.row(template($0.key, place: place), template($0.value, place: place), enabled: $0.enabled) })
        case "multipart-form":
            return .multipart((block?.pairs ?? []).flatMap { parts($0, place: place) })
        case "graphql":
            let query = template(block?.text ?? "", place: place)
            let variables = template(file.block("body:graphql:vars")?.text ?? "", place: place).trimmingCharacters(in: .whitespacesAndNewlines)
            var text = "{\n  \"query\": \(JSONText.quote(query))"
            if !variables.isEmpty {
                text += ",\n  \"variables\": " + variables.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            }
            return .json(text + "\n}")
        case "file":
            let chosen = (block?.pairs ?? []).first { $0.enabled } ?? block?.pairs.first
            guard let chosen, let (files, type) = Self.fileReference(chosen.value), let path = files.first else {
                warn(place, "the file body names no file: imported without a body")
                return .none
            }
            return .file(path: path, contentType: headerType ?? type)
        default:
            warn(place, "body mode \(mode) is not one sonde knows: imported without a body, the block kept as text")
            return .none
        }
    }

    /// A multipart row: text, or `@file(a.png|b.png)` (one part per file), either with an
    /// optional `@contentType(…)` after it.
    private mutating func parts(_ pair: BruPair, place: String) -> [MultipartField] {
        let name = template(pair.key, place: place)
        if let (files, type) = Self.fileReference(pair.value) {
            if files.isEmpty { warn(place, "file part \(name) names no file: written with an empty path, choose one before sending") }
            return (files.isEmpty ? [""] : files).map { MultipartField(name: name, value: $0, isFile: true, contentType: type, enabled: pair.enabled) }
        }
        var value = pair.value
        var type: String?
        if let range = value.range(of: " @contentType("), value.hasSuffix(")") {
            type = String(value[range.upperBound..<value.index(before: value.endIndex)])
            value = String(value[..<range.lowerBound])
        }
        let row = secrets.row(name, template(value, place: place), enabled: pair.enabled)
        return [MultipartField(name: name, value: row.value, contentType: type, enabled: pair.enabled)]
    }

    /// `@file(a|b) @contentType(t)` as its paths and content type; nil when not a file reference.
    static func fileReference(_ value: String) -> (files: [String], contentType: String?)? {
        guard value.hasPrefix("@file("), let close = value.firstIndex(of: ")") else { return nil }
        let inner = value[value.index(value.startIndex, offsetBy: 6)..<close]
        let files = inner.split(separator: "|").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var type: String?
        let rest = value[value.index(after: close)...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("@contentType("), rest.hasSuffix(")") {
            type = String(rest.dropFirst(13).dropLast())
        }
        return (files, type)
    }
}
