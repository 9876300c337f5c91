/// Why a transfer failed, in the terms a user can act on.
public enum TransportError: Error, Sendable, Equatable {
    /// The host name did not resolve.
    case dnsFailure(host: String)
    /// Nothing listens on that host and port.
    case connectionRefused(host: String, port: Int?)
    /// Nothing accepts connections on the Unix socket `options: {unix_socket: …}` names: no
    /// such file, not a socket, or no server behind it. `reason` is the system's word.
    case unixSocketUnavailable(path: String, reason: String)
    /// No connection within the connect timeout.
    case connectTimeout(seconds: Double)
    /// The whole transfer took longer than the total timeout.
    case totalTimeout(seconds: Double)
    /// The connection broke before the response was complete: reset by the peer, closed with
    /// nothing or only part of the body sent. `reason` is the transport's word for it.
    case connectionLost(reason: String)
    /// The TLS handshake or certificate check failed; `reason` is the TLS library's word.
    case tls(reason: String)
    case tooManyRedirects(limit: Int)
    /// Cancelled by the user before it finished.
    case cancelled
    /// A file named in the body could not be read.
    case unreadableBodyFile(path: String, reason: String)
    /// The response body could not be written to its file: the `-o` file or the temporary file
    /// a large body spills to (a folder that is not writable, a full disk).
    case unwritableResponseFile(path: String, reason: String)
    /// The URL could not be parsed or uses an unsupported scheme.
    case invalidURL(String)
    /// The server answered, but not with HTTP the transport can read: a malformed status line,
    /// a header over libcurl's size limit. `reason` says which, in the user's terms.
    case invalidResponse(reason: String)
    /// The proxy at `endpoint` (credentials left out; "… from $http_proxy" when a variable named
    /// it) could not be reached or refused the request: a proxy that is down is not the server
    /// refusing, and says which to fix.
    case proxy(endpoint: String, reason: String)
    /// Any other failure, with the transport's own code and message.
    case other(code: Int, message: String)
}

extension TransportError {
    /// The same error with every secret in its text masked: curl's messages can quote the URL
    /// or host, and either may hold a value from `{{env:...}}`.
    public func redacting(_ secrets: SecretSet) -> TransportError {
        guard !secrets.isEmpty else { return self }
        switch self {
        case .dnsFailure(let host): return .dnsFailure(host: secrets.redact(host))
        case .connectionRefused(let host, let port): return .connectionRefused(host: secrets.redact(host), port: port)
        case .unixSocketUnavailable(let path, let reason):
            return .unixSocketUnavailable(path: secrets.redact(path), reason: secrets.redact(reason))
        case .tls(let reason): return .tls(reason: secrets.redact(reason))
        case .connectionLost(let reason): return .connectionLost(reason: secrets.redact(reason))
        case .unreadableBodyFile(let path, let reason):
            return .unreadableBodyFile(path: secrets.redact(path), reason: secrets.redact(reason))
        case .unwritableResponseFile(let path, let reason):
            return .unwritableResponseFile(path: secrets.redact(path), reason: secrets.redact(reason))
        case .invalidURL(let url): return .invalidURL(secrets.redact(url))
        case .invalidResponse(let reason): return .invalidResponse(reason: secrets.redact(reason))
        case .other(let code, let message): return .other(code: code, message: secrets.redact(message))
        case .proxy(let endpoint, let reason): return .proxy(endpoint: secrets.redact(endpoint), reason: secrets.redact(reason))
        case .connectTimeout, .totalTimeout, .tooManyRedirects, .cancelled: return self
        }
    }
}

extension TransportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .dnsFailure(let host): "could not resolve host \(host)"
        case .connectionRefused(let host, let port):
            "connection refused by \(host)\(port.map { ":\($0)" } ?? "") (is the server running?)"
        case .unixSocketUnavailable(let path, let reason):
            "cannot connect to Unix socket \(path): \(reason) (is the server running? unix_socket sets the path)"
        case .connectTimeout(let s): "no connection within the connect timeout of \(Self.format(s)) s"
        case .totalTimeout(let s): "the transfer took longer than the timeout of \(Self.format(s)) s"
        case .tls(let reason): "TLS failure: \(reason)"
        case .connectionLost(let reason): "the connection broke before the response was complete: \(reason)"
        case .tooManyRedirects(let limit): "more than \(limit) redirects"
        case .cancelled: "cancelled"
        case .unreadableBodyFile(let path, let reason): "cannot read body file \(path): \(reason)"
        case .unwritableResponseFile(let path, let reason): "cannot write the response body to \(path): \(reason)"
        case .invalidURL(let url): "invalid URL: \(url)"
        case .invalidResponse(let reason): reason
        case .other(let code, let message): "\(message) (transport code \(code))"
        case .proxy(let endpoint, let reason): "proxy \(endpoint): \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
