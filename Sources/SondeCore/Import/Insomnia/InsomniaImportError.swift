/// Why a file could not be read as an Insomnia export at all. What can be read but not mapped
/// is an `ImportWarning` instead.
public enum InsomniaImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJSON(file: String, line: Int, column: Int, reason: String)
    case invalidYAML(file: String, reason: String)
    /// Valid JSON or YAML, but not an Insomnia v4 export or v5 file.
    case notInsomnia(file: String, reason: String)
    /// An export format before 4 (Insomnia 5 and older, before 2017), which no current Insomnia writes.
    case exportFormat(file: String, version: String)

    public var description: String {
        switch self {
        case .invalidJSON(let file, let line, let column, let reason): "\(file):\(line):\(column): invalid JSON: \(reason)"
        case .invalidYAML(let file, let reason): "\(file): invalid YAML: \(reason)"
        case .notInsomnia(let file, let reason): "\(file): not an Insomnia export: \(reason)"
        case .exportFormat(let file, let version):
            "\(file): Insomnia export format \(version) is not read by sonde: export again from Insomnia (format 4 or 5)"
        }
    }
}
