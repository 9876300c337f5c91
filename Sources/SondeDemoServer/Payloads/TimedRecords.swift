import FlyingSocks

/// A streamed body that sends one record at a time with a pause before each but the first, for
/// NDJSON and Server-Sent Events: the response is chunked, and each record goes out the
/// moment it is made, so a client sees them arrive live.
struct TimedRecords: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    /// Bytes sent before the first record (an SSE comment, say); may be empty.
    var preamble: [UInt8]
    var count: Int
    var delay: Duration
    /// The bytes of record `n` (1-based).
    var record: @Sendable (Int) -> [UInt8]

    func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let sequence: TimedRecords
        private var sent = 0
        private var pending: ArraySlice<UInt8> = []

        init(sequence: TimedRecords) {
            self.sequence = sequence
            pending = sequence.preamble[...]
        }

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested wanted: Int) async throws -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard sent < sequence.count else { return nil }
                if sent > 0 { try await Task.sleep(for: sequence.delay) }
                sent += 1
                pending = sequence.record(sent)[...]
            }
            let piece = pending.prefix(Swift.max(1, wanted))
            pending = pending.dropFirst(piece.count)
            return piece
        }
    }
}
