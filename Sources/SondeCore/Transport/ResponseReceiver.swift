import Foundation

/// How a transport hands over a response body: where the body goes, and who hears of it while
/// it arrives. The default keeps the body in memory, spilling it to a temporary file past
/// `TransferOptions.spillThreshold`, and tells nobody.
///
/// The callbacks run on the transfer's own thread, in order: `onHead` once, when the final
/// response's head is in (after redirects and 1xx answers); then `onBodyChunk` and `onProgress`
/// for every piece of body as it arrives. They must return quickly: the transfer waits for them,
/// which also holds a fast server to the pace of a slow reader instead of buffering without bound.
///
///     var receiver = ResponseReceiver(destination: .file(path: "dump.bin"))
///     receiver.onProgress = { progress in print(progress.summary) }
///     let response = try await transport.send(request, receiver: receiver, cancellation: nil)
public struct ResponseReceiver: Sendable {
    /// Where the body is kept.
    public enum Destination: Sendable, Equatable {
        /// In memory up to `spillThreshold` bytes, then in a temporary file (`HTTPResponse.bodyFile`).
        case memory
        /// Straight into the file at `path`, in constant memory: through a temporary
        /// `<path>.part-XXXXXX` beside it that is renamed over `path` once the whole body has
        /// arrived, and removed if it never does, so nothing half-written ever has the final name.
        /// The temporary file is created before the request goes out, so a folder that cannot be
        /// written fails the send at once with `TransportError.unwritableResponseFile`. A path
        /// that exists but is no regular file (`/dev/null`, a named pipe) is written in place,
        /// since renaming over it would replace the device; a folder is refused.
        case file(path: String)
    }

    /// What `onHead` decides about the body to come.
    public enum Retention: Sendable, Equatable {
        /// Keep it, at the destination.
        case keep
        /// Keep none of it: `HTTPResponse.body` stays empty and no file is written; only
        /// `onBodyChunk` sees it. For an endless event stream whose records the caller keeps
        /// itself. Honoured for `.memory` only: a `.file` destination always gets the body.
        case discard
    }

    public var destination: Destination
    /// The final response's head, before any of its body, with the request it answers (as
    /// prepared: its secrets, for masking what is printed of the response) and every request
    /// put on the wire so far (as sent); its answer says whether to keep the body.
    public var onHead: (@Sendable (ResponseHead, PreparedRequest, WireLog) -> Retention)?
    /// Each piece of the body as it arrives, decompressed.
    public var onBodyChunk: (@Sendable (Data) -> Void)?
    /// The body's progress, after every piece of it.
    public var onProgress: (@Sendable (TransferProgress) -> Void)?
    /// Whether to record every request put on the wire (`HTTPResponse.wire`, `onHead`'s log).
    /// `sonde run` shows no wire: without it the transport asks libcurl for no debug output,
    /// which formats a line of text for every step of every transfer, and copies of each request
    /// head sent that nothing reads.
    public var recordsWire: Bool

    public init(
        destination: Destination = .memory,
        onHead: (@Sendable (ResponseHead, PreparedRequest, WireLog) -> Retention)? = nil,
        onBodyChunk: (@Sendable (Data) -> Void)? = nil,
        onProgress: (@Sendable (TransferProgress) -> Void)? = nil,
        recordsWire: Bool = true
    ) {
        self.recordsWire = recordsWire
        self.destination = destination
        self.onHead = onHead
        self.onBodyChunk = onBodyChunk
        self.onProgress = onProgress
    }
}
