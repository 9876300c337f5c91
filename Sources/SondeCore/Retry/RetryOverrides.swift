/// The `retry:` option as one level (request, folder, collection, environment) writes it: each
/// field optional, so a request that says `retry: {attempts: 5}` keeps the collection's backoff.
///
///     options:
///       retry: {attempts: 3, backoff: exponential, base: 0.5, max: 30, jitter: true, max_wait: 60, non_idempotent: false}
///     options:
///       retry: 3          # shorthand for {attempts: 3}
public struct RetryOverrides: Sendable, Equatable {
    /// Total tries, the first included; 1 switches retries off.
    public var attempts: Int?
    public var backoff: RetryPolicy.Backoff?
    /// Seconds of the first backoff.
    public var base: Double?
    /// Seconds no backoff exceeds.
    public var max: Double?
    public var jitter: Bool?
    /// The longest `Retry-After` (seconds) sonde honours; a longer one ends the retrying.
    public var maxWait: Double?
    /// Whether POST and PATCH may be retried too.
    public var nonIdempotent: Bool?

    public init(
        attempts: Int? = nil, backoff: RetryPolicy.Backoff? = nil, base: Double? = nil, max: Double? = nil,
        jitter: Bool? = nil, maxWait: Double? = nil, nonIdempotent: Bool? = nil
    ) {
        self.attempts = attempts
        self.backoff = backoff
        self.base = base
        self.max = max
        self.jitter = jitter
        self.maxWait = maxWait
        self.nonIdempotent = nonIdempotent
    }

    public var isEmpty: Bool { self == RetryOverrides() }

    /// These overrides laid over `base`, field by field: a value set here wins.
    public func over(_ base: RetryOverrides) -> RetryOverrides {
        RetryOverrides(
            attempts: attempts ?? base.attempts,
            backoff: backoff ?? base.backoff,
            base: self.base ?? base.base,
            max: max ?? base.max,
            jitter: jitter ?? base.jitter,
            maxWait: maxWait ?? base.maxWait,
            nonIdempotent: nonIdempotent ?? base.nonIdempotent)
    }

    /// The policy these overrides give, with sonde's defaults (no retries) for what none set.
    public var policy: RetryPolicy {
        let defaults = RetryPolicy()
        return RetryPolicy(
            attempts: attempts ?? defaults.attempts,
            backoff: backoff ?? defaults.backoff,
            base: base ?? defaults.base,
            max: max ?? defaults.max,
            jitter: jitter ?? defaults.jitter,
            maxWait: maxWait ?? defaults.maxWait,
            retriesNonIdempotent: nonIdempotent ?? defaults.retriesNonIdempotent)
    }
}
