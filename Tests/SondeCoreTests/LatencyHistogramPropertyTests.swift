import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// `sonde run`'s percentiles come from an HdrHistogram instead of every sample: on random
/// latencies they stay within the histogram's precision (three significant digits, so 0.1%)
/// of the exact nearest-rank percentile of the samples.
@Suite struct LatencyHistogramPropertyTests {
    /// Microseconds from 1 µs to 10 s, spread over the magnitudes.
    private static let samples = Gen.int(in: 0...70).map { step in Int(pow(10.0, Double(step) / 10)) }
        .array(of: 1...400)

    private static func exact(_ p: Double, _ sorted: [Int]) -> Int {
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    @Test func percentilesAreWithinAThousandthOfTheExactOnes() async {
        await propertyCheck(count: 100, input: Self.samples) { values in
            var histogram = LatencyHistogram()
            for value in values { histogram.record(seconds: Double(value) / 1_000_000) }
            #expect(histogram.count == UInt64(values.count))
            let sorted = values.sorted()
            for p in [50.0, 90, 99, 100] {
                let exact = Double(Self.exact(p, sorted))
                let got = (histogram.percentile(p) ?? -1) * 1_000_000
                #expect(abs(got - exact) <= max(1, exact * 0.001), "p\(p) of \(sorted): \(got) vs \(exact)")
            }
        }
    }

    @Test func anEmptyHistogramHasNoPercentileAndHugeValuesAreClamped() {
        var histogram = LatencyHistogram()
        #expect(histogram.percentile(50) == nil)
        histogram.record(seconds: 1e9)
        histogram.record(seconds: .infinity)
        #expect(histogram.count == 2)
        #expect(histogram.percentile(100)! <= 3600 * 1.001)
    }
}
