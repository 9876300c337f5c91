import Foundation
import Synchronization

/// Shows NDJSON and Server-Sent Events responses live: decodes a response body into records
/// while its bytes arrive and hands over each record the moment it is complete. A response of
/// any other media type passes through untouched and yields no records.
///
/// As a receiver for `HTTPTransport.send` or `RequestSender.send`, with records handed over on
/// the transfer's thread:
///
///     let feed = LiveRecordFeed { record in show(record) }
///     let exchange = try await sender.send(saved, in: context, receiver: feed.receiver())
///     feed.finish()            // a last NDJSON line that had no newline
///
/// As an `AsyncStream`, for a UI loop that must never hold up the transfer:
///
///     let (feed, records) = LiveRecordFeed.stream()
///     let sending = Task {
///         defer { feed.finish() }                // ends `records`
///         return try await sender.send(saved, in: context, receiver: feed.receiver())
///     }
///     for await record in records { model.append(record) }
///     let exchange = try await sending.value
///
/// When a send is retried, each try's response starts afresh (`begin`); records of a try that
/// failed midway have already been handed over.
public final class LiveRecordFeed: Sendable {
    private struct State {
        var decoder: StreamRecordDecoder?
        var isLive = false
    }

    private let state = Mutex(State())
    private let onRecord: @Sendable (StreamRecord) -> Void
    private let onFinish: (@Sendable () -> Void)?

    /// - Parameter onRecord: Called with each record, in order, on the thread that feeds the
    ///   body (the transfer's); it should return quickly.
    public init(onRecord: @escaping @Sendable (StreamRecord) -> Void) {
        self.onRecord = onRecord
        self.onFinish = nil
    }

    private init(onRecord: @escaping @Sendable (StreamRecord) -> Void, onFinish: @escaping @Sendable () -> Void) {
        self.onRecord = onRecord
        self.onFinish = onFinish
    }

    /// A feed whose records come out of an `AsyncStream`, which `finish()` ends. Nothing is
    /// dropped: the stream buffers what its reader has not taken yet.
    public static func stream() -> (feed: LiveRecordFeed, records: AsyncStream<StreamRecord>) {
        let (records, continuation) = AsyncStream<StreamRecord>.makeStream()
        let feed = LiveRecordFeed(
            onRecord: { continuation.yield($0) },
            onFinish: { continuation.finish() })
        return (feed, records)
    }

    /// Whether the latest response announced NDJSON or Server-Sent Events and is being decoded.
    public var isLive: Bool { state.withLock { $0.isLive } }

    /// Starts on a response: decodes its body from now on if `head` announces NDJSON or
    /// Server-Sent Events. Returns whether it does.
    @discardableResult
    public func begin(_ head: ResponseHead) -> Bool {
        state.withLock { state in
            state.decoder = StreamRecordDecoder(mediaType: head.mediaType)
            state.isLive = state.decoder != nil
            return state.isLive
        }
    }

    /// Decodes a piece of the body, handing over every record it completes.
    public func consume(_ chunk: Data) {
        let records = state.withLock { $0.decoder?.feed(chunk) ?? [] }
        for record in records { onRecord(record) }
    }

    /// Ends the body. When it arrived whole, a last NDJSON line without a newline is handed
    /// over; a body cut short keeps its unfinished record to itself. Ends `stream()`'s records.
    public func finish(bodyComplete: Bool = true) {
        let records = state.withLock { state in
            defer { state.decoder = nil }
            return bodyComplete ? state.decoder?.finish() ?? [] : []
        }
        for record in records { onRecord(record) }
        onFinish?()
    }

    /// A receiver that feeds this feed as the body arrives.
    /// - Parameters:
    ///   - destination: Where the body goes besides.
    ///   - keepsRecordBodies: Whether the body of a record stream is still kept at `destination`
    ///     once its records went by. False suits an endless event stream, whose body would
    ///     otherwise grow without end; other responses are kept regardless.
    public func receiver(destination: ResponseReceiver.Destination = .memory, keepsRecordBodies: Bool = true) -> ResponseReceiver {
        ResponseReceiver(
            destination: destination,
            onHead: { [self] head, _, _ in
                begin(head) && !keepsRecordBodies ? .discard : .keep
            },
            onBodyChunk: { [self] chunk in consume(chunk) })
    }
}
