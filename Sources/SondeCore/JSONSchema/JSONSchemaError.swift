/// Why a schema could not be used, or an instance could not be validated at all (as opposed to
/// failing validation, which `JSONSchemaViolation` describes).
public enum JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema is not one sonde can apply: a keyword of the wrong type, a `$ref` that points
    /// nowhere, a pattern that does not compile, a duplicate member.
    case invalidSchema(String)
    /// The bytes are not JSON (with the parser's line and column).
    case invalidJSON(String)
    /// Nested deeper than sonde validates (the limit, so the message can say it).
    case tooDeep(Int)
    /// `$ref`s that loop without ever descending into the instance.
    case endlessReference(String)

    public var description: String {
        switch self {
        case .invalidSchema(let message): "invalid JSON Schema: \(message)"
        case .invalidJSON(let message): message
        case .tooDeep(let limit): "JSON nested deeper than \(limit) levels is not validated"
        case .endlessReference(let path): "the schema's references loop without end at \(path)"
        }
    }
}
