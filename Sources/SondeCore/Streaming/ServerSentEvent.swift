/// One event of a Server-Sent Events stream (`text/event-stream`), as the HTML standard's
/// parsing rules dispatch it (https://html.spec.whatwg.org/multipage/server-sent-events.html).
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field, or "message" when the block had none.
    public var type: String
    /// The `data:` lines of the block joined with "\n".
    public var data: String
    /// The stream's last event ID when this event was dispatched: set by an `id:` field and kept
    /// across later events until another one changes it; empty when never set.
    public var lastEventID: String

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}
