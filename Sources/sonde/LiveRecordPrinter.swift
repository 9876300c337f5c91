import Foundation
import SondeCore
import Synchronization

/// Prints an NDJSON or Server-Sent Events response while it arrives: its head on stderr the
/// moment it is in, then each record on stdout as soon as it is complete, masked and made inert
/// for a terminal as `ExchangePrinter` does for whole bodies.
///
/// Called from the transfer's thread; writes go straight to the file descriptors, unbuffered,
/// so a record is on screen (or down the pipe) before the next one arrives.
final class LiveRecordPrinter: Sendable {
    private struct State {
        /// Set by `begin`: the printer with the request's secrets.
        var printer: ExchangePrinter?
        var records = 0
        var started = ContinuousClock.now
    }

    private let state = Mutex(State())
    private let verbose: Bool
    private let toTerminal: Bool

    init(verbose: Bool, toTerminal: Bool) {
        self.verbose = verbose
        self.toTerminal = toTerminal
    }

    /// Whether a live response's head has been printed.
    var hasBegun: Bool { state.withLock { $0.printer != nil } }

    /// Prints the head of a live response: with `-v`, the requests as sent (`wire`) and the
    /// response headers too. A retried request begins again with the next try's head.
    func begin(_ head: ResponseHead, request: PreparedRequest, wire: WireLog) {
        let printer = ExchangePrinter(style: TerminalStyle.forStream(STDERR_FILENO), secrets: request.secrets)
        var text = ""
        if verbose {
            let transcript = WireTranscript(wire: wire, finalURL: nil, declared: request.headers, secrets: request.secrets)
            text += printer.wire(transcript, body: request.body) + "\n"
        }
        text += printer.liveStatusLine(head) + "\n"
        if verbose { text += printer.responseHeaders(head.headers) }
        state.withLock { state in
            state.printer = printer
            state.records = 0
            state.started = .now
        }
        StandardError.write(text)
    }

    func print(_ record: StreamRecord) {
        let printer: ExchangePrinter? = state.withLock { state in
            state.records += 1
            return state.printer
        }
        guard let printer else { return }
        StandardOutput.write(printer.record(record, toTerminal: toTerminal))
    }

    /// "5 records in 2.01 s", for stderr once the stream has ended.
    var summary: String {
        state.withLock { state in
            let noun = state.records == 1 ? "record" : "records"
            return "\(state.records) \(noun) in \(DurationText.format(Self.seconds(since: state.started)))"
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
