import Foundation
import SondeCore
import SondeHTTP
import Testing

/// Request headers as they go out on the wire, and response headers as they come back.
@Suite struct HeaderTests {
    let transport = CurlTransport()

    static let okResponse = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"

    /// The header lines of the first request a raw server received, without the request line.
    private func headerLines(_ server: RawHTTPServer) throws -> [String] {
        let request = try #require(server.receivedRequests.first)
        let head = request.components(separatedBy: "\r\n\r\n")[0]
        return Array(head.components(separatedBy: "\r\n").dropFirst())
    }

    @Test func requestHeadersGoOutInOrderWithRepeats() async throws {
        let server = try RawHTTPServer(response: Self.okResponse)
        defer { server.stop() }
        _ = try await transport.send(PreparedRequest(
            method: .POST, url: "http://127.0.0.1:\(server.port)/order",
            headers: [
                HeaderField(name: "X-First", value: "1"),
                HeaderField(name: "X-Repeat", value: "a"),
                HeaderField(name: "Content-Type", value: "text/plain"),
                HeaderField(name: "X-Repeat", value: "b"),
                HeaderField(name: "X-Empty", value: ""),
                HeaderField(name: "X-Last", value: "z"),
            ],
            body: .bytes(Data("body".utf8))))
        let lines = try headerLines(server)
        let ours = lines.filter { $0.hasPrefix("X-") || $0.hasPrefix("Content-Type") }
        #expect(ours == [
            "X-First: 1", "X-Repeat: a", "Content-Type: text/plain", "X-Repeat: b", "X-Empty:", "X-Last: z",
        ])
        #expect(!lines.contains { $0.lowercased().hasPrefix("expect") })
        #expect(lines.filter { $0.lowercased().hasPrefix("accept-encoding:") }.count == 1)
        #expect(try #require(server.receivedRequests.first).hasSuffix("\r\n\r\nbody"))
    }

    @Test func largeBodyGoesWithoutExpectContinue() async throws {
        let server = try RawHTTPServer(response: Self.okResponse)
        defer { server.stop() }
        // curl asks for 100-continue above 1 MB unless told not to.
        let body = Data(repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024)
        _ = try await transport.send(PreparedRequest(
            method: .PUT, url: "http://127.0.0.1:\(server.port)/big", body: .bytes(body)))
        let lines = try headerLines(server)
        #expect(!lines.contains { $0.lowercased().hasPrefix("expect") })
        #expect(lines.contains("Content-Length: \(body.count)"))
        // No Content-Type header was given, so none is invented.
        #expect(!lines.contains { $0.lowercased().hasPrefix("content-type") })
    }

    @Test func ownAcceptEncodingReplacesCurlsOffer() async throws {
        let server = try RawHTTPServer(response: Self.okResponse)
        defer { server.stop() }
        _ = try await transport.send(PreparedRequest(
            method: .GET, url: "http://127.0.0.1:\(server.port)/",
            headers: [HeaderField(name: "Accept-Encoding", value: "gzip")]))
        let lines = try headerLines(server)
        #expect(lines.filter { $0.lowercased().hasPrefix("accept-encoding:") } == ["Accept-Encoding: gzip"])
    }

    @Test func defaultAcceptEncodingOffersCompression() async throws {
        let server = try RawHTTPServer(response: Self.okResponse)
        defer { server.stop() }
        _ = try await transport.send(PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"))
        let offered = try #require(try headerLines(server).first { $0.lowercased().hasPrefix("accept-encoding:") })
        #expect(offered.contains("gzip"))
    }

    @Test func gzipResponseIsDecoded() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/gzip")))
            #expect(response.headers.first(named: "Content-Encoding") == "gzip")
            let document = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect(document["gzipped"] as? Bool == true)
            #expect((document["items"] as? [Any])?.count == 100)
        }
    }

    @Test func gzipIsDecodedWithTheRequestsOwnAcceptEncoding() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(
                method: .GET, url: demo.url("/gzip"), headers: [HeaderField(name: "Accept-Encoding", value: "gzip")]))
            let document = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect(document["gzipped"] as? Bool == true)
        }
    }

    @Test func responseHeadersKeepOrderAndRepeatsAndSkipInterimResponses() async throws {
        let server = try RawHTTPServer(response: [
            "HTTP/1.1 103 Early Hints", "Link: </style.css>; rel=preload", "",
            "HTTP/1.1 201 Created Just Now", "Set-Cookie: a=1", "X-Middle: m", "Set-Cookie: b=2",
            "X-Folded: first", "  second", "Content-Length: 2", "Connection: close", "", "ok",
        ].joined(separator: "\r\n"))
        defer { server.stop() }
        let response = try await transport.send(PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"))
        #expect(response.status == 201)
        #expect(response.reason == "Created Just Now")
        #expect(response.headers.map { "\($0.name): \($0.value)" } == [
            "Set-Cookie: a=1", "X-Middle: m", "Set-Cookie: b=2", "X-Folded: first second",
            "Content-Length: 2", "Connection: close",
        ])
        #expect(response.body == Data("ok".utf8))
    }

    @Test func requestHeadersReachTheDemoServer() async throws {
        try await withDemoServer { demo in
            let echo = try Echo(try await transport.send(PreparedRequest(
                method: .GET, url: demo.url("/echo"),
                headers: [HeaderField(name: "X-Api-Key", value: "demo-key"), HeaderField(name: "Accept", value: "text/plain")])))
            #expect(echo.header("X-Api-Key") == ["demo-key"])
            #expect(echo.header("Accept") == ["text/plain"])
        }
    }
}
