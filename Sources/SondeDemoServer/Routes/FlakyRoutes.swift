import FlyingFox
import Synchronization

/// `/flaky?id=...&fail=2&status=503&retry_after=1` (any method): fails `fail` times for each
/// `id` with `status` (and a `Retry-After` header when asked), then answers 200, so sonde's
/// retries can be shown and tested against the demo API.
struct FlakyRoutes: RouteGroup {
    /// Most failures one id may ask for, and longest Retry-After, so a typo cannot stall a demo.
    static let maximumFailures = 10
    static let maximumRetryAfter = 60

    /// How many requests each id has had. Cleared when it grows past `capacity` ids, so a
    /// long-running demo server does not grow without bound.
    private final class Ledger: Sendable {
        static let capacity = 10_000
        private let counts = Mutex<[String: Int]>([:])

        /// Counts one more request for `id` and returns its number (1 for the first).
        func next(_ id: String) -> Int {
            counts.withLock { counts in
                if counts.count >= Self.capacity, counts[id] == nil { counts.removeAll() }
                counts[id, default: 0] += 1
                return counts[id] ?? 1
            }
        }
    }

    private let ledger = Ledger()

    /// The answer once the failures are over: `{"attempt": 3, "id": "abc"}`.
    private struct Answer: Encodable {
        var id: String
        var attempt: Int
    }

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("/flaky") { [ledger] request in
            let query = request.queryForm
            guard let id = query.value(for: "id"), !id.isEmpty else {
                throw RequestError.badRequest("flaky needs an id, e.g. /flaky?id=abc&fail=2&status=503")
            }
            let failures = try query.integer("fail", default: 2, .within(0...Self.maximumFailures))
            let status = try query.integer("status", default: 503, .within(400...599))
            let retryAfter = try query.integer("retry_after", .within(0...Self.maximumRetryAfter))
            let attempt = ledger.next(id)
            guard attempt > failures else {
                var headers: HTTPHeaders = [:]
                if let retryAfter { headers[HTTPHeader("Retry-After")] = String(retryAfter) }
                return .jsonError(.demo(status), "flaky: failure \(attempt) of \(failures)", headers: headers)
            }
            return try .json(Answer(id: id, attempt: attempt))
        }
    }
}
