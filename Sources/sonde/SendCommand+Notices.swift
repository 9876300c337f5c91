import Foundation
import SondeCore

extension SendCommand {
    /// `-v` lines about how the request travelled besides its wire (where each redirect is
    /// said, with what was not sent to another origin): the Unix socket, the HTTP version and
    /// whether the connection was new, TLS left unchecked, the client certificate and
    /// authorities, the proxy (or why none), an OAuth2 token refused and replaced.
    func transferNotices(_ exchange: Exchange, style: TerminalStyle) -> String {
        var lines: [String] = []
        let secrets = exchange.request.secrets
        if let socket = exchange.request.options.unixSocket {
            lines.append("* via Unix socket " + TerminalSafeText.singleLine(secrets.redact(socket)))
        }
        lines.append("* " + exchange.response.connectionSummary)
        if Self.tlsUnverified(exchange) { lines.append("* TLS certificate not verified (verify_tls: false)") }
        lines += Self.tlsFileNotices(exchange.request.options.tls).map {
            "* " + TerminalSafeText.make(secrets.redact($0))
        }
        let route = exchange.response.proxyRoute
        if route.isNoteworthy { lines.append("* " + TerminalSafeText.make(secrets.redact(route.description))) }
        if exchange.refreshedOAuth2Token { lines.append("* the API refused the OAuth2 token (401): sent again with a fresh one") }
        return lines.isEmpty ? "" : style.dim(lines.joined(separator: "\n")) + "\n"
    }

    /// Which client certificate went with the request and whose authorities were trusted: files
    /// are often inherited from the collection or the environment.
    static func tlsFileNotices(_ tls: TLSSettings) -> [String] {
        var lines: [String] = []
        if let certificate = tls.clientCertificate {
            lines.append("client certificate \(certificate.path) (\(certificate.type.curlName))"
                + (certificate.keyPath.map { ", key \($0)" } ?? ""))
        }
        if let file = tls.caFile { lines.append("trusting the authorities in \(file) (ca_cert)") }
        if let folder = tls.caFolder { lines.append("trusting the authorities in \(folder) (ca_path)") }
        return lines
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
