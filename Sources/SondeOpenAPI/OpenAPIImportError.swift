/// Why a file could not be read as an OpenAPI document at all. What can be read but not
/// mapped is an `ImportWarning` instead; these stop the import, each saying where and what to do.
public enum OpenAPIImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON or YAML text (the line and column of the syntax error).
    case unreadable(file: String, line: Int, column: Int, reason: String)
    /// A Swagger 2.0 document: a different format, which sonde does not convert.
    case swagger2(file: String)
    /// No `openapi: 3.x` key at the top level.
    case notOpenAPI(file: String, reason: String)
    /// The document does not follow the OpenAPI schema (OpenAPIKit's reason, and the line of
    /// the offending key when it can be found).
    case invalid(file: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let line, let column, let reason):
            "\(file):\(line):\(column): not JSON or YAML: \(reason)"
        case .swagger2(let file):
            "\(file): Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi) and import that"
        case .notOpenAPI(let file, let reason):
            "\(file): not an OpenAPI document: \(reason)"
        case .invalid(let file, let line, let reason):
            "\(file)\(line.map { ":\($0)" } ?? ""): invalid OpenAPI document: \(reason)"
        }
    }
}
