/// Something wrong in a collection file: where it is and what was expected.
///
/// Problems are gathered, not thrown, so one broken file never hides the others. A warning
/// (an unknown key, most likely a typo) loads and sends as written; an error stops a send.
public struct LoadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable {
        case error
        case warning
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public var isWarning: Bool { severity == .warning }

    /// `file:line:column: message`, the form compilers use, so editors and terminals can jump to it.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}
