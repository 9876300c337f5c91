import Foundation
import SondeCore
import Synchronization

/// What `sonde send --all-pages` writes on stderr while the pages arrive: on a terminal, one
/// progress line redrawn in place ("page 3 · 60 items · 1.2 s"); with `-v`, each page's request
/// line, tries and status line (and timing with `--timing`), masked like every printout.
///
/// Fed by `Paginator`'s observer on the fetching task; pages come seconds or milliseconds
/// apart, so it draws on every event without throttling.
final class PaginationLog: Sendable {
    private let style: TerminalStyle
    private let verbose: Bool
    private let timing: Bool
    private let drawsProgress: Bool
    private let progressVisible = Mutex(false)

    init(style: TerminalStyle, verbose: Bool, timing: Bool, drawsProgress: Bool) {
        self.style = style
        self.verbose = verbose
        self.timing = timing
        self.drawsProgress = drawsProgress
    }

    func observe(_ event: PaginationEvent) {
        switch event {
        case .pageStarted(let progress):
            draw(progress)
        case .retry:
            break
        case .pageFinished(let page, let progress):
            if verbose || timing { write(describe(page)) }
            draw(progress)
        case .pageFailed(let failure):
            // The tries' texts are redacted already; the error is printed once the fetching ends.
            if verbose, failure.attempts.count > 1 || failure.attempts.last?.stop.flatMap(ExchangePrinter.describe) != nil {
                write(ExchangePrinter(style: style, secrets: SecretSet()).attempts(failure.attempts))
            }
        }
    }

    /// Removes the progress line, so what follows starts on a clean one.
    func clear() {
        let visible = progressVisible.withLock { visible in
            defer { visible = false }
            return visible
        }
        if visible { StandardError.write("\r\u{1B}[K") }
    }

    private func describe(_ page: FetchedPage) -> String {
        let printer = ExchangePrinter(style: style, secrets: page.request.secrets)
        var text = ""
        if verbose {
            let line = "> \(page.request.method.rawValue) \(page.request.secrets.redact(page.request.url))"
            text += style.dim(TerminalSafeText.make(line)) + "\n"
            if page.attempts.count > 1 { text += printer.attempts(page.attempts) }
        }
        text += printer.statusLine(page.response) + style.dim("  page \(page.number), \(page.items.count) \(page.items.count == 1 ? "item" : "items")") + "\n"
        if timing { text += printer.timing(page.response.timings) }
        return text
    }

    /// Writes `text` above the progress line: clears it first; the next event redraws it.
    private func write(_ text: String) {
        clear()
        StandardError.write(text)
    }

    private func draw(_ progress: PaginationProgress) {
        guard drawsProgress else { return }
        progressVisible.withLock { $0 = true }
        // Erase to the end of the line: the new text may be shorter than the old.
        StandardError.write("\r" + progress.summary + "\u{1B}[K")
    }
}
