import Testing
import SondeCore

@Suite struct QuantityTextTests {
    @Test func formatsDecimals() {
        #expect(DecimalText.fixed(1.25, digits: 1) == "1.3")
        #expect(DecimalText.fixed(0.04, digits: 2) == "0.04")
        #expect(DecimalText.fixed(12.0, digits: 0) == "12")
        #expect(DecimalText.fixed(-3.14159, digits: 3) == "-3.142")
        #expect(DecimalText.fixed(9.999, digits: 2) == "10.00")
        #expect(DecimalText.fixed(-0.001, digits: 1) == "0.0")
    }

    @Test func formatsByteCountsAndDurations() {
        #expect(ByteCountText.format(512) == "512 B")
        #expect(ByteCountText.format(4_200) == "4.2 kB")
        #expect(ByteCountText.format(999_999) == "1.0 MB")
        #expect(ByteCountText.format(1_300_000) == "1.3 MB")
        #expect(ByteCountText.format(250_000_000) == "250 MB")
        #expect(DurationText.format(0.00042) == "0.42 ms")
        #expect(DurationText.format(0.0123) == "12.3 ms")
        #expect(DurationText.format(1.523) == "1.52 s")
    }
}
