import Foundation

extension InsomniaConverter {
    /// An Insomnia `body` by its `mimeType`: JSON text, form fields, multipart parts (text and
    /// `type: file` with `fileName`), a binary file (`fileName`), GraphQL (already the JSON a
    /// GraphQL server reads), any other text with its type.
    mutating func body(_ json: PostmanJSON?, headers: [KeyValue], place: String) -> (body: RequestBody, kept: [KeyValue]) {
        guard let json, json.object?.isEmpty == false else { return (.none, []) }
        let mimeType = json["mimeType"]?.text ?? ""
        let lower = mimeType.lowercased()
        let headerType = headers.last { $0.enabled && $0.name.lowercased() == "content-type" }?.value
        if lower.hasPrefix("application/x-www-form-urlencoded") {
            return (.form(rows(json["params"], place: place)), [])
        }
        if lower.hasPrefix("multipart/form-data") {
            return (.multipart(parts(json["params"], place: place)), [])
        }
        if let file = json["fileName"]?.text {
            guard !file.isEmpty else {
                warn(place, "the binary body names no file: imported without a body")
                return (.none, [])
            }
            return (.file(path: file, contentType: headerType ?? (mimeType.isEmpty ? nil : mimeType)), [])
        }
        let text = template(json["text"]?.text ?? "", place: place)
        guard !text.isEmpty else { return (.none, []) }
        if lower == "application/graphql" || lower.contains("json") { return (.json(text), []) }
        return (.text(text, contentType: headerType ?? (mimeType.isEmpty ? "text/plain" : mimeType)), [])
    }

    private mutating func parts(_ json: PostmanJSON?, place: String) -> [MultipartField] {
        (json?.array ?? []).compactMap { row in
            guard row.object != nil else { return nil }
            let name = template(row["name"]?.text ?? "", place: place)
            let enabled = !(row["disabled"]?.isTrue ?? false)
            let contentType = row["type"]?.text == "file" ? nil : row["contentType"]?.text.flatMap { $0.isEmpty ? nil : $0 }
            if row["type"]?.text == "file" {
                let file = row["fileName"]?.text ?? ""
                if file.isEmpty { warn(place, "file part \(name) names no file: written with an empty path, choose one before sending") }
                return MultipartField(name: name, value: file, isFile: true, contentType: row["contentType"]?.text.flatMap { $0.isEmpty ? nil : $0 }, enabled: enabled)
            }
            let value = secrets.row(name, template(row["value"]?.text ?? "", place: place), enabled: enabled).value
            return MultipartField(name: name, value: value, contentType: contentType, enabled: enabled)
        }
    }
}
