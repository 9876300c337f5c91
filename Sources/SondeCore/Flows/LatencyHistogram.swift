import Histogram

/// One request's latencies in a run, in an HdrHistogram: fixed memory however many requests
/// (about 200 kB for microseconds up to an hour), each percentile within 0.1% of the exact one
/// (three significant digits).
public struct LatencyHistogram: Sendable {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: Self.highestMicroseconds, numberOfSignificantValueDigits: .three)

    /// An hour, in microseconds: longer durations are counted as an hour.
    public static let highestMicroseconds: UInt64 = 3_600_000_000

    public init() {}

    public mutating func record(seconds: Double) {
        let microseconds = seconds.isFinite ? max(1, min(Double(Self.highestMicroseconds), (seconds * 1_000_000).rounded())) : 1
        _ = histogram.record(UInt64(microseconds))
    }

    public var count: UInt64 { histogram.totalCount }

    /// The `p`-th percentile (0...100) in seconds; nil before any value.
    public func percentile(_ p: Double) -> Double? {
        guard histogram.totalCount > 0 else { return nil }
        return Double(histogram.valueAtPercentile(p)) / 1_000_000
    }
}
