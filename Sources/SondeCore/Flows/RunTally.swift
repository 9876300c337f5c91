/// How many requests of a run passed, failed and were skipped, and the line that says so: one
/// count and one wording for `sonde run`'s last line and the TUI's results view.
public struct RunTally: Sendable, Equatable {
    public private(set) var passed = 0
    public private(set) var failed = 0
    public private(set) var skipped = 0

    public init() {}

    public init(_ results: some Sequence<RunResult>) {
        for result in results { add(result.outcome) }
    }

    public mutating func add(_ outcome: RunResult.Outcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed, .transport: failed += 1
        case .skipped: skipped += 1
        }
    }

    /// `2 passed, 1 failed`, and `, 1 skipped` when any were.
    public var text: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
