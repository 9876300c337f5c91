import Testing
import SondeCore
@testable import SondeTUI

private func waterfall(_ timings: TransferTimings, width: Int, height: Int = 9) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    TimingWaterfall.render(timings, into: &grid, in: grid.bounds, theme: .standard)
    return grid
}

/// An HTTPS transfer: DNS 2 ms, connect 3 ms, TLS 10 ms, waiting 24.9 ms, download 10 ms.
private let https = TransferTimings(dns: 0.002, connect: 0.005, tls: 0.015, preTransfer: 0.0151, firstByte: 0.040, total: 0.050)

@Suite struct TimingWaterfallTests {
    @Test func eightyColumnsDrawEachPhaseWhereThePreviousEnded() {
        let grid = waterfall(https, width: 80)
        #expect(Array(grid.lines.prefix(6)) == [
            "DNS            ██▎                                                        2.0 ms",
            "Connect          ███▊                                                     3.0 ms",
            "TLS                 ████████████▏                                        10.0 ms",
            "Waiting (TTFB)                  ████████████████████████████▌            24.9 ms",
            "Download                                                    ███████████▉ 10.0 ms",
            "Total          █████████████████████████████████████████████████████████ 50.0 ms",
        ])
        #expect(grid[15, 0].style == Theme.standard.timingPhase(0))
        #expect(grid[32, 3].style == Theme.standard.timingPhase(3))
        #expect(grid[0, 5].style.bold)
        #expect(!grid.contains("Redirects") && !grid.contains("reused"))
    }

    @Test func fortyColumnsKeepLabelsBarsAndNumbers() {
        #expect(Array(waterfall(https, width: 40).lines.prefix(6)) == [
            "DNS            ▋                  2.0 ms",
            "Connect        █▊                 3.0 ms",
            "TLS             ████▏            10.0 ms",
            "Waiting (TTFB)      ████████▋    24.9 ms",
            "Download                    ████ 10.0 ms",
            "Total          █████████████████ 50.0 ms",
        ])
    }

    @Test func twentyColumnsDropTheBarsButKeepEveryNumber() {
        #expect(Array(waterfall(https, width: 20).lines.prefix(6)) == [
            "DNS           2.0 ms",
            "Connect       3.0 ms",
            "TLS          10.0 ms",
            "TTFB         24.9 ms",
            "Download     10.0 ms",
            "Total        50.0 ms",
        ])
        // Even narrower, labels are cut before numbers.
        #expect(waterfall(https, width: 11).line(3) == "TT… 24.9 ms")
    }

    @Test func tinyPhasesGetAnEighthZeroPhasesNothingAndTheConnectionIsSaid() {
        // A reused connection: libcurl leaves connect and TLS at 0; a 20 µs DNS beside a 2 s download.
        let reused = TransferTimings(dns: 0.00002, connect: 0, tls: 0, preTransfer: 0.00003, firstByte: 0.0009, total: 2.0)
        var grid = ScreenGrid(width: 60, height: 10)
        TimingWaterfall.render(reused, connection: "HTTP/1.1 · reused connection", into: &grid, in: grid.bounds, theme: .standard)
        #expect(Array(grid.lines.prefix(7)) == [
            "DNS            ▏                                     0.02 ms",
            "Connect                                              0.00 ms",
            "TLS                                                        —",
            "Waiting (TTFB) ▏                                     0.87 ms",
            "Download       █████████████████████████████████████  2.00 s",
            "Total          █████████████████████████████████████  2.00 s",
            "HTTP/1.1 · reused connection",
        ])
        #expect(grid[0, 6].style == Theme.standard.muted)
    }

    @Test func redirectTimeGetsItsOwnRow() {
        var timings = https
        timings.redirect = 0.004
        let grid = waterfall(timings, width: 40)
        #expect(grid.line(6) == "Redirects      █▍                 4.0 ms")
        #expect(grid[15, 6].style == Theme.standard.muted)
        #expect(waterfall(timings, width: 20).line(6) == "Redirect      4.0 ms")
    }

    @Test func barsArePartialBlocksToTheEighth() {
        #expect(TimingWaterfall.bar(from: 0, to: 1, axisEnd: 1, width: 4) == "████")
        #expect(TimingWaterfall.bar(from: 0, to: 0.5, axisEnd: 1, width: 4) == "██")
        #expect(TimingWaterfall.bar(from: 0, to: 3.0 / 32, axisEnd: 1, width: 4) == "▍")
        #expect(TimingWaterfall.bar(from: 0.5, to: 0.5 + 1e-9, axisEnd: 1, width: 4) == "  ▏")
        #expect(TimingWaterfall.bar(from: 0.25, to: 0.25, axisEnd: 1, width: 4) == "")
        #expect(TimingWaterfall.bar(from: 0, to: 1, axisEnd: 0, width: 4) == "")
    }

    /// A corrupted history entry once crashed the Timing tab (SIGILL converting to Int).
    @Test(arguments: [Double.infinity, .nan, 1e300, -1e300, .greatestFiniteMagnitude])
    func extremeTimingsDrawWithoutTrapping(value: Double) {
        #expect(TimingWaterfall.bar(from: 0, to: value, axisEnd: 1, width: 8).count <= 8)
        #expect(TimingWaterfall.bar(from: value, to: .infinity, axisEnd: value, width: 8).count <= 8)
        let timings = TransferTimings(dns: value, connect: value, tls: 0, preTransfer: value, firstByte: 1, total: value)
        var grid = ScreenGrid(width: 60, height: 10)
        TimingWaterfall.render(timings, into: &grid, in: Rect(x: 0, y: 0, width: 60, height: 10), theme: .standard)
        #expect(grid.lines.contains { $0.hasPrefix("DNS") })
    }

    @Test func aShortPaneShowsTheRowsThatFitAndNothingOutside() {
        var grid = ScreenGrid(width: 30, height: 4)
        TimingWaterfall.render(https, into: &grid, in: Rect(x: 2, y: 1, width: 26, height: 2), theme: .standard)
        // Short labels (26 columns is too narrow for "Waiting (TTFB)" and a bar), two rows only.
        #expect(grid.lines == [
            "",
            "  DNS      ▍          2.0 ms",
            "  Connect  ▉          3.0 ms",
            "",
        ])
    }
}
