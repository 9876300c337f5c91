import Foundation
import SondeCore

/// What a run did: every flow's results, the per-request table, the last line and the exit code.
struct RunSummary {
    var runs: [(flow: RunFlow, results: [RunResult])]

    var all: [RunResult] { runs.flatMap(\.results) }
    var passed: Int { all.filter { if case .passed = $0.outcome { true } else { false } }.count }
    var failed: Int { all.filter(\.outcome.isFailure).count }
    var skipped: Int { all.count - passed - failed }

    var lastLine: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }

    /// 0 when all passed; 2 when an expectation or capture failed; otherwise the first
    /// transport failure's code, as `sonde send` would exit.
    var exitCode: SendExitCode {
        var firstTransport: SendExitCode?
        for result in all {
            switch result.outcome {
            case .failed: return .expectationFailed
            case .transport(let code, _): firstTransport = firstTransport ?? code
            case .passed, .skipped: break
            }
        }
        return firstTransport ?? .success
    }

    var failuresText: String {
        var text = ""
        for result in all where !result.reasons.isEmpty {
            let mark = result.outcome.isFailure ? "✗" : "-"
            text += "\(mark) \(result.method) \(result.id)\(result.outcome.isFailure ? "" : " skipped")\n"
            for reason in result.reasons { text += "    \(reason)\n" }
        }
        return TerminalSafeText.make(text)
    }

    /// One row per request id, in order of first appearance.
    var table: String {
        var order: [String] = []
        var byID: [String: [RunResult]] = [:]
        for result in all {
            if byID[result.id] == nil { order.append(result.id) }
            byID[result.id, default: []].append(result)
        }
        let width = max(7, order.map(\.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        func left(_ text: String, _ count: Int) -> String { String(repeating: " ", count: max(0, count - text.count)) + text }
        var text = pad("request", width) + "  " + ["count", "fail", "p50", "p90", "p99"].map { left($0, 8) }.joined() + "\n"
        for id in order {
            let results = byID[id]!
            let durations = results.compactMap(\.duration).sorted()
            let cells = [String(results.count), String(results.filter(\.outcome.isFailure).count)]
                + [0.5, 0.9, 0.99].map { Self.percentile($0, of: durations).map { String(format: "%.0fms", $0 * 1000) } ?? "-" }
            text += pad(id, width) + "  " + cells.map { left($0, 8) }.joined() + "\n"
        }
        return text
    }

    /// The nearest-rank percentile of sorted values: exact, which is fine for a run's counts.
    static func percentile(_ p: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// The live `done/total` line on stderr, redrawn in place when stderr is a terminal.
final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let live: Bool
    private var done = 0
    private var failures = 0

    init(total: Int, live: Bool) {
        self.total = total
        self.live = live
    }

    func done(_ result: RunResult) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if result.outcome.isFailure { failures += 1 }
        if live { StandardError.write("\r\u{1B}[K\(done)/\(total) done, \(failures) failed") }
    }

    func finish() {
        if live { StandardError.write("\r\u{1B}[K") }
    }
}
