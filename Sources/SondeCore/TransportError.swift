/// Why a transfer failed, in the terms a user can act on.
public enum TransportError: Error, Sendable, Equatable {
    /// The host name did not resolve.
    case dnsFailure(host: String)
    /// Nothing listens on that host and port.
    case connectionRefused(host: String, port: Int?)
    /// No connection within the connect timeout.
    case connectTimeout(seconds: Double)
    /// The whole transfer took longer than the total timeout.
    case totalTimeout(seconds: Double)
    /// The TLS handshake or certificate check failed; `reason` is the TLS library's word.
    case tls(reason: String)
    case tooManyRedirects(limit: Int)
    /// Cancelled by the user before it finished.
    case cancelled
    /// A file named in the body could not be read.
    case unreadableBodyFile(path: String, reason: String)
    /// The URL could not be parsed or uses an unsupported scheme.
    case invalidURL(String)
    /// Any other failure, with the transport's own code and message.
    case other(code: Int, message: String)
}

extension TransportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .dnsFailure(let host): "could not resolve host \(host)"
        case .connectionRefused(let host, let port):
            "connection refused by \(host)\(port.map { ":\($0)" } ?? "") (is the server running?)"
        case .connectTimeout(let s): "no connection within the connect timeout of \(Self.format(s)) s"
        case .totalTimeout(let s): "the transfer took longer than the timeout of \(Self.format(s)) s"
        case .tls(let reason): "TLS failure: \(reason)"
        case .tooManyRedirects(let limit): "more than \(limit) redirects"
        case .cancelled: "cancelled"
        case .unreadableBodyFile(let path, let reason): "cannot read body file \(path): \(reason)"
        case .invalidURL(let url): "invalid URL: \(url)"
        case .other(let code, let message): "\(message) (transport code \(code))"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
