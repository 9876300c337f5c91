import Foundation
import SondeCore

/// What `sonde send -v` prints of the requests: each as libcurl wrote it on the wire.
extension ExchangePrinter {
    /// The transcript as curl's `-v` shows one: `> ` before what was sent, `< ` before the
    /// status line and Location of an answer that led to another request, `* ` before what
    /// sonde says (a redirect followed, the final URL), a blank line between requests. Where a
    /// head was followed by a body, the body sonde sent is shown as before (text up to 4 kB,
    /// masked), since the wire record keeps only its size.
    func wire(_ transcript: WireTranscript, body: PreparedBody) -> String {
        var lines: [String] = []
        for line in transcript.lines {
            switch line {
            case .request(let text):
                if !lines.isEmpty { lines.append("") }
                lines.append("> " + text)
            case .sentHeader(let name, let value):
                // An empty value goes out as `Name:`, and is shown so.
                lines.append(value.isEmpty ? "> \(name):" : "> \(name): \(value)")
            case .endOfHead(let size):
                lines.append(">")
                if size > 0 { lines += bodyLines(body, sent: size) }
            case .answer(_, let text):
                lines.append("< " + text)
            case .answerHeader(let name, let value):
                lines.append(value.isEmpty ? "< \(name):" : "< \(name): \(value)")
            case .note(let text):
                lines.append("* " + text)
            }
        }
        return style.dim(lines.joined(separator: "\n")) + "\n"
    }

    /// The body after a head, `sent` bytes of it on the wire.
    private func bodyLines(_ body: PreparedBody, sent: Int64) -> [String] {
        let size = ByteCountText.format(sent)
        switch body {
        case .bytes(let data) where !data.isEmpty:
            if TerminalSafeText.looksBinary(data) { return ["> [\(size) of binary data]"] }
            let shown = data.prefix(4096)
            let text = TerminalSafeText.make(secrets.redact(String(decoding: shown, as: UTF8.self)))
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
            if data.count > shown.count { lines.append("> [… \(ByteCountText.format(Int64(data.count - shown.count))) more]") }
            return lines
        case .file(let path):
            return ["> [\(size) of body from file \(shown(path))]"]
        case .multipart(let parts):
            return ["> [\(size) multipart: \(shown(parts.map(\.name).joined(separator: ", ")))]"]
        case .bytes, .none:
            return ["> [\(size) of body]"]
        }
    }
}
