import Foundation
import SondeCore

extension SendCommand {
    /// The end of a response printed live: its head and records are out already, so what is
    /// left is the tries (-v), the timing (--timing) and a summary line.
    func reportLive(_ exchange: Exchange, _ bodyOutput: BodyOutput) -> SendExitCode {
        let printer = ExchangePrinter(style: TerminalStyle.forStream(STDERR_FILENO), secrets: exchange.request.secrets)
        var tail = ""
        if verbose {
            // The wire went out with the head; where the chain ended is known now.
            tail += printer.style.dim("* final URL: " + printer.shown(exchange.response.finalURL)) + "\n"
            tail += transferNotices(exchange, style: printer.style)
        }
        if verbose, exchange.attempts.count > 1 { tail += printer.attempts(exchange.attempts) }
        if timing { tail += printer.timing(exchange.response.timings) }
        tail += printer.style.dim("[stream ended: \(bodyOutput.liveSummary)]") + Self.tlsNote(exchange, style: printer.style) + "\n"
        StandardError.write(tail)
        return SendExitCode(status: exchange.response.status)
    }
}
