/// A pause before a retry, and what set its length.
public struct RetryWait: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// The server's `Retry-After` header.
        case retryAfter = "Retry-After"
        /// The policy's backoff.
        case backoff
    }

    public var seconds: Double
    public var reason: Reason

    public init(seconds: Double, reason: Reason) {
        self.seconds = seconds
        self.reason = reason
    }

    /// "Retry-After 12 s" (as the server wrote it, in whole seconds), "backoff 1.0 s".
    public var description: String {
        if reason == .retryAfter, seconds == seconds.rounded(), seconds < 1e15 { return "\(reason.rawValue) \(Int(seconds)) s" }
        return "\(reason.rawValue) \(Self.format(seconds))"
    }

    /// Seconds for a countdown or a log line, to a tenth ("1.0 s"), or to a hundredth below
    /// 0.1 s so that a 0.05 s backoff does not read as 0.1 s.
    public static func format(_ seconds: Double) -> String {
        DecimalText.fixed(seconds, digits: seconds < 0.1 ? 2 : 1) + " s"
    }
}
