/// How far a response body has come while it arrives: what a progress line or bar shows.
public struct TransferProgress: Sendable, Equatable {
    /// Body bytes received so far, counted after decompression.
    public var bytesReceived: Int64
    /// The whole body's size when known in advance (`ResponseHead.expectedBodySize`).
    public var expectedBytes: Int64?
    /// Seconds since the transfer started.
    public var elapsed: Double

    public init(bytesReceived: Int64, expectedBytes: Int64?, elapsed: Double) {
        self.bytesReceived = bytesReceived
        self.expectedBytes = expectedBytes
        self.elapsed = elapsed
    }

    /// The share received, 0 to 1; nil when the size is unknown.
    public var fraction: Double? {
        guard let expectedBytes, expectedBytes > 0 else { return nil }
        return min(1, Double(bytesReceived) / Double(expectedBytes))
    }

    /// The average rate since the transfer started; nil before any time has passed.
    public var bytesPerSecond: Double? {
        elapsed > 0 ? Double(bytesReceived) / elapsed : nil
    }

    /// One short line: "12.3 MB of 100 MB  12%  45.6 MB/s", or "12.3 MB  45.6 MB/s" when the
    /// size is unknown. Short enough (under 50 columns) to redraw in place with a carriage return.
    public var summary: String {
        var text = ByteCountText.format(bytesReceived)
        if let expectedBytes, let fraction {
            text += " of \(ByteCountText.format(expectedBytes))  \(Int(saturating: fraction * 100))%"
        }
        if let bytesPerSecond {
            text += "  \(ByteCountText.format(Int64(Int(saturating: bytesPerSecond))))/s"
        }
        return text
    }
}
