import Foundation
import SondeCore

/// What a run did, added up as flows finish: counts, each request's latencies, the failures to
/// print, and the exit code. Every flow's results are kept only when a JUnit or TAP report
/// needs them (`keepsResults`), so a run of 20,000 requests holds no per-request state.
struct RunSummary {
    /// Failures printed one by one; past this many, a count says how many more there were.
    static let printedFailures = 50

    /// Each flow's results in start order, when kept.
    var runs: [(flow: RunFlow, results: [RunResult])] { kept.sorted { $0.index < $1.index }.map { ($0.flow, $0.results) } }
    private(set) var tally = RunTally()
    var failed: Int { tally.failed }
    var count: Int { tally.passed + tally.failed + tally.skipped }

    private let keepsResults: Bool
    private var kept: [(index: Int, flow: RunFlow, results: [RunResult])] = []
    /// Request ids in the order the flows name them, so the table's rows don't depend on
    /// which job finished first.
    private let order: [String]
    private var latencies: [String: LatencyHistogram] = [:]
    private var counts: [String: (count: Int, failures: Int)] = [:]
    private var reported: [(index: Int, result: RunResult)] = []
    private var unreported = 0
    private var sawFailedCheck = false
    private var firstTransport: (index: Int, code: SendExitCode)?

    init(requestOrder: [String], keepsResults: Bool) {
        var seen: Set<String> = []
        order = requestOrder.filter { seen.insert($0).inserted }
        self.keepsResults = keepsResults
    }

    /// Adds the results of the flow started `index`-th.
    mutating func add(_ results: [RunResult], of flow: RunFlow, index: Int) {
        for result in results {
            counts[result.id, default: (0, 0)].count += 1
            if result.outcome.isFailure { counts[result.id, default: (0, 0)].failures += 1 }
            if let duration = result.duration { latencies[result.id, default: LatencyHistogram()].record(seconds: duration) }
            tally.add(result.outcome)
            switch result.outcome {
            case .failed: sawFailedCheck = true
            case .transport(let error, _):
                if firstTransport.map({ index < $0.index }) ?? true { firstTransport = (index, SendExitCode(error)) }
            case .passed, .skipped: break
            }
            if !result.reasons.isEmpty {
                if reported.count < Self.printedFailures { reported.append((index, result)) } else { unreported += 1 }
            }
        }
        if keepsResults { kept.append((index, flow, results)) }
    }

    var lastLine: String { tally.text }

    /// 0 when all passed; 2 when an expectation or capture failed; otherwise the first
    /// transport failure's code, as `sonde send` would exit.
    var exitCode: SendExitCode {
        if sawFailedCheck { return .expectationFailed }
        return firstTransport?.code ?? .success
    }

    var failuresText: String {
        var text = ""
        for (_, result) in reported.sorted(by: { $0.index < $1.index }) {
            let mark = result.outcome.isFailure ? "✗" : "-"
            text += "\(mark) \(result.method) \(result.id)\(result.outcome.isFailure ? "" : " skipped")\n"
            for reason in result.reasons { text += "    \(reason)\n" }
        }
        if unreported > 0 { text += "… and \(unreported) more failed or skipped (the reports list them all)\n" }
        return TerminalSafeText.make(text)
    }

    /// One row per request id: count, failures and latency percentiles.
    var table: String {
        let ids = order.filter { counts[$0] != nil }
        let width = max(7, ids.map(\.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        var text = pad("request", width) + "  " + ["count", "fail", "p50", "p90", "p99"].map { $0.leftPadded(to: 9) }.joined() + "\n"
        for id in ids {
            let (count, failures) = counts[id]!
            let latency = latencies[id]
            let cells = [String(count), String(failures)]
                + [50.0, 90, 99].map { latency?.percentile($0).map(Self.milliseconds) ?? "-" }
            text += pad(id, width) + "  " + cells.map { $0.leftPadded(to: 9) }.joined() + "\n"
        }
        return text
    }

    /// Milliseconds, with a decimal below 10 ms, where loopback latencies are.
    static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return ms < 10 ? String(format: "%.1fms", ms) : String(format: "%.0fms", ms)
    }
}
