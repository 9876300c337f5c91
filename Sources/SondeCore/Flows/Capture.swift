/// One `captures:` entry of a request file: a value taken from the response, kept as the
/// variable `name` for the requests after it (`{{name}}`).
///
///     captures:
///       token: {json: $.access_token, secret: true}
///       etag: {header: ETag}
///       id: {regex: 'id=(\d+)'}
///       sid: {cookie: session}
///       code: {status: true}
public struct Capture: Sendable, Equatable {
    /// Where in the response the value is.
    public enum Source: Sendable, Equatable {
        /// The first node the path selects: a string decoded, a number or boolean as written,
        /// an object or array as its JSON text.
        case json(JSONPath)
        /// The first header of that name, in any case.
        case header(String)
        /// The first match in the body's text: its first group, or the whole match without one.
        case regex(String)
        /// The value a `Set-Cookie` header of the response gives the cookie of that name.
        case cookie(String)
        /// The status code.
        case status
    }

    public var name: String
    public var source: Source
    /// Whether the value is masked like an `{{env:}}` value wherever it is shown.
    public var isSecret: Bool

    public init(name: String, source: Source, isSecret: Bool = false) {
        self.name = name
        self.source = source
        self.isSecret = isSecret
    }

    /// The expression as a file writes it, for messages: `json $.access_token`, `header ETag`.
    public var expression: String {
        switch source {
        case .json(let path): "json \(path.text)"
        case .header(let name): "header \(name)"
        case .regex(let pattern): "regex \(pattern)"
        case .cookie(let name): "cookie \(name)"
        case .status: "status"
        }
    }
}

/// A value a capture found, under its variable name.
public struct CapturedValue: Sendable, Equatable {
    public var name: String
    public var value: String
    public var isSecret: Bool

    public init(name: String, value: String, isSecret: Bool = false) {
        self.name = name
        self.value = value
        self.isSecret = isSecret
    }

    /// The value as every printout shows it: the mask for a secret.
    public var shownValue: String { isSecret ? SecretSet.mask : value }
}

/// Captures that found nothing, naming the request and each expression, so the user can tell
/// which of several went wrong.
public struct CaptureFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One capture that found nothing, and why.
    public struct Miss: Sendable, Equatable {
        public var name: String
        public var expression: String
        public var reason: String

        /// `capture token ($.access_token) found nothing: the path selects nothing in the body`:
        /// one wording for `send`, `run`, its reports and the TUI.
        public var summary: String { "capture \(name) (\(expression)) found nothing: \(reason)" }
    }

    /// The request's name or id.
    public var request: String
    public var misses: [Miss]

    public var description: String {
        misses.map { "\(request): \($0.summary)" }.joined(separator: "\n")
    }
}
