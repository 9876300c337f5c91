/// The body of a saved request, with placeholders still in it.
public enum RequestBody: Sendable, Equatable {
    case none
    /// JSON text; sent with `Content-Type: application/json` unless a header says otherwise.
    case json(String)
    /// `application/x-www-form-urlencoded` fields.
    case form([KeyValue])
    /// `multipart/form-data` parts.
    case multipart([MultipartField])
    /// Any text, with its content type.
    case text(String, contentType: String)
    /// A file's bytes; the path is relative to the request file's folder.
    case file(path: String, contentType: String?)

    /// The name of the kind, as written in YAML (`type: json`).
    public var kind: String {
        switch self {
        case .none: "none"
        case .json: "json"
        case .form: "form"
        case .multipart: "multipart"
        case .text: "text"
        case .file: "file"
        }
    }
}

/// One part of a multipart body as saved: a text value or a file to upload.
public struct MultipartField: Sendable, Equatable {
    public var name: String
    /// The text value, or the file path (relative to the request file) when `isFile`.
    public var value: String
    public var isFile: Bool
    public var filename: String?
    public var contentType: String?
    public var enabled: Bool

    public init(name: String, value: String, isFile: Bool = false, filename: String? = nil, contentType: String? = nil, enabled: Bool = true) {
        self.name = name
        self.value = value
        self.isFile = isFile
        self.filename = filename
        self.contentType = contentType
        self.enabled = enabled
    }
}
