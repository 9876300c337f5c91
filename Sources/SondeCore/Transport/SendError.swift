/// Why `RequestSender.send` brought back no response: the one error a send throws, so callers
/// (`sonde send`, the paginator, the TUI) switch over every case instead of casting.
///
/// A response with any status, 4xx and 5xx included, is not an error: it comes back as an
/// `Exchange`. The user's cancelling is a transport failure (`isCancelled`), as it is for the
/// transport, so the tries made before it are kept for display.
public enum SendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request could not be prepared (an unset variable, a bad URL, header or JSON body);
    /// nothing was sent.
    case preparation(RequestError)
    /// The OAuth2 token endpoint answered, but without a token; the request itself was not sent.
    case oauth2(OAuth2Error)
    /// No response after the tries the request's `retry` option allows, or none from the OAuth2
    /// token endpoint (no tries then). Already redacted of the request's secrets.
    case transport(TransportFailure)

    /// Whether the send ended because the user cancelled it.
    public var isCancelled: Bool {
        if case .transport(let failure) = self { failure.error == .cancelled } else { false }
    }

    /// The tries of the request itself: none unless it went out.
    public var attempts: [Attempt] {
        if case .transport(let failure) = self { failure.attempts } else { [] }
    }

    public var description: String {
        switch self {
        case .preparation(let error): error.description
        case .oauth2(let error): error.description
        case .transport(let failure): failure.description
        }
    }
}
