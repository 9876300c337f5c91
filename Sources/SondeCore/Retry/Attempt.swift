/// One try of a request, as `sonde send -v` and the response viewer list them.
public struct Attempt: Sendable, Equatable {
    /// How the try ended: a status (any status, 503 included) or a transport failure.
    public enum Result: Sendable, Equatable {
        case response(status: Int, reason: String)
        /// Already redacted of the request's secrets.
        case failure(TransportError)
    }

    /// 1 for the first try.
    public var number: Int
    public var result: Result
    /// Seconds from the start of the try to its end.
    public var duration: Double
    /// The pause before this try and why; nil for the first.
    public var wait: RetryWait?
    /// Set on the last try: why no other followed it.
    public var stop: RetryPolicy.Stop?
    /// The `X-Request-ID` this try sent, when each try has its own (`request_id: per_attempt`).
    public var requestID: String?

    public init(
        number: Int, result: Result, duration: Double, wait: RetryWait? = nil, stop: RetryPolicy.Stop? = nil,
        requestID: String? = nil
    ) {
        self.requestID = requestID
        self.number = number
        self.result = result
        self.duration = duration
        self.wait = wait
        self.stop = stop
    }
}
