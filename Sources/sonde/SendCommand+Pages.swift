import Foundation
import SondeCore
import SondeHTTP

extension SendCommand {
    /// `--all-pages`: fetches every page as the request's `paginate:` block says and prints the
    /// items of all of them as one JSON array (`--ndjson`: one item a line), or writes them to
    /// `-o FILE`. The items gathered before a page that fails are printed too; the exit code is
    /// then that page's (its status, or its transport error's), and 7 when its body was not JSON.
    func sendAllPages(_ saved: SavedRequest, in context: SendContext) async -> SendExitCode {
        let sender = Self.sender(transport: makeTransport())
        guard let paginator = Paginator(saved, in: context, sender: sender) else {
            return fail(.usage, "--all-pages needs a paginate: block in \(saved.id) (style page, cursor or link; see README.md)")
        }
        let errorStyle = TerminalStyle.forStream(STDERR_FILENO)
        let log = PaginationLog(style: errorStyle, verbose: verbose, timing: timing, drawsProgress: isatty(STDERR_FILENO) == 1)
        let cancellation = CancellationFlag()
        let interrupt = InterruptHandler { cancellation.cancel() }
        let state = await paginator.fetchAll(cancellation: cancellation, observer: { log.observe($0) })
        interrupt.stop()
        log.clear()
        // Spilled bodies' temporary files: `run` ends with _exit, which skips deinitializers.
        defer { for page in state.pages { page.response.bodyFile?.discard() } }

        var secrets = SecretSet()
        for page in state.pages { secrets.formUnion(page.request.secrets) }
        let printer = ExchangePrinter(style: errorStyle, secrets: secrets)
        if let output {
            do {
                try AtomicFile.write(Data(itemBytes(state, printer: nil, toTerminal: false)), to: URL(fileURLWithPath: output))
            } catch {
                return fail(.outputUnwritable, "cannot write \(output): \(FileErrorText.reason(of: error))")
            }
            StandardError.write("saved \(state.itemCount) items to \(TerminalSafeText.singleLine(output))\n")
        } else {
            StandardOutput.write(itemBytes(state, printer: printer, toTerminal: isatty(STDOUT_FILENO) == 1))
        }

        // Every page fetched is checked against `expect:`, as a single send would be.
        let pageChecksFailed = reportPageChecks(saved, state, secrets: secrets, style: errorStyle, in: context)
        let progress = state.progress
        var summary = "\(progress.page) \(progress.page == 1 ? "page" : "pages") · \(progress.items) items · \(DurationText.format(progress.elapsed))"
        if let failure = state.failure {
            var message = failure.description
            if case .send(let error) = failure.reason { message += Self.environmentHint(for: error, in: context) }
            if progress.page > 0 { StandardError.write(errorStyle.dim(summary + " before the failure") + "\n") }
            return fail(Self.exitCode(failure), secrets.redact(message))
        }
        if let stop = state.stop {
            let reason = TerminalSafeText.make(secrets.redact(stop.description))
            summary += " · " + reason
            StandardError.write((stop.mayBeIncomplete ? errorStyle.paint(summary, "1;33") : errorStyle.dim(summary)) + "\n")
        }
        return pageChecksFailed ? .expectationFailed : .success
    }

    /// Checks each page's response against the request's `expect:` and prints each failure with
    /// its page number (`✗ page 3: status: expected 200, got 500`); true when any failed.
    private func reportPageChecks(_ saved: SavedRequest, _ state: PaginationState, secrets: SecretSet, style: TerminalStyle, in context: SendContext) -> Bool {
        let expectations = saved.definition.expectations
        guard !expectations.isEmpty else { return false }
        var text = ""
        for page in state.pages {
            let results = expectations.check(page.response, resolvingIn: context, secrets: secrets, schemaFolder: saved.fileURL.deletingLastPathComponent())
            for result in results where !result.passed {
                text += style.paint("✗", "1;31") + " page \(page.number): \(result.summary)\n"
            }
        }
        StandardError.write(TerminalSafeText.make(secrets.redact(text)))
        return !text.isEmpty
    }

    /// The items as `sonde send` prints them: one indented JSON array, or with `--ndjson` one
    /// compact item a line; masked and made inert when `printer` is given.
    private func itemBytes(_ state: PaginationState, printer: ExchangePrinter?, toTerminal: Bool) -> [UInt8] {
        if ndjson {
            var bytes: [UInt8] = []
            for item in state.items {
                let line = item.tree.prettyBytes(of: item.node, indent: nil)
                if let printer, toTerminal || !printer.secrets.isEmpty {
                    bytes += printer.finish(String(decoding: line, as: UTF8.self), toTerminal: toTerminal)
                } else {
                    bytes += line
                    bytes.append(UInt8(ascii: "\n"))
                }
            }
            return bytes
        }
        var bytes = JSONTree.arrayBytes(of: state.items, indent: 2)
        if let printer, toTerminal || !printer.secrets.isEmpty {
            return printer.finish(String(decoding: bytes, as: UTF8.self), toTerminal: toTerminal)
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// A failed page's exit code: as a single send failing the same way would have.
    static func exitCode(_ failure: PageFailure) -> SendExitCode {
        switch failure.reason {
        case .send(let error): SendExitCode(error)
        case .status(let status, _): SendExitCode(status: status)
        case .notJSON, .unreadable: .unreadablePage
        }
    }
}
