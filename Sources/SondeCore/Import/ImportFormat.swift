import Foundation

/// The kinds of file `sonde import` reads, told apart by their content (a file name's
/// extension only decides between look-alikes), so a pasted command on stdin needs no flag.
public enum ImportFormat: String, Sendable, Equatable, CaseIterable {
    case curl
    case postman
    case postmanEnvironment = "postman-environment"
    case http
    case openapi
    case insomnia
    case bruno

    /// How messages name the format.
    public var displayName: String {
        switch self {
        case .curl: "curl commands"
        case .postman: "Postman collections"
        case .postmanEnvironment: "Postman environments"
        case .http: ".http files"
        case .openapi: "OpenAPI"
        case .insomnia: "Insomnia exports"
        case .bruno: "Bruno"
        }
    }

    /// The format of `data`, or nil when it is none sonde knows. `fileName` (may be empty, as
    /// for stdin) settles `.http`/`.rest` and `.bru` files whose text alone is ambiguous.
    public static func detect(_ data: Data, fileName: String) -> ImportFormat? {
        let lowerName = fileName.lowercased()
        if lowerName.hasSuffix(".bru") { return .bruno }
        guard let text = String(data: data.prefix(1 << 20), encoding: .utf8) ?? String(data: data.prefix((1 << 20) - 3), encoding: .utf8) else {
            return nil
        }
        if isCurl(text) { return .curl }
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") {
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                return jsonFormat(object)
            }
            // A large or broken JSON file: decide on its text.
            if text.contains("getpostman.com/json/collection") { return .postman }
            if text.contains("\"_postman_variable_scope\"") { return .postmanEnvironment }
            if text.contains("\"openapi\"") || text.contains("\"swagger\"") { return .openapi }
            if text.contains("\"__export_format\"") { return .insomnia }
            return nil
        }
        if let format = yamlFormat(text) { return format }
        if lowerName.hasSuffix(".http") || lowerName.hasSuffix(".rest") || looksLikeHTTPFile(text) { return .http }
        if looksLikeBruno(text) { return .bruno }
        return nil
    }

    /// The format of a folder, from the names of the files in it: a Bruno collection has
    /// `bruno.json` at its top (`.bru` files alone, without it, are one too).
    public static func detect(folderEntries names: [String]) -> ImportFormat? {
        if names.contains(BrunoImporter.configFile) || names.contains(where: { $0.hasSuffix(".bru") }) { return .bruno }
        return nil
    }

    private static func jsonFormat(_ object: [String: Any]) -> ImportFormat? {
        if let info = object["info"] as? [String: Any], let schema = info["schema"] as? String, schema.contains("getpostman.com/json/collection") {
            return .postman
        }
        if object["values"] is [Any], object["_postman_variable_scope"] != nil { return .postmanEnvironment }
        if object["openapi"] != nil || object["swagger"] != nil { return .openapi }
        if object["__export_format"] != nil || (object["_type"] as? String) == "export" { return .insomnia }
        return nil
    }

    /// OpenAPI and Insomnia v5 in YAML, by their top-level keys.
    private static func yamlFormat(_ text: String) -> ImportFormat? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(200) {
            if line.hasPrefix("openapi:") || line.hasPrefix("swagger:") { return .openapi }
            if line.hasPrefix("type: collection.insomnia.rest/") || line.hasPrefix("_type: export") || line.hasPrefix("__export_format:") {
                return .insomnia
            }
        }
        return nil
    }

    /// Text whose first command (after blank lines and `#` comments) is `curl`.
    static func isCurl(_ text: String) -> Bool {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return trimmed.hasPrefix("curl ") || trimmed.hasPrefix("curl\t") || trimmed.hasPrefix("curl.exe ") || trimmed == "curl"
        }
        return false
    }

    /// `###` separators or a request line (`GET https://…`, `POST /path HTTP/1.1`) first.
    private static func looksLikeHTTPFile(_ text: String) -> Bool {
        let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("###") { return true }
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") || trimmed.hasPrefix("@") { continue }
            let first = trimmed.split(separator: " ").first.map(String.init) ?? ""
            return methods.contains(first) || trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://")
        }
        return false
    }

    /// A `.bru` file's blocks: `meta {`, `get {`, `vars:secret [`.
    private static func looksLikeBruno(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).prefix(20).contains { $0.hasPrefix("meta {") }
    }
}
