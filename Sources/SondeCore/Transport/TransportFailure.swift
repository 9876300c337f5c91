/// A send that got no response: the transport's error from its last try, with every try made.
///
/// `RequestSender.send` throws this rather than a bare `TransportError` so that the tries that
/// led to a failure (three timeouts, say) can be shown as the tries of a success are, through
/// `Exchange.attempts`. `attempts` is empty when the failure came before the request itself
/// went out (fetching its OAuth2 token).
public struct TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Already redacted of the request's secrets.
    public var error: TransportError
    public var attempts: [Attempt]

    public init(error: TransportError, attempts: [Attempt]) {
        self.error = error
        self.attempts = attempts
    }

    public var description: String { error.description }
}
