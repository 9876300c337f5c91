import Foundation
import Testing
import SondeCore
@testable import SondeTUI

@Suite struct ViewerScratchTests {
    @Test func show() {
        let t = TransferTimings(dns: 0.002, connect: 0.005, tls: 0.015, preTransfer: 0.0151, firstByte: 0.040, total: 0.050, redirect: 0.004)
        for w in [80, 40, 20] {
            var g = ScreenGrid(width: w, height: 9)
            TimingWaterfall.render(t, into: &g, in: g.bounds, theme: .standard)
            print(g.lines.joined(separator: "|\n") + "|\n")
        }
        let r = TransferTimings(dns: 0.00002, connect: 0, tls: 0, preTransfer: 0.00003, firstByte: 0.0009, total: 2.0)
        var g = ScreenGrid(width: 60, height: 8)
        TimingWaterfall.render(r, into: &g, in: g.bounds, theme: .standard)
        print(g.lines.joined(separator: "|\n") + "|\n")
        let h = HeadersView(headers: [HeaderField(name: "Content-Type", value: "application/json; charset=utf-8"),
                                      HeaderField(name: "Set-Cookie", value: "session=abc123secret; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600"),
                                      HeaderField(name: "X-Evil", value: "a\u{1b}[31mred")], secrets: SecretSet(["abc123secret"]))
        for w in [80, 40, 20] {
            var g = ScreenGrid(width: w, height: 12)
            h.render(into: &g, in: g.bounds, scroll: 0, theme: .standard)
            print(g.lines.joined(separator: "|\n") + "|\n")
        }
        let hex = HexView(data: Data((0..<40).map { UInt8($0 * 7 % 256) }) + Data("Hello, world".utf8))
        for w in [80, 40, 20] {
            var g = ScreenGrid(width: w, height: 8)
            hex.render(into: &g, in: g.bounds, scroll: 0, theme: .standard)
            print(g.lines.joined(separator: "|\n") + "|\n")
        }
    }
}
