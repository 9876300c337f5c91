import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// The response viewer says which way the request went: the Timing tab above its phases
/// (through a proxy, "Connect" is the proxy's), the status line when the proxy fits whole.
extension ResponseViewerTests {
    private func proxiedDocument(_ route: ProxyRoute) -> ResponseDocument {
        var document = makeDocument(json: Self.usersJSON)
        document.response.proxyRoute = route
        return document
    }

    @Test("The Timing tab names the proxy above the waterfall")
    func timingTabNamesTheProxy() throws {
        var state = try stateWithResponse(proxiedDocument(.proxy(endpoint: "http://127.0.0.1:8888", variable: "https_proxy")))
        state.press(.character("3"))
        let lines = state.screen.lines
        let route = try #require(lines.firstIndex { $0.contains("Route via proxy http://127.0.0.1:8888 from $https_proxy") })
        #expect(lines[route + 1].contains("DNS"))
        // Left-aligned with the phases below it.
        #expect(lines[route].range(of: "Route")?.lowerBound.utf16Offset(in: lines[route])
            == lines[route + 1].range(of: "DNS")?.lowerBound.utf16Offset(in: lines[route + 1]))
    }

    @Test("A direct exchange adds no route line; a bypass does")
    func directAddsNothing() throws {
        var plain = try stateWithResponse(makeDocument(json: Self.usersJSON))
        plain.press(.character("3"))
        #expect(!plain.screen.contains("Route"))
        var bypassed = try stateWithResponse(proxiedDocument(.bypassed(entry: "localhost", variable: "no_proxy")))
        bypassed.press(.character("3"))
        #expect(bypassed.screen.contains("Route direct (localhost in $no_proxy)"))
        #expect(!bypassed.screen.contains("· via"))
    }

    @Test("The status line shows the proxy only where it fits whole")
    func statusLineShowsTheProxyWhenThereIsRoom() throws {
        let wide = try stateWithResponse(proxiedDocument(.proxy(endpoint: "socks5h://127.0.0.1:1080", variable: nil)), width: 160)
        #expect(wide.screen.contains("HTTP/1.1 · new connection · via socks5h://127.0.0.1:1080"))
        let narrow = try stateWithResponse(proxiedDocument(.proxy(endpoint: "socks5h://127.0.0.1:1080", variable: nil)), width: 70)
        #expect(!narrow.screen.contains("· via"))
    }
}
