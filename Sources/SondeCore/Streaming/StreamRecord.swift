import Foundation

/// One record of a streamed response, shown as soon as it is complete: a line of an NDJSON
/// body or an event of a Server-Sent Events stream.
public enum StreamRecord: Sendable, Equatable {
    /// One line of an NDJSON (JSON Lines) body, without its line ending; normally one JSON value.
    case line(Data)
    case event(ServerSentEvent)
}
