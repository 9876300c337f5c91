import Foundation
import SondeCore

/// What `sonde send` prints of a response shown live: its status line before the body, and
/// its records one at a time.
extension ExchangePrinter {
    /// "HTTP/1.1 200 OK  live text/event-stream": no time or size yet, the body is still coming.
    func liveStatusLine(_ head: ResponseHead) -> String {
        let reason = head.reason.isEmpty ? "" : " " + shown(head.reason)
        let kind = head.mediaType.map { " " + shown($0) } ?? ""
        return style.status("HTTP/\(head.httpVersion) \(head.status)\(reason)", code: head.status)
            + style.dim("  live\(kind)")
    }

    /// One record as stdout shows it, ending in a newline.
    ///
    /// An NDJSON line goes down a pipe as it came, so the output is NDJSON still; a terminal
    /// gets it pretty-printed. An event is `event: <type>` (with `id: <last event ID>` when
    /// there is one), its data (pretty-printed JSON on a terminal), then a blank line.
    func record(_ record: StreamRecord, toTerminal: Bool) -> [UInt8] {
        switch record {
        case .line(let line):
            return finish(text(line, toTerminal: toTerminal), toTerminal: toTerminal)
        case .event(let event):
            var head = "event: \(event.type)"
            if !event.lastEventID.isEmpty { head += "  id: \(event.lastEventID)" }
            let data = text(Data(event.data.utf8), toTerminal: toTerminal)
            var bytes = finish(head, toTerminal: toTerminal) + finish(data, toTerminal: toTerminal)
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        }
    }

    /// JSON pretty-printed for a terminal, anything else as it is.
    private func text(_ bytes: Data, toTerminal: Bool) -> String {
        if toTerminal, bytes.first.map({ $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) == true,
           case .success(let pretty) = JSONText.prettyPrintedBytes(bytes) {
            return String(decoding: pretty, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Which bodies `sonde send` pretty-prints.
extension ExchangePrinter {
    /// Whether a body is worth trying to pretty-print: a JSON media type, or a first byte that
    /// opens an object or array.
    static func mayBeJSON(mediaType: String?, firstByte: UInt8?) -> Bool {
        (mediaType.map { $0.hasSuffix("json") } ?? false)
            || firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
    }
}
