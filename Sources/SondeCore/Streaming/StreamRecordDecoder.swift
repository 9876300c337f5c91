import Foundation

/// Turns the body chunks of a streamed response into records, choosing the format by the
/// response's media type: NDJSON lines (`LineRecordSplitter`) or Server-Sent Events
/// (`ServerSentEventParser`).
public struct StreamRecordDecoder: Sendable {
    /// Media types whose bodies are one JSON value per line.
    public static let lineMediaTypes: Set<String> = [
        "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
        "application/jsonlines", "application/x-jsonlines",
    ]
    /// The Server-Sent Events media type.
    public static let eventStreamMediaType = "text/event-stream"

    // Exactly one is set. Optionals rather than an enum with payloads: `lines?.feed` mutates in
    // place, where taking a payload out of an enum would copy its buffer on every chunk.
    private var lines: LineRecordSplitter?
    private var events: ServerSentEventParser?

    /// A decoder for bodies of `mediaType` (as `ResponseHead.mediaType` gives it); nil when
    /// that is not a streamed record format.
    public init?(mediaType: String?) {
        guard let mediaType else { return nil }
        if Self.lineMediaTypes.contains(mediaType) {
            lines = LineRecordSplitter()
        } else if mediaType == Self.eventStreamMediaType {
            events = ServerSentEventParser()
        } else {
            return nil
        }
    }

    /// Whether responses of `mediaType` are decoded into records.
    public static func decodes(_ mediaType: String?) -> Bool {
        StreamRecordDecoder(mediaType: mediaType) != nil
    }

    /// The records `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [StreamRecord] {
        if let records = lines?.feed(chunk) { return records.map(StreamRecord.line) }
        return (events?.feed(chunk) ?? []).map(StreamRecord.event)
    }

    /// The records the end of the body completes: a last NDJSON line without a newline. An
    /// unfinished event is dropped, as the Server-Sent Events standard says.
    public mutating func finish() -> [StreamRecord] {
        events?.finish()
        return (lines?.finish() ?? []).map(StreamRecord.line)
    }
}
