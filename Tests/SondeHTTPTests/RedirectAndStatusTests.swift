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

    /// What each redirect status does to the method and body, as the server saw the second request.
    @Test(arguments: [
        (303, HTTPMethod.PUT, "GET /next HTTP/1.1", false),
        (303, HTTPMethod.HEAD, "HEAD /next HTTP/1.1", false),
        (302, HTTPMethod.PUT, "PUT /next HTTP/1.1", true),
        (301, HTTPMethod.POST, "GET /next HTTP/1.1", false),
        (307, HTTPMethod.POST, "POST /next HTTP/1.1", true),
        (308, HTTPMethod.PATCH, "PATCH /next HTTP/1.1", true),
    ])
    func redirectStatusDecidesMethodAndBody(status: Int, method: HTTPMethod, requestLine: String, keepsBody: Bool) async throws {
        let server = try ScriptedHTTPServer([
            .respond(ScriptedHTTPServer.response(status, "Moved", headers: ["Location: next"])),
            .respond(ScriptedHTTPServer.response(200, "OK")),
        ])
        defer { server.stop() }
        let body: PreparedBody = method == .HEAD ? .none : .bytes(Data("payload".utf8))
        let response = try await transport.send(PreparedRequest(
            method: method, url: server.url + "first",
            headers: [HeaderField(name: "Content-Type", value: "text/plain")], body: body))
        #expect(response.status == 200)
        let second = try #require(server.requests.last?.text)
        #expect(server.requests.count == 2)
        #expect(second.hasPrefix(requestLine + "\r\n"))
        #expect(second.hasSuffix("payload") == keepsBody)
        #expect(second.contains("Content-Type: text/plain") == keepsBody || method == .HEAD)
    }

    /// A Location that is no http(s) URL is not followed: the redirect is the answer.
    @Test func aRedirectToAnotherSchemeIsTheAnswer() async throws {
        let server = try ScriptedHTTPServer([
            .respond(ScriptedHTTPServer.response(302, "Found", headers: ["Location: file:///etc/passwd"], body: "no")),
        ])
        defer { server.stop() }
        let response = try await transport.send(PreparedRequest(method: .GET, url: server.url))
        #expect(response.status == 302)
        #expect(String(decoding: response.body, as: UTF8.self) == "no")
        #expect(response.redirects.isEmpty)
        #expect(server.requests.count == 1)
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
