/// Why a file could not be read as a Postman export at all. What can be read but not mapped is
/// an `ImportWarning` instead; these stop the import, each with what to do about it.
public enum PostmanImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON(file: String, line: Int, column: Int, reason: String)
    /// Valid JSON, but not something Postman exports.
    case notPostman(file: String, reason: String)
    /// A collection in the v1 format (`requests` and `order`, no `info`), which Postman
    /// replaced in 2017 and no longer exports.
    case collectionVersion1(file: String)
    /// An environment or globals export given where a collection was expected.
    case environmentNotCollection(file: String)
    /// A collection given where an environment was expected.
    case collectionNotEnvironment(file: String)

    public var description: String {
        switch self {
        case .invalidJSON(let file, let line, let column, let reason):
            "\(file):\(line):\(column): invalid JSON: \(reason)"
        case .notPostman(let file, let reason):
            "\(file): not a Postman collection or environment: \(reason)"
        case .collectionVersion1(let file):
            "\(file): this is a Postman collection v1, which sonde does not read: "
                + "open it in Postman and export it again as Collection v2.1"
        case .environmentNotCollection(let file):
            "\(file): this is a Postman environment (or globals) export, not a collection: import it as an environment"
        case .collectionNotEnvironment(let file):
            "\(file): this is a Postman collection, not an environment: import it as a collection"
        }
    }
}
