import Foundation
import SondeCore

/// The live `done/total` line of `sonde run` on stderr, redrawn in place only when stderr is a
/// terminal, and then at most 10 times a second: at 20,000 requests a second, a redraw per
/// request would cost more than the requests.
final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let live: Bool
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var done = 0
    private var failures = 0

    static let redrawInterval = Duration.milliseconds(100)

    init(total: Int, live: Bool) {
        self.total = total
        self.live = live
    }

    func done(_ result: RunResult) {
        guard live else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if result.outcome.isFailure { failures += 1 }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < Self.redrawInterval, done < total { return }
        lastDrawn = now
        StandardError.write("\r\u{1B}[K" + Self.line(done: done, total: total, failures: failures, elapsed: (now - started).seconds))
    }

    /// The progress line's text: `1200/20000 done, 0 failed, 8400 req/s`.
    static func line(done: Int, total: Int, failures: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Int((Double(done) / elapsed).rounded()) : 0
        return "\(done)/\(total) done, \(failures) failed, \(rate) req/s"
    }

    func finish() {
        if live { StandardError.write("\r\u{1B}[K") }
    }
}
