import Foundation

/// When to send a request again and how long to wait first: a pure decision from the outcome of
/// one attempt, so every rule below is tested without a network.
///
/// What is retried (transient: the same request may well succeed a moment later):
/// - 429 Too Many Requests, 502 Bad Gateway, 503 Service Unavailable, 504 Gateway Timeout;
/// - connection refused (a server restarting), the connect timeout, the total timeout, and a
///   connection lost mid-transfer (reset, closed early, body cut short).
///
/// What is never retried:
/// - every other status. 500 is not retried: it usually means a bug that the same request hits
///   again, and for a request that changed something before failing, a repeat does it twice.
///   400, 401, 403, 404 and the other 4xx say the request itself is wrong.
/// - a host name that did not resolve. libcurl reports a name that does not exist and a name
///   server that did not answer with one code, and at a REST explorer the first (a typo, a wrong
///   environment) is far more common: retrying it only delays the error by the whole backoff.
///   The system resolver already repeats its own queries (resolv.conf `attempts`) before failing.
/// - TLS failures, too many redirects, bad URLs, unreadable body files, cancellation.
/// - POST and PATCH, unless `retriesNonIdempotent`: a POST whose response was lost may have
///   created its record already. GET, HEAD, PUT, DELETE and OPTIONS are idempotent (RFC 9110 §9.2.2).
///
/// The wait: a `Retry-After` header on a retried response wins (seconds or an HTTP date),
/// unless it asks for more than `maxWait`, which ends the retrying instead of hanging a
/// script for an hour. Otherwise the backoff: `base`, doubled for each retry (or `base` every
/// time when constant), never over `max`, with equal jitter when `jitter` is on.
///
/// Equal jitter (half the delay fixed, half random; "Exponential Backoff And Jitter", AWS
/// Architecture Blog, 2015) rather than full jitter (all of it random): sonde is one client, often
/// watched by a person, and full jitter can draw a wait near 0 that spends an attempt on a
/// server still restarting. Equal jitter guarantees at least half the backoff while its random
/// half still spreads out the sonde runs a CI job starts at once.
public struct RetryPolicy: Sendable, Equatable {
    /// How the wait grows from one retry to the next.
    public enum Backoff: String, Sendable, Equatable, CaseIterable {
        /// base, 2 × base, 4 × base, ... up to max.
        case exponential
        /// base every time (still capped by max).
        case constant
    }

    /// What one attempt ended with, as far as the decision needs it.
    public enum Outcome: Sendable, Equatable {
        case response(status: Int, headers: [HeaderField])
        case failure(TransportError)
    }

    /// Why no further attempt followed an attempt.
    public enum Stop: Sendable, Equatable {
        /// A success, or a failure that the same request would meet again.
        case notTransient
        /// A transient failure of POST or PATCH, which is not repeated unless opted in.
        case notIdempotent(HTTPMethod)
        /// Every allowed attempt was made.
        case attemptsUsed(Int)
        /// The server asked to wait `requested` seconds, more than `maxWait`.
        case retryAfterTooLong(requested: Double, maxWait: Double)
        /// The wait before the next attempt was cancelled.
        case cancelled
    }

    /// What to do after an attempt.
    public enum Decision: Sendable, Equatable {
        case retry(RetryWait)
        case stop(Stop)
    }

    /// Total tries including the first; 1 (the default) means no retries.
    public var attempts: Int
    public var backoff: Backoff
    /// Seconds of the first backoff.
    public var base: Double
    /// Seconds no backoff exceeds.
    public var max: Double
    public var jitter: Bool
    /// The longest `Retry-After`, in seconds, that sonde waits for.
    public var maxWait: Double
    /// Whether POST and PATCH are retried too.
    public var retriesNonIdempotent: Bool

    public init(
        attempts: Int = 1, backoff: Backoff = .exponential, base: Double = 0.5, max: Double = 30, jitter: Bool = true,
        maxWait: Double = 60, retriesNonIdempotent: Bool = false
    ) {
        self.attempts = attempts
        self.backoff = backoff
        self.base = base
        self.max = max
        self.jitter = jitter
        self.maxWait = maxWait
        self.retriesNonIdempotent = retriesNonIdempotent
    }

    /// Whether retries are on at all.
    public var retries: Bool { attempts > 1 }

    /// Decides what follows attempt number `attempt` (1-based) of a `method` request.
    /// - Parameters:
    ///   - now: the time a `Retry-After` HTTP date is measured from.
    ///   - random: the source of jitter; tests pass a fixed one.
    public func decide(
        after outcome: Outcome, attempt: Int, method: HTTPMethod, now: Date,
        random: inout some RandomNumberGenerator
    ) -> Decision {
        let retryAfter: String?
        switch outcome {
        case .response(let status, let headers):
            guard Self.isTransient(status: status) else { return .stop(.notTransient) }
            retryAfter = headers.first(named: "Retry-After")
        case .failure(let error):
            guard Self.isTransient(error) else { return .stop(.notTransient) }
            retryAfter = nil
        }
        guard attempt < attempts else { return .stop(.attemptsUsed(attempts)) }
        guard method.isIdempotent || retriesNonIdempotent else { return .stop(.notIdempotent(method)) }
        if let retryAfter, let seconds = RetryAfter.seconds(retryAfter, now: now) {
            guard seconds <= maxWait else { return .stop(.retryAfterTooLong(requested: seconds, maxWait: maxWait)) }
            return .retry(RetryWait(seconds: seconds, reason: .retryAfter))
        }
        return .retry(RetryWait(seconds: backoffDelay(beforeRetry: attempt, random: &random), reason: .backoff))
    }

    /// The backoff before retry number `retry` (1 for the wait before the second attempt).
    public func backoffDelay(beforeRetry retry: Int, random: inout some RandomNumberGenerator) -> Double {
        let ceiling = Swift.max(0, max)
        let delay: Double
        switch backoff {
        case .constant:
            delay = Swift.min(Swift.max(0, base), ceiling)
        case .exponential:
            // base × 2^(retry−1) without overflow: once it passes the ceiling, the ceiling it is.
            var value = Swift.max(0, base)
            var doublings = Swift.max(0, retry - 1)
            while doublings > 0, value > 0, value < ceiling {
                value *= 2
                doublings -= 1
            }
            delay = Swift.min(value, ceiling)
        }
        guard jitter, delay > 0 else { return delay }
        // One draw mapped onto [0, 1) by its top 53 bits, rather than Double.random(in:using:),
        // which may draw again and again: a fixed source in a test would never return.
        let unit = Double(random.next() >> 11) / 9_007_199_254_740_992
        return delay / 2 + unit * delay / 2
    }

    /// 429, 502, 503 and 504: the server or a proxy in front of it is busy or briefly away.
    public static func isTransient(status: Int) -> Bool {
        [429, 502, 503, 504].contains(status)
    }

    /// Transport failures that a moment later may not happen (see the type's documentation).
    public static func isTransient(_ error: TransportError) -> Bool {
        switch error {
        case .connectionRefused, .unixSocketUnavailable, .connectTimeout, .totalTimeout, .connectionLost: true
        // A proxy's failure is a setting to fix more often than a moment to wait out.
        case .dnsFailure, .tls, .tooManyRedirects, .cancelled, .unreadableBodyFile, .unwritableResponseFile, .invalidURL,
             .invalidResponse, .proxy, .other: false
        }
    }
}
