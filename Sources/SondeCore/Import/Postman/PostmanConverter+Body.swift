import Foundation

extension PostmanConverter {
    /// Content types of Postman's raw-body languages other than JSON.
    static let rawLanguageTypes = [
        "text": "text/plain", "javascript": "application/javascript", "html": "text/html", "xml": "application/xml",
    ]

    /// A Postman `body` in each of its modes as sonde's body; what has no place (a disabled
    /// body, an unknown mode) is kept as text under `x-postman-body`.
    mutating func body(_ json: PostmanJSON?, headers: [KeyValue], place: String) -> (RequestBody, kept: [KeyValue]) {
        guard let json, json.object?.isEmpty == false else { return (.none, []) }
        if json["disabled"]?.isTrue == true {
            warn(place, "the body is disabled in Postman: not sent, kept as text under x-postman-body")
            return (.none, [KeyValue("x-postman-body", redacted(json).jsonText())])
        }
        let mode = json["mode"]?.text ?? ""
        let headerType = headers.last { $0.enabled && $0.name.lowercased() == "content-type" }?.value
        switch mode {
        case "raw":
            let text = template(json["raw"]?.text ?? "", place: place)
            guard !text.isEmpty else { return (.none, []) }
            let language = json["options"]?["raw"]?["language"]?.text
            if language == "json" || (language == nil && headerType?.lowercased().contains("json") == true) {
                return (.json(text), [])
            }
            let type = headerType ?? language.flatMap { Self.rawLanguageTypes[$0] } ?? "text/plain"
            return (.text(text, contentType: type), [])
        case "urlencoded":
            return (.form(rows(json["urlencoded"], place: place)), [])
        case "formdata":
            return (.multipart(parts(json["formdata"], place: place)), [])
        case "file":
            guard let path = json["file"]?["src"]?.text, !path.isEmpty else {
                warn(place, "the file body names no file: imported without a body")
                return (.none, [])
            }
            noteRelative(path, place: place)
            return (.file(path: path, contentType: headerType), [])
        case "graphql":
            return (.json(graphQLBody(json["graphql"], place: place)), [])
        default:
            warn(place, "body mode \(mode.isEmpty ? "(none)" : mode) is not one sonde knows: kept as text under x-postman-body")
            return (.none, [KeyValue("x-postman-body", redacted(json).jsonText())])
        }
    }

    /// Multipart parts: text fields, and file fields with one part per file (`src` may list several).
    private mutating func parts(_ json: PostmanJSON?, place: String) -> [MultipartField] {
        var parts: [MultipartField] = []
        for row in json?.array ?? [] where row.object != nil {
            let name = template(row["key"]?.text ?? "", place: place)
            let enabled = !(row["disabled"]?.isTrue ?? false)
            let contentType = row["contentType"]?.text.flatMap { $0.isEmpty ? nil : $0 }
            if row["type"]?.text == "file" {
                let files = row["src"]?.text.map { [$0] } ?? (row["src"]?.array ?? []).compactMap(\.text)
                if files.filter({ !$0.isEmpty }).isEmpty {
                    warn(place, "file part \(name) names no file: written with an empty path, choose one before sending")
                    parts.append(MultipartField(name: name, value: "", isFile: true, contentType: contentType, enabled: enabled))
                }
                for file in files where !file.isEmpty {
                    noteRelative(file, place: place)
                    parts.append(MultipartField(name: name, value: file, isFile: true, contentType: contentType, enabled: enabled))
                }
            } else {
                let row = secretRow(name, row["value"]?.text ?? "", enabled: enabled, place: place)
                parts.append(MultipartField(name: row.name, value: row.value, contentType: contentType, enabled: enabled))
            }
        }
        return parts
    }

    /// Warns of a relative file path: Postman reads it from its working directory (Settings >
    /// Working directory), sonde from the request file's folder, so the file may need moving.
    private mutating func noteRelative(_ path: String, place: String) {
        guard !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains(":\\") else { return }
        warn(place, "file \(path) is relative to Postman's working directory: sonde reads it from the request file's folder")
    }

    /// A GraphQL body as the JSON a GraphQL server reads: `{"query": …, "variables": …}`.
    /// Postman stores `variables` as JSON text, which goes in as written (it may hold
    /// `{{placeholders}}` that are only JSON once filled in).
    private mutating func graphQLBody(_ json: PostmanJSON?, place: String) -> String {
        let query = template(json?["query"]?.text ?? "", place: place)
        var variables = template(json?["variables"]?.text ?? "", place: place).trimmingCharacters(in: .whitespacesAndNewlines)
        if let object = json?["variables"], object.object != nil { variables = object.jsonText() }
        var text = "{\n  \"query\": \(JSONText.quote(query))"
        if !variables.isEmpty {
            if Template(variables).isLiteral, JSONText.validate(Array(variables.utf8)) != nil {
                warn(place, "the GraphQL variables are not valid JSON: written as they are")
            }
            let indented = variables.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            text += ",\n  \"variables\": \(indented)"
        }
        return text + "\n}"
    }
}
