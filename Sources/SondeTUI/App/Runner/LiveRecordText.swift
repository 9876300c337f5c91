import SondeCore

/// A streamed record as one line for the response pane: an NDJSON line as it is, an event as
/// `event: data` — masked, and one inert line (`TerminalSafeText.singleLine`).
enum LiveRecordText {
    static func line(for record: StreamRecord, secrets: SecretSet) -> String {
        let text: String
        switch record {
        case .line(let data):
            text = String(decoding: secrets.redact(data), as: UTF8.self)
        case .event(let event):
            let prefix = event.type == "message" ? "" : "\(event.type): "
            text = prefix + secrets.redact(event.data)
        }
        return TerminalSafeText.singleLine(text)
    }
}
