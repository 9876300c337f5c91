/// The HTTP methods a saved request may use.
public enum HTTPMethod: String, CaseIterable, Sendable, Codable, Hashable {
    case GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS

    /// Methods that only read (RFC 9110 §9.2.1): the TUI sends these on Enter without asking.
    public var isSafe: Bool {
        switch self {
        case .GET, .HEAD, .OPTIONS: true
        default: false
        }
    }

    /// Methods that a retry may repeat without changing the server's state twice.
    public var isIdempotent: Bool {
        switch self {
        case .POST, .PATCH: false
        default: true
        }
    }
}
