/// Why a saved request could not be turned into something to send. Nothing is sent.
public enum RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case unresolved(ResolutionError)
    /// The URL after resolution, secrets already masked.
    case invalidURL(String, reason: String)
    case invalidJSONBody(JSONSyntaxError)

    public var description: String {
        switch self {
        case .unresolved(let error): error.description
        case .invalidURL(let url, let reason): "invalid URL \(url): \(reason)"
        case .invalidJSONBody(let error):
            "the JSON body is not valid: \(error) (use body type text with a JSON content_type to send it anyway)"
        }
    }
}
