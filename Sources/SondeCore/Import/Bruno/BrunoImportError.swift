/// Why a Bruno collection could not be read: a `.bru` file that does not parse (at its line),
/// a file that is not text, or a `bruno.json` that is not JSON.
public enum BrunoImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(BruParseError)
    case notText(file: String)
    case invalidConfig(file: String, reason: String)
    /// A folder with no `.bru` request in it.
    case noRequests(folder: String)
    case unreadable(folder: String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let error): "\(error)"
        case .notText(let file): "\(file): not UTF-8 text"
        case .invalidConfig(let file, let reason): "\(file): \(reason)"
        case .noRequests(let folder): "\(folder): no Bruno request files (.bru) found"
        case .unreadable(let folder, let reason): "\(folder): \(reason)"
        }
    }
}
