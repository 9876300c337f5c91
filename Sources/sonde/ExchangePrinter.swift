import Foundation
import SondeCore

/// Formats what `sonde send` prints: status line, headers, timing and body. Every piece of text
/// that came from a server or a file goes through the request's `SecretSet` and then
/// `TerminalSafeText` (`shown(_:)`), header names and the reason phrase included.
struct ExchangePrinter {
    let style: TerminalStyle
    let secrets: SecretSet

    func statusLine(_ response: HTTPResponse) -> String {
        let reason = response.reason.isEmpty ? "" : " " + shown(response.reason)
        let size = ByteCountText.format(response.bodySize)
        let time = DurationText.format(response.timings.total)
        return style.status("HTTP/\(response.httpVersion) \(response.status)\(reason)", code: response.status)
            + style.dim("  \(time)  \(size)")
    }

    /// One line per try, each with the wait that followed it or why none did:
    /// `* attempt 1: 503 Service Unavailable (12 ms), waiting 1.0 s (Retry-After)`.
    func attempts(_ attempts: [Attempt]) -> String {
        var lines: [String] = []
        for (index, attempt) in attempts.enumerated() {
            let outcome = switch attempt.result {
            case .response(let status, let reason): reason.isEmpty ? "\(status)" : "\(status) \(reason)"
            case .failure(let error): error.description
            }
            let id = attempt.requestID.map { " [\(RequestIDMode.headerName): \($0)]" } ?? ""
            var line = "* attempt \(attempt.number)\(id): \(outcome) (\(DurationText.format(attempt.duration)))"
            if index + 1 < attempts.count, let wait = attempts[index + 1].wait {
                line += ", waiting \(RetryWait.format(wait.seconds)) (\(wait.reason.rawValue))"
            } else if let stop = attempt.stop, let text = Self.describe(stop) {
                line += ", \(text)"
            }
            lines.append(TerminalSafeText.make(secrets.redact(line)))
        }
        return style.dim(lines.joined(separator: "\n")) + "\n"
    }

    /// Why the retrying ended, when it ended early or gave up; nil when there was nothing to retry.
    static func describe(_ stop: RetryPolicy.Stop) -> String? {
        switch stop {
        case .notTransient: nil
        case .attemptsUsed(let count): count > 1 ? "giving up after \(count) attempts" : nil
        case .notIdempotent(let method): "not retried: \(method.rawValue) is not idempotent (retry non_idempotent: true allows it)"
        case .retryAfterTooLong(let requested, let maxWait):
            "not retried: the server asked for \(RetryWait(seconds: requested, reason: .retryAfter)), more than max_wait \(RetryWait.format(maxWait))"
        case .cancelled: "cancelled while waiting to retry"
        }
    }

    func responseHeaders(_ headers: [HeaderField]) -> String {
        headers.map { "< \(shown($0.name)): \(TerminalSafeText.singleLine(secrets.shownValue(of: $0)))" }.joined(separator: "\n") + "\n"
    }

    /// One piece of a printed line: secrets masked, on one line, inert for a terminal.
    func shown(_ text: String) -> String {
        TerminalSafeText.singleLine(secrets.redact(text))
    }

    func timing(_ timings: TransferTimings) -> String {
        let phases = TimingPhases(timings)
        let rows: [(String, Double?)] = [
            ("DNS lookup", phases.dns),
            ("TCP connect", phases.connect),
            ("TLS handshake", timings.tls > 0 ? phases.tls : nil),
            ("Waiting (TTFB)", phases.waiting),
            ("Download", phases.download),
        ]
        var lines = rows.map { name, value in
            "  \(name.padding(toLength: 16, withPad: " ", startingAt: 0))\(value.map(DurationText.format) ?? "—")"
        }
        lines.append("  \(style.bold("Total".padding(toLength: 16, withPad: " ", startingAt: 0)))\(DurationText.format(phases.total))")
        if timings.redirect > 0 { lines.append("  (of which redirects \(DurationText.format(timings.redirect)))") }
        lines.append("  sent \(ByteCountText.format(timings.bytesUploaded)), received \(ByteCountText.format(timings.bytesDownloaded))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The body as it should appear on stdout: pretty JSON when it is JSON, inert text
    /// otherwise, as UTF-8 bytes. Returns nil for binary bodies headed to a terminal. `note` says
    /// why JSON was printed as received when it was too deep to indent.
    func body(_ response: HTTPResponse, toTerminal: Bool, note: inout String?) -> [UInt8]? {
        // A body that spilled to a file is mapped, not read: its pages load as they are used.
        let data = (try? response.bodyContents()) ?? response.body
        if data.isEmpty { return [] }
        var pretty: [UInt8]?
        if Self.mayBeJSON(mediaType: response.mediaType, firstByte: data.first) {
            switch JSONText.prettyPrintedBytes(data) {
            case .success(let indented): pretty = indented
            case .failure(let error) where error.isTooDeepToIndent:
                note = "the JSON body nests deeper than \(JSONText.maximumIndentedDepth) levels: printed as received, not indented"
            case .failure: break
            }
        }
        var bytes: [UInt8]
        if let pretty {
            bytes = pretty
        } else {
            if toTerminal, TerminalSafeText.looksBinary(data) { return nil }
            bytes = Array(data)
        }
        // The common case of a large body: nothing to mask or neutralise, no copy to a String.
        guard secrets.isEmpty, !toTerminal else {
            return finish(String(decoding: bytes, as: UTF8.self), toTerminal: toTerminal)
        }
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// Masked, made inert for a terminal, and ending in a newline.
    func finish(_ text: String, toTerminal: Bool) -> [UInt8] {
        let masked = secrets.redact(text)
        let shown = toTerminal ? TerminalSafeText.make(masked) : masked
        var bytes = Array(shown.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }
}
