/// Why a saved request could not be turned into something to send. Nothing is sent.
public enum RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case unresolved(ResolutionError)
    /// The URL after resolution, secrets already masked.
    case invalidURL(String, reason: String)
    case invalidJSONBody(JSONSyntaxError)
    /// A header name or value that would break the request apart (a line break, a colon in a name).
    case invalidHeader(name: String, reason: String)

    public var description: String {
        switch self {
        case .unresolved(let error): error.description
        case .invalidURL(let url, let reason): "invalid URL \(url): \(reason)"
        case .invalidHeader(let name, let reason): "invalid header \(name): \(reason)"
        case .invalidJSONBody(let error):
            "the JSON body is not valid: \(error) (use body type text with a JSON content_type to send it anyway)"
        }
    }
}
