/// Parses a Server-Sent Events stream (`text/event-stream`) into events while it arrives,
/// following the HTML standard's rules
/// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
///
/// - lines end in CRLF, LF or a lone CR, and a CRLF may be split between two chunks;
/// - a leading UTF-8 byte order mark is dropped; invalid UTF-8 becomes U+FFFD;
/// - a line starting with `:` is a comment; `field: value` loses one space after the colon,
///   and a line without a colon is a field with an empty value;
/// - `data` lines are joined with "\n", `event` names the type, `id` (unless it holds NUL)
///   sets the last event ID, `retry` (ASCII digits only) sets the reconnection time; other
///   fields are ignored;
/// - a blank line dispatches the event, unless it has no data; an event the stream ends in
///   the middle of is dropped.
///
///     var parser = ServerSentEventParser()
///     parser.feed(Data("event: tick\ndata: 1\n\n".utf8))   // [ServerSentEvent(type: "tick", data: "1")]
public struct ServerSentEventParser: Sendable {
    /// The last `retry:` value in milliseconds: how long a client should wait before reconnecting.
    public private(set) var reconnectionTime: Int?
    /// The last event ID buffer of the standard: kept across events.
    public private(set) var lastEventID = ""

    private var pending: [UInt8] = []
    /// How much of `pending` is known to hold no line ending.
    private var searched = 0
    private var atStart = true
    /// The last chunk ended in CR: an LF starting the next one belongs to it.
    private var skipsLeadingLF = false
    private var eventType = ""
    private var data = ""

    public init() {}

    /// The events that `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [ServerSentEvent] {
        pending.append(contentsOf: chunk)
        if atStart {
            guard LineRecordSplitter.settleByteOrderMark(&pending) else { return [] }
            atStart = false
        }
        if skipsLeadingLF, let first = pending.first {
            if first == Self.lf { pending.removeFirst() }
            skipsLeadingLF = false
        }
        var events: [ServerSentEvent] = []
        var lineStart = 0
        var from = searched
        while let end = pending[from...].firstIndex(where: { $0 == Self.lf || $0 == Self.cr }) {
            if let event = process(pending[lineStart..<end]) { events.append(event) }
            lineStart = end + 1
            if pending[end] == Self.cr {
                if lineStart < pending.count {
                    if pending[lineStart] == Self.lf { lineStart += 1 }
                } else {
                    skipsLeadingLF = true
                }
            }
            from = lineStart
        }
        pending.removeFirst(lineStart)
        searched = pending.count
        return events
    }

    /// Ends the stream: an unfinished line or event is dropped, as the standard says. The last
    /// event ID and reconnection time stay.
    public mutating func finish() {
        pending = []
        searched = 0
        atStart = true
        skipsLeadingLF = false
        eventType = ""
        data = ""
    }

    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")

    /// Handles one line; returns the event a blank line dispatches.
    private mutating func process(_ line: ArraySlice<UInt8>) -> ServerSentEvent? {
        guard let first = line.first else { return dispatch() }
        if first == Self.colon { return nil }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: Self.colon) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == Self.space { value = value.dropFirst() }
        } else {
            field = line
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            data += String(decoding: value, as: UTF8.self)
            data += "\n"
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
               let milliseconds = Int(String(decoding: value, as: UTF8.self)) {
                reconnectionTime = milliseconds
            }
        default:
            break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            data = ""
            eventType = ""
        }
        guard !data.isEmpty else { return nil }
        if data.hasSuffix("\n") { data.removeLast() }
        return ServerSentEvent(type: eventType.isEmpty ? "message" : eventType, data: data, lastEventID: lastEventID)
    }
}
