/// The HTTP version a request asks for (`options: {http_version: …}`), as curl's `--http1.0`,
/// `--http1.1`, `--http2` and `--http2-prior-knowledge` do. Unset, libcurl's own default
/// applies, as in curl: HTTP/2 offered by ALPN over TLS, HTTP/1.1 over cleartext.
public enum HTTPVersionPreference: String, Sendable, Equatable, CaseIterable {
    case http1_0 = "1.0"
    case http1_1 = "1.1"
    /// HTTP/2 over TLS by ALPN; over cleartext, HTTP/1.1 with an `Upgrade: h2c` offer.
    case http2 = "2"
    /// HTTP/2 from the first byte, without asking: for cleartext servers known to speak it.
    case http2PriorKnowledge = "2-prior-knowledge"

    /// The value as written in a file: `1.1`, `2`, `2-prior-knowledge`, and `2.0` for `2`. Nothing
    /// else is guessed at (`1` could be 1.0 or 1.1), so a typo is an error with its line.
    public init?(written: String) {
        let text = written.trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = HTTPVersionPreference(rawValue: text == "2.0" ? "2" : text) else { return nil }
        self = value
    }

    /// The values a file may write, for error messages.
    public static let writtenValues = allCases.map(\.rawValue).joined(separator: ", ")

    /// curl's command-line flag for this version.
    public var curlFlag: String {
        switch self {
        case .http1_0: "--http1.0"
        case .http1_1: "--http1.1"
        case .http2: "--http2"
        case .http2PriorKnowledge: "--http2-prior-knowledge"
        }
    }
}
