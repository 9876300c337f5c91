import FlyingSocks

/// A body of `count` bytes made on the fly, never held in memory: byte `i` is `i % 251`
/// (`DemoPattern.byte(at:)`), so a client can check every byte and its position, and the
/// prime period never lines up with a buffer size. With `failAfter`, the stream breaks off
/// after that many bytes, which closes the connection mid-body.
struct PatternedBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    var count: Int64
    var failAfter: Int64?

    /// Breaking off a body on purpose.
    struct Interrupted: Error {}

    func makeAsyncIterator() -> Iterator {
        Iterator(count: count, failAfter: failAfter)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let count: Int64
        let failAfter: Int64?
        private var position: Int64 = 0

        /// The longest piece handed out at once.
        private static let pieceSize = 64 * 1024
        /// The pattern from any phase: a piece starting at phase p is `block[p..<p + n]`.
        private static let block: [UInt8] = (0..<(pieceSize + DemoPattern.period)).map {
            UInt8($0 % DemoPattern.period)
        }

        init(count: Int64, failAfter: Int64?) {
            self.count = count
            self.failAfter = failAfter
        }

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested wanted: Int) async throws -> ArraySlice<UInt8>? {
            var end = count
            if let failAfter, failAfter < count {
                if position >= failAfter { throw Interrupted() }
                end = failAfter
            }
            guard position < end else { return nil }
            let length = Int(Swift.min(Int64(Swift.max(1, Swift.min(wanted, Self.pieceSize))), end - position))
            let phase = Int(position % Int64(DemoPattern.period))
            position += Int64(length)
            return Self.block[phase..<(phase + length)]
        }
    }
}

/// The byte pattern of `/bytes`, public so tests can check what arrived.
public enum DemoPattern {
    /// A prime, so the pattern never lines up with buffer sizes.
    public static let period = 251

    /// Byte number `index` (0-based) of a `/bytes` body.
    public static func byte(at index: Int64) -> UInt8 {
        UInt8(index % Int64(period))
    }

    /// The first `count` bytes of a `/bytes` body.
    public static func bytes(count: Int) -> [UInt8] {
        // Whole periods copied at once: a per-byte loop takes seconds for megabytes in a debug build.
        let cycle = (0..<period).map { UInt8($0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, count))
        while bytes.count < count { bytes.append(contentsOf: cycle.prefix(count - bytes.count)) }
        return bytes
    }
}
