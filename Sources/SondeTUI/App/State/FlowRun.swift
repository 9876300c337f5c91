import Foundation
import SondeCore

/// A folder run as a flow from the collections pane (`RunFlow`, as `sonde run` runs it): what is
/// planned, each request's result as it comes in, and where the results view's cursor is. Kept
/// after the run ends, so the results can be looked at again after opening an exchange.
package struct FlowRun: Sendable {
    /// One request's result, with the response (masked like a normal send's) to open in the
    /// response viewer; nil when nothing came back.
    package struct Step: Sendable {
        package var result: RunResult
        package var document: ResponseDocument?

        package init(result: RunResult, document: ResponseDocument?) {
            self.result = result
            self.document = document
        }
    }

    /// One line of the results view: a request's row, or a line under it that says why it failed.
    package struct Line: Sendable, Equatable {
        package enum Kind: Sendable, Equatable { case passed, failed, skipped, detail, running }
        package var text: String
        package var kind: Kind
        /// The step the line belongs to (nil: the line of the request still running).
        package var step: Int?
    }

    /// The id its transfer runs as: events about it carry this id, and Esc cancels it by it.
    package var id: Int
    package var collection: Int
    /// `demo/flows`: the collection and the folder.
    package var name: String
    /// Method and id of every request, in run order: the plan the progress counts against.
    package var planned: [(method: String, id: String)]
    package var steps: [Step] = []
    package var isRunning = true
    package var wasCancelled = false
    /// The step the cursor is on, and the first line on screen.
    package var selection = 0
    package var scroll = 0

    package init(id: Int, collection: Int, name: String, planned: [(method: String, id: String)]) {
        self.id = id
        self.collection = collection
        self.name = name
        self.planned = planned
    }

    package var tally: RunTally { RunTally(steps.map(\.result)) }
    package var failed: Int { tally.failed }

    /// `3/7 running…` while it runs; then `2 passed, 1 failed` (`, 1 skipped`), and how many were
    /// not run when it was stopped.
    package var summary: String {
        if isRunning { return "\(steps.count)/\(planned.count) running…" }
        var text = tally.text
        if wasCancelled { text = "stopped: " + text + ", \(planned.count - steps.count) not run" }
        return text
    }

    /// Every line of the results view, independent of the screen's width (the renderer cuts
    /// them): a row per request (mark, method, id, status, duration), under a failed one each
    /// failed expectation with what was expected and what came, then any other reason (a
    /// capture that found nothing, a transport error); last, the request still running.
    package var lines: [Line] {
        let methodWidth = planned.map(\.method.count).max() ?? 3
        let idWidth = min(40, planned.map { DisplayWidth.of($0.id) }.max() ?? 0)
        func row(_ mark: String, _ method: String, _ id: String, _ rest: String) -> String {
            let head = "\(mark) \(method.padding(toLength: methodWidth, withPad: " ", startingAt: 0))  \(DisplayWidth.pad(TerminalSafeText.singleLine(id), to: idWidth))"
            return rest.isEmpty ? head : head + "  " + rest
        }
        var lines: [Line] = []
        for (index, step) in steps.enumerated() {
            let result = step.result
            let status = result.status.map(String.init) ?? "---"
            let duration = result.duration.map { "\(Int(($0 * 1000).rounded())) ms".leftPadded(to: 8) } ?? ""
            switch result.outcome {
            case .passed:
                lines.append(Line(text: row("✓", result.method, result.id, "\(status)\(duration)"), kind: .passed, step: index))
            case .skipped:
                lines.append(Line(text: row("-", result.method, result.id, "skipped"), kind: .skipped, step: index))
            case .failed, .transport:
                lines.append(Line(text: row("✗", result.method, result.id, "\(status)\(duration)"), kind: .failed, step: index))
            }
            let failedChecks = result.checks.filter { !$0.passed }
            for check in failedChecks {
                lines.append(Line(text: "    ✗ " + TerminalSafeText.singleLine(check.description), kind: .detail, step: index))
                lines.append(Line(text: "      expected \(TerminalSafeText.singleLine(check.expected)) · got \(TerminalSafeText.singleLine(check.actual))", kind: .detail, step: index))
            }
            // The failed checks' summaries are among the reasons; the rest say what else went wrong.
            let summaries = Set(failedChecks.map(\.summary))
            for reason in result.reasons where !summaries.contains(reason) {
                lines.append(Line(text: "    " + TerminalSafeText.singleLine(reason), kind: .detail, step: index))
            }
        }
        if isRunning, planned.indices.contains(steps.count) {
            let next = planned[steps.count]
            lines.append(Line(text: row("…", next.method, next.id, "running"), kind: .running, step: nil))
        }
        return lines
    }

    /// The lines of the results view that fit on a screen `height` rows high: the overlay's
    /// frame, the summary line and the footer take four.
    package static func listHeight(screenHeight: Int) -> Int { max(1, screenHeight - 1 - 4) }

    /// Moves the cursor `by` steps and scrolls so the step's row and the lines under it are
    /// on screen (as many as fit, its row first).
    package mutating func move(by step: Int, listHeight: Int) {
        guard !steps.isEmpty else { return }
        selection = min(max(0, selection + step), steps.count - 1)
        reveal(listHeight: listHeight)
    }

    package mutating func reveal(listHeight: Int) {
        let lines = lines
        guard let first = lines.firstIndex(where: { $0.step == selection }),
              let last = lines.lastIndex(where: { $0.step == selection }) else { return }
        if first < scroll { scroll = first } else if last >= scroll + listHeight { scroll = min(first, last - listHeight + 1) }
        scroll = max(0, min(scroll, max(0, lines.count - listHeight)))
    }

    /// The step the cursor is on.
    package var selectedStep: Step? { steps.indices.contains(selection) ? steps[selection] : nil }
}
