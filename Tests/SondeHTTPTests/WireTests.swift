import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing

/// `HTTPResponse.wire`: the requests as libcurl wrote them (CURLOPT_DEBUGFUNCTION), compared
/// with the bytes servers received; per redirect hop, with a digest challenge's two requests.
@Suite struct WireTests {
    let transport = CurlTransport()

    /// The head of a request as a raw server received it.
    private static func receivedHead(_ request: String) -> SentRequestHead {
        let head = request.components(separatedBy: "\r\n\r\n")[0] + "\r\n\r\n"
        return SentRequestHead(wire: Array(head.utf8))
    }

    @Test func theWireIsWhatTheServerReceivedHeaderForHeader() async throws {
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        let body = Data(#"{"name": "Ada"}"#.utf8)
        let response = try await transport.send(PreparedRequest(
            method: .POST, url: "http://127.0.0.1:\(server.port)/things?q=1",
            headers: [HeaderField(name: "X-Trace", value: "abc"), HeaderField(name: "X-Empty", value: ""),
                      HeaderField(name: "Content-Type", value: "application/json")],
            body: .bytes(body)))
        let received = try #require(server.receivedRequests.first)
        let sent = try #require(response.wire.requests.first)
        #expect(response.wire.requests.count == 1)
        let expected = Self.receivedHead(received)
        #expect(sent.head.requestLine == "POST /things?q=1 HTTP/1.1")
        #expect(sent.head.requestLine == expected.requestLine)
        #expect(sent.head.headers == expected.headers)
        // What libcurl added is there, not only what sonde asked for.
        for name in ["Host", "Accept", "Accept-Encoding", "Content-Length"] {
            #expect(sent.head.headers.contains(named: name), "\(name)")
        }
        #expect(sent.head.headers.first(named: "Content-Length") == "\(body.count)")
        #expect(sent.head.bodySize == Int64(body.count))
        #expect(!sent.head.isTruncated)
        #expect(sent.hop == 0 && sent.redirect == nil)
        #expect(sent.answer?.status == 200)
    }

    @Test func eachRedirectHopIsItsOwnRequestWithTheAnswerThatLedOn() async throws {
        let server = try ScriptedHTTPServer([
            .respond(ScriptedHTTPServer.response(302, "Found", headers: ["Location: /two"])),
            .respond(ScriptedHTTPServer.response(308, "Permanent Redirect", headers: ["Location: /three"])),
            .respond(ScriptedHTTPServer.response(200, "OK", body: "done")),
        ])
        defer { server.stop() }
        let response = try await transport.send(PreparedRequest(method: .GET, url: server.url + "one"))
        let wire = response.wire.requests
        try #require(wire.count == 3)
        #expect(wire.map(\.head.requestLine) == ["GET /one HTTP/1.1", "GET /two HTTP/1.1", "GET /three HTTP/1.1"])
        #expect(wire.map(\.hop) == [0, 1, 2])
        #expect(wire.map { $0.answer?.status } == [302, 308, 200])
        #expect(wire[0].answer?.headers.first(named: "Location") == "/two")
        #expect(wire.map { $0.redirect?.url } == [server.url + "two", server.url + "three", nil])
        #expect(wire.map { $0.redirect } == response.redirects.map { $0 } + [nil])
        for (sent, received) in zip(wire, server.requests) {
            #expect(sent.head == Self.receivedHead(received.text))
        }
    }

    @Test func aDigestChallengeShowsBothRequestsOfTheHop() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(
                method: .GET, url: demo.url("/auth/digest"),
                challengeAuth: ChallengeCredentials(scheme: .digest, username: DemoCredentials.basicUser, password: DemoCredentials.basicPassword)))
            #expect(response.status == 200)
            let wire = response.wire.requests
            try #require(wire.count == 2)
            #expect(wire.map(\.hop) == [0, 0])
            #expect(wire[0].answer?.status == 401)
            #expect(wire[0].answer?.headers.first(named: "WWW-Authenticate")?.hasPrefix("Digest ") == true)
            #expect(!wire[0].head.headers.contains(named: "Authorization"))
            #expect(wire[1].head.headers.first(named: "Authorization")?.hasPrefix("Digest username=\"\(DemoCredentials.basicUser)\"") == true)
            // Shown, libcurl's digest answer keeps only its scheme.
            let transcript = WireTranscript(response: response, declared: [], secrets: SecretSet())
            #expect(transcript.lines.contains(.sentHeader(name: "Authorization", value: "Digest ••••")))
            #expect(transcript.lines.contains(.answer(status: 401, text: "HTTP/1.1 401 Unauthorized")))
        }
    }

    @Test func aHugeHeadIsCutAtTheCapacity() async throws {
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        let huge = String(repeating: "h", count: 100_000)
        let response = try await transport.send(PreparedRequest(
            method: .GET, url: "http://127.0.0.1:\(server.port)/big", headers: [HeaderField(name: "X-Huge", value: huge)]))
        #expect(response.status == 200)
        let sent = try #require(response.wire.requests.first)
        #expect(sent.head.isTruncated)
        #expect(sent.head.requestLine == "GET /big HTTP/1.1")
        let kept = sent.head.headers.map { $0.name.utf8.count + $0.value.utf8.count }.reduce(0, +)
        #expect(kept < SentRequestHead.capacity)
        #expect(try #require(server.receivedRequests.first).contains(huge), "the request itself went out whole")
    }
}
