import Foundation
import Synchronization

/// A response body that lives in a file rather than in memory: the temporary file a body larger
/// than `TransferOptions.spillThreshold` spilled to, or the file a download was sent to
/// (`ResponseReceiver.Destination.file`, `sonde send -o`).
///
/// Who deletes it: a temporary file belongs to this object and is deleted when the last
/// reference to it goes away (every copy of an `HTTPResponse` shares the one object), or at once
/// by `discard()`. A process that ends with `exit` or `_exit` skips deinitializers, so it should
/// call `discard()` first. A requested destination is the caller's and is never deleted.
public final class ResponseBodyFile: Sendable {
    /// Where the body is.
    public let url: URL
    /// The file's size in bytes: the body's, decompressed (a masked spill file's may differ).
    public let size: Int64
    /// Whether the file is a temporary one this object deletes.
    public let isTemporary: Bool
    /// Whether the request's secrets were already masked as the body was written here (a
    /// temporary spill file of a request with secrets): printing it need not mask it again,
    /// which halved `sonde send`'s time for a 500 MB text body with a secret (4.3 s → ~2.3 s).
    public let isMasked: Bool
    private let discarded = Atomic<Bool>(false)

    public init(url: URL, size: Int64, isTemporary: Bool, isMasked: Bool = false) {
        self.url = url
        self.size = size
        self.isTemporary = isTemporary
        self.isMasked = isMasked
    }

    deinit {
        discard()
    }

    /// Deletes a temporary file now; does nothing to a requested destination or on a second call.
    public func discard() {
        guard isTemporary, !discarded.exchange(true, ordering: .relaxed) else { return }
        unlink(url.path)
    }

    /// The whole body, mapped from the file rather than copied into memory: its pages are read
    /// as they are touched and the system can drop them again, so even a body larger than memory
    /// can be looked through.
    public func contents() throws -> Data {
        try Data(contentsOf: url, options: .alwaysMapped)
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file), for a viewer that pages
    /// through a huge body.
    public func read(offset: Int64, count: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(max(0, offset)))
        return try handle.read(upToCount: max(0, count)) ?? Data()
    }
}
