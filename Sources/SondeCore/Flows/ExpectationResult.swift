/// The outcome of one expectation, with both sides as text (secrets masked) so the CLI, the
/// TUI and a report all say the same.
public struct ExpectationResult: Sendable, Equatable {
    public var passed: Bool
    /// What was checked: `status`, `$.users[0].name equals "Ada"`, `header ETag exists`.
    public var description: String
    /// What the value should have been: `2xx`, `"Ada"`, `< 500`.
    public var expected: String
    /// What it was: `404`, `"Bob"`, `612 ms`, `nothing`.
    public var actual: String

    public init(passed: Bool, description: String, expected: String, actual: String) {
        self.passed = passed
        self.description = description
        self.expected = expected
        self.actual = actual
    }

    /// The one line that reports it: for a failure `status: expected 2xx, got 404` or
    /// `$.users[0].name equals "Ada": got "Bob"` (the description says what was expected);
    /// for a pass `status 200 (2xx)` or the description alone.
    public var summary: String {
        switch (passed, description == "status") {
        case (true, true): "status \(actual) (expected \(expected))"
        case (true, false): description
        case (false, true): "status: expected \(expected), got \(actual)"
        case (false, false): "\(description): got \(actual)"
        }
    }

    /// `✓` or `✗`, then the summary.
    public var line: String { (passed ? "✓ " : "✗ ") + summary }
}

extension [ExpectationResult] {
    /// How many passed.
    public var passedCount: Int { count { $0.passed } }
    /// Whether every one passed (true for none).
    public var allPassed: Bool { allSatisfy(\.passed) }
}
