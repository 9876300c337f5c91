/// Why a saved request could not be turned into something to send. Nothing is sent.
public enum RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case unresolved(ResolutionError)
    /// The URL after resolution, secrets already masked.
    case invalidURL(String, reason: String)
    case invalidJSONBody(JSONSyntaxError)
    /// A placeholder outside a JSON body's string literals (or under YAML's `!json`) whose value
    /// is not one JSON value; `place` is where it is written ("body at users/new.yaml:7").
    case invalidJSONValue(placeholder: String, place: String, JSONSyntaxError)
    /// A header name or value that would break the request apart (a line break, a colon in a name).
    case invalidHeader(name: String, reason: String)
    /// A TLS option whose file or folder cannot be used (missing, unreadable, of the wrong kind),
    /// found before sending; `position` is where the option is written, `reason` names the path.
    case invalidTLSOption(key: String, reason: String, position: FilePosition?)
    /// A proxy URL that libcurl could not use once its placeholders were filled (credentials
    /// left out, secrets masked), with where its `proxy:` is written when that is known.
    case invalidProxy(String, reason: String, location: FilePosition?)

    public var description: String {
        switch self {
        case .unresolved(let error): error.description
        case .invalidURL(let url, let reason): "invalid URL \(url): \(reason)"
        case .invalidHeader(let name, let reason): "invalid header \(name): \(reason)"
        case .invalidTLSOption(let key, let reason, let position):
            (position.map { "\($0): " } ?? "") + "options \(key): \(reason)"
        case .invalidProxy(let url, let reason, let location):
            (location.map { "\($0): " } ?? "") + "invalid proxy \(url): \(reason)"
        case .invalidJSONBody(let error):
            "the JSON body is not valid: \(error) (use body type text with a JSON content_type to send it anyway)"
        case .invalidJSONValue(let placeholder, let place, let error):
            "\(placeholder) in \(place) is not a JSON value (\(error)): outside quotes or under !json a value "
                + "is inserted as JSON; quote the placeholder (\"\(placeholder)\") to send it as a string"
        }
    }
}
