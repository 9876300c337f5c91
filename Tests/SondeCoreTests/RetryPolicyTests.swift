import Foundation
import Testing
@testable import SondeCore

/// The retry decision, `Retry-After` parsing and the backoff, without a network or a clock.
@Suite struct RetryPolicyTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)
    private let policy = RetryPolicy(attempts: 3, base: 0.5, max: 30, jitter: false, maxWait: 60)

    private func decide(
        _ outcome: RetryPolicy.Outcome, attempt: Int = 1, method: HTTPMethod = .GET, policy: RetryPolicy? = nil
    ) -> RetryPolicy.Decision {
        var random = FixedRandom(0)
        return (policy ?? self.policy).decide(after: outcome, attempt: attempt, method: method, now: now, random: &random)
    }

    private func status(_ code: Int, _ headers: [HeaderField] = []) -> RetryPolicy.Outcome {
        .response(status: code, headers: headers)
    }

    @Test(arguments: [429, 502, 503, 504])
    func transientStatusesAreRetriedWithBackoff(code: Int) {
        #expect(decide(status(code)) == .retry(RetryWait(seconds: 0.5, reason: .backoff)))
        #expect(decide(status(code), attempt: 2) == .retry(RetryWait(seconds: 1, reason: .backoff)))
    }

    @Test(arguments: [200, 201, 204, 301, 304, 400, 401, 403, 404, 405, 408, 409, 422, 500, 501, 505])
    func otherStatusesAreNotRetried(code: Int) {
        #expect(decide(status(code, [HeaderField(name: "Retry-After", value: "1")])) == .stop(.notTransient))
    }

    @Test func transientTransportFailuresAreRetried() {
        let transient: [TransportError] = [
            .connectionRefused(host: "h", port: 80), .connectTimeout(seconds: 5), .totalTimeout(seconds: 30),
            .connectionLost(reason: "Connection reset by peer"),
        ]
        for error in transient {
            #expect(decide(.failure(error)) == .retry(RetryWait(seconds: 0.5, reason: .backoff)), "\(error)")
        }
    }

    @Test func permanentTransportFailuresAreNotRetried() {
        let permanent: [TransportError] = [
            .dnsFailure(host: "typo.example"), .tls(reason: "certificate expired"), .tooManyRedirects(limit: 10),
            .cancelled, .unreadableBodyFile(path: "/x", reason: "gone"), .invalidURL("x"), .other(code: 3, message: "?"),
            .invalidResponse(reason: "the server's answer is not HTTP: bad status line"),
        ]
        for error in permanent {
            #expect(decide(.failure(error)) == .stop(.notTransient), "\(error)")
        }
    }

    @Test func onlyIdempotentMethodsAreRetriedUnlessOptedIn() {
        for method in [HTTPMethod.GET, .HEAD, .PUT, .DELETE, .OPTIONS] {
            #expect(decide(status(503), method: method) == .retry(RetryWait(seconds: 0.5, reason: .backoff)))
        }
        for method in [HTTPMethod.POST, .PATCH] {
            #expect(decide(status(503), method: method) == .stop(.notIdempotent(method)))
            #expect(decide(.failure(.connectionLost(reason: "reset")), method: method) == .stop(.notIdempotent(method)))
            var optedIn = policy
            optedIn.retriesNonIdempotent = true
            #expect(decide(status(503), method: method, policy: optedIn) == .retry(RetryWait(seconds: 0.5, reason: .backoff)))
        }
    }

    @Test func attemptsCountTheFirstTry() {
        #expect(decide(status(503), attempt: 2) != .stop(.attemptsUsed(3)))
        #expect(decide(status(503), attempt: 3) == .stop(.attemptsUsed(3)))
        // The default is one try: no retries at all.
        #expect(decide(status(503), policy: RetryPolicy()) == .stop(.attemptsUsed(1)))
        #expect(RetryPolicy().retries == false)
    }

    @Test func retryAfterWinsOverBackoffUpToMaxWait() {
        let header = { (value: String) in [HeaderField(name: "retry-after", value: value)] }
        #expect(decide(status(429, header("12"))) == .retry(RetryWait(seconds: 12, reason: .retryAfter)))
        #expect(decide(status(503, header("60"))) == .retry(RetryWait(seconds: 60, reason: .retryAfter)))
        #expect(decide(status(502, header("0"))) == .retry(RetryWait(seconds: 0, reason: .retryAfter)))
        #expect(decide(status(503, header("61"))) == .stop(.retryAfterTooLong(requested: 61, maxWait: 60)))
        #expect(decide(status(503, header("Tue, 14 Nov 2023 22:13:40 GMT"))) == .retry(RetryWait(seconds: 20, reason: .retryAfter)))
        // Unreadable: the backoff instead.
        #expect(decide(status(503, header("soon"))) == .retry(RetryWait(seconds: 0.5, reason: .backoff)))
    }

    @Test func retryAfterReadsSecondsAndTheThreeDateLayouts() {
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 3 ", now: now) == 3)
        #expect(RetryAfter.seconds("0", now: now) == 0)
        #expect(RetryAfter.seconds("99999999999999999999999", now: now) == 1e23)
        for invalid in ["", "1.5", "-3", "+3", "3s", "soon", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Foo 1994 08:49:37 GMT",
                        "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 8:49 GMT"] {
            #expect(RetryAfter.seconds(invalid, now: now) == nil, "\(invalid)")
        }
        let rfcExample = Date(timeIntervalSince1970: 784_111_777)
        #expect(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == rfcExample)
        #expect(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == rfcExample)
        #expect(RetryAfter.httpDate("Sun Nov  6 08:49:37 1994", now: now) == rfcExample)
        // A date already past means no wait.
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 0)
    }

    @Test func httpDatesAgreeWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "GMT"))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for (year, month, day) in [(2000, 2, 29), (2024, 2, 29), (2023, 12, 31), (2038, 1, 19), (2100, 3, 1), (1970, 1, 1)] {
            let expected = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 13, minute: 7, second: 9)))
            let text = "Mon, \(day < 10 ? "0" : "")\(day) \(months[month - 1]) \(year) 13:07:09 GMT"
            #expect(RetryAfter.httpDate(text, now: now) == expected, "\(text)")
        }
    }

    @Test func twoDigitYearsAreTheOnesNotFarAhead() {
        // now is in 2023: 94 is 1994, 30 is 2030 (within 50 years ahead), 80 is 1980.
        #expect(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT", now: now)?.timeIntervalSince1970 == 784_111_777)
        let y2030 = RetryAfter.httpDate("Wednesday, 06-Nov-30 00:00:00 GMT", now: now)
        #expect(y2030 == RetryAfter.httpDate("Wed, 06 Nov 2030 00:00:00 GMT", now: now))
        let y1980 = RetryAfter.httpDate("Thursday, 06-Nov-80 00:00:00 GMT", now: now)
        #expect(y1980 == RetryAfter.httpDate("Thu, 06 Nov 1980 00:00:00 GMT", now: now))
    }

    @Test func exponentialBackoffDoublesUpToMax() {
        var random = FixedRandom(0)
        let delays = (1...10).map { policy.backoffDelay(beforeRetry: $0, random: &random) }
        #expect(delays == [0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30])
        #expect(policy.backoffDelay(beforeRetry: 100_000, random: &random) == 30)
        #expect(RetryPolicy(base: 0, jitter: false).backoffDelay(beforeRetry: 50, random: &random) == 0)
        #expect(RetryPolicy(base: 5, max: 2, jitter: false).backoffDelay(beforeRetry: 1, random: &random) == 2)
    }

    @Test func constantBackoffStaysAtBase() {
        var random = FixedRandom(0)
        let constant = RetryPolicy(backoff: .constant, base: 0.25, max: 30, jitter: false)
        #expect((1...5).map { constant.backoffDelay(beforeRetry: $0, random: &random) } == Array(repeating: 0.25, count: 5))
    }

    @Test func equalJitterKeepsAtLeastHalfTheDelay() {
        let jittered = RetryPolicy(base: 1, max: 30, jitter: true)
        var low = FixedRandom(0)
        #expect(jittered.backoffDelay(beforeRetry: 3, random: &low) == 2)
        var high = FixedRandom(.max)
        #expect(abs(jittered.backoffDelay(beforeRetry: 3, random: &high) - 4) < 1e-9)
        var seeded = SplitMix64(seed: 42)
        let samples = (0..<1000).map { _ in jittered.backoffDelay(beforeRetry: 3, random: &seeded) }
        #expect(samples.allSatisfy { (2...4).contains($0) })
        // Spread over the range, not stuck at one end.
        #expect(samples.min()! < 2.1)
        #expect(samples.max()! > 3.9)
        #expect(abs(samples.reduce(0, +) / 1000 - 3) < 0.1)
    }

    @Test func waitsDescribeThemselves() {
        #expect(RetryWait(seconds: 12, reason: .retryAfter).description == "Retry-After 12 s")
        #expect(RetryWait(seconds: 1, reason: .backoff).description == "backoff 1.0 s")
        #expect(RetryWait(seconds: 1.5, reason: .retryAfter).description == "Retry-After 1.5 s")
        #expect(RetryWait(seconds: 1.04, reason: .backoff).description == "backoff 1.0 s")
        #expect(RetryWait(seconds: 0.5, reason: .backoff).description == "backoff 0.5 s")
        #expect(RetryWait(seconds: 0.05, reason: .backoff).description == "backoff 0.05 s")
        #expect(RetryWait.format(0) == "0.00 s")
    }

    @Test func overridesMergeFieldByField() {
        let collection = RetryOverrides(attempts: 3, backoff: .constant, base: 0.1, maxWait: 5)
        let request = RetryOverrides(attempts: 5, jitter: false)
        let merged = request.over(collection)
        #expect(merged == RetryOverrides(attempts: 5, backoff: .constant, base: 0.1, jitter: false, maxWait: 5))
        #expect(merged.policy == RetryPolicy(attempts: 5, backoff: .constant, base: 0.1, max: 30, jitter: false, maxWait: 5))
        #expect(RetryOverrides().policy == RetryPolicy())
        #expect(RetryOverrides().isEmpty)
    }
}

/// A random source that always returns one value: 0 draws the shortest jittered wait, .max the longest.
struct FixedRandom: RandomNumberGenerator {
    let value: UInt64
    init(_ value: UInt64) { self.value = value }
    mutating func next() -> UInt64 { value }
}

/// A small seeded generator (SplitMix64) for repeatable samples.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
