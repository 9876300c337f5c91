import Foundation
import SondeCore
import SondeHTTP
import Testing

/// Redirects followed or not, and statuses that are answers rather than errors.
@Suite struct RedirectAndStatusTests {
    let transport = CurlTransport()

    @Test func followsRedirectsAndKeepsOnlyTheFinalHeaders() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/redirect/3")))
            #expect(response.status == 200)
            #expect(response.finalURL == demo.url("/redirect/0"))
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""redirected":true"#))
            #expect(!response.headers.contains(named: "Location"))
            #expect(response.headers.filter { $0.name.lowercased() == "content-type" }.count == 1)
            #expect(response.timings.redirect > 0)
        }
    }

    @Test func returnsTheRedirectWhenNotFollowing() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(
                method: .GET, url: demo.url("/redirect/3"), options: TransferOptions(followRedirects: false)))
            #expect(response.status == 302)
            #expect(response.reason == "Found")
            #expect(response.headers.first(named: "Location") == "/redirect/2")
            #expect(response.finalURL == demo.url("/redirect/3"))
        }
    }

    @Test func tooManyRedirects() async throws {
        try await withDemoServer { demo in
            await #expect(throws: TransportError.tooManyRedirects(limit: 2)) {
                try await transport.send(PreparedRequest(
                    method: .GET, url: demo.url("/redirect/5"), options: TransferOptions(maxRedirects: 2)))
            }
            // Exactly at the limit is fine.
            let response = try await transport.send(PreparedRequest(
                method: .GET, url: demo.url("/redirect/2"), options: TransferOptions(maxRedirects: 2)))
            #expect(response.status == 200)
        }
    }

    @Test(arguments: [(404, "Not Found"), (500, "Internal Server Error"), (503, "Service Unavailable")])
    func errorStatusesAreResponses(code: Int, reason: String) async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/status/\(code)")))
            #expect(response.status == code)
            #expect(response.reason == reason)
        }
    }
}
