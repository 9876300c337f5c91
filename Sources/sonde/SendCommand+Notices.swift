import Foundation
import SondeCore

extension SendCommand {
    /// `-v` lines about how the request travelled: the Unix socket, the HTTP version and whether
    /// the connection was new, TLS left unchecked, each redirect followed and, at another origin,
    /// what was not sent there (names only, masked, made inert).
    func transferNotices(_ exchange: Exchange, style: TerminalStyle) -> String {
        var lines: [String] = []
        let secrets = exchange.request.secrets
        if let socket = exchange.request.options.unixSocket {
            lines.append("* via Unix socket " + TerminalSafeText.singleLine(secrets.redact(socket)))
        }
        lines.append("* " + exchange.response.connectionSummary)
        if Self.tlsUnverified(exchange) { lines.append("* TLS certificate not verified (verify_tls: false)") }
        for redirect in exchange.response.redirects {
            lines.append("* " + TerminalSafeText.make(exchange.request.secrets.redact(redirect.summary)))
        }
        return lines.isEmpty ? "" : style.dim(lines.joined(separator: "\n")) + "\n"
    }

    /// The status line's reminder that the certificate went unchecked, never left silent.
    static func tlsNote(_ exchange: Exchange, style: TerminalStyle) -> String {
        tlsUnverified(exchange) ? style.paint("  (TLS not verified)", "33") : ""
    }

    /// Whether the certificate check was off: said even for plain http, since the setting is
    /// often inherited and the next request of the same folder may be https.
    static func tlsUnverified(_ exchange: Exchange) -> Bool {
        !exchange.request.options.verifyTLS
    }
}
