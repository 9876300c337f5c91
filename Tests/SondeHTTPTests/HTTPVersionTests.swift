import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import SondeTestSupport
import Testing

/// The HTTP version asked for and negotiated, and connection reuse, against a real HTTP/2
/// server (nginx, which answers with the protocol, connection and request number it saw).
@Suite(.serialized) struct HTTPVersionTests {
    private func options(_ version: HTTPVersionPreference? = nil) -> TransferOptions {
        // nginx's certificate is self-signed; the TLS check has tests of its own.
        TransferOptions(verifyTLS: false, httpVersion: version)
    }

    private func send(_ transport: CurlTransport, _ url: String, _ version: HTTPVersionPreference? = nil) async throws -> HTTPResponse {
        try await transport.send(PreparedRequest(method: .GET, url: url, options: options(version)))
    }

    private func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "connection=N" from nginx's answer: its serial number for the connection.
    private func connection(_ response: HTTPResponse) -> Substring? {
        text(response).split(separator: " ").first { $0.hasPrefix("connection=") }
    }

    @Test func httpsNegotiatesHTTP2ByALPNByDefaultAndReusesTheConnection() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let transport = CurlTransport()
        let first = try await send(transport, nginx.tlsURL + "/first")
        let second = try await send(transport, nginx.tlsURL + "/second")
        #expect(first.status == 200)
        #expect(first.httpVersion == "2")
        #expect(first.reason == "", "HTTP/2 has no reason phrase")
        #expect(text(first).hasPrefix("HTTP/2.0 "))
        #expect(!first.connectionReused)
        #expect(first.connectionSummary == "HTTP/2 · new connection")
        #expect(second.httpVersion == "2")
        #expect(second.connectionReused)
        #expect(text(second).hasSuffix("request=2"), "the second stream on the same connection: \(text(second))")
        #expect(connection(first) == connection(second))
        #expect(transport.connectionsOpened == 1)
        let log = nginx.accessLog.filter { $0.contains("GET") }
        #expect(log.count == 2)
        #expect(log.allSatisfy { $0.hasPrefix("\(nginx.tlsPort) HTTP/2.0 \"GET /") })
    }

    @Test func http11IsWhatIsSentWhenAskedFor() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let response = try await send(CurlTransport(), nginx.tlsURL + "/old", .http1_1)
        #expect(response.status == 200)
        #expect(response.httpVersion == "1.1")
        #expect(response.reason == "OK")
        #expect(text(response).hasPrefix("HTTP/1.1 "))
        #expect(nginx.accessLog.contains { $0.hasPrefix("\(nginx.tlsPort) HTTP/1.1 \"GET /old HTTP/1.1\"") }, "\(nginx.accessLog)")
    }

    @Test func http2IsOfferedByALPNWhenAskedFor() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let response = try await send(CurlTransport(), nginx.tlsURL + "/asked", .http2)
        #expect(response.httpVersion == "2")
        #expect(nginx.accessLog.contains { $0.hasPrefix("\(nginx.tlsPort) HTTP/2.0 \"GET /asked HTTP/2.0\"") }, "\(nginx.accessLog)")
    }

    /// libcurl 7.88.1 fails the second cleartext prior-knowledge send over one connection (curl
    /// issue 10634; the curl command does too: `curl --http2-prior-knowledge URL URL`), so each
    /// such send gets a connection of its own.
    @Test func priorKnowledgeOverCleartextWorksTwiceInARowOnFreshConnections() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let transport = CurlTransport()
        var responses: [HTTPResponse] = []
        for path in ["/one", "/two", "/three"] {
            responses.append(try await send(transport, nginx.priorKnowledgeURL + path, .http2PriorKnowledge))
        }
        for response in responses {
            #expect(response.status == 200)
            #expect(response.httpVersion == "2")
            #expect(!response.connectionReused)
            #expect(text(response).hasPrefix("HTTP/2.0 ") && text(response).hasSuffix("request=1"), "\(text(response))")
        }
        #expect(Set(responses.map(connection)).count == 3, "three connections: \(responses.map(text))")
        #expect(transport.connectionsOpened == 3)
        let log = nginx.accessLog.filter { $0.contains("GET") }
        #expect(log == [
            "\(nginx.priorKnowledgePort) HTTP/2.0 \"GET /one HTTP/2.0\" \(connection(responses[0]) ?? "") request=1",
            "\(nginx.priorKnowledgePort) HTTP/2.0 \"GET /two HTTP/2.0\" \(connection(responses[1]) ?? "") request=1",
            "\(nginx.priorKnowledgePort) HTTP/2.0 \"GET /three HTTP/2.0\" \(connection(responses[2]) ?? "") request=1",
        ])
    }

    @Test func aPriorKnowledgeSendBetweenHTTP1SendsLeavesTheirConnectionAlone() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let transport = CurlTransport()
        let before = try await send(transport, nginx.tlsURL + "/a", .http1_1)
        let between = try await send(transport, nginx.priorKnowledgeURL + "/b", .http2PriorKnowledge)
        let after = try await send(transport, nginx.tlsURL + "/c", .http1_1)
        #expect([before, between, after].map(\.httpVersion) == ["1.1", "2", "1.1"])
        #expect(after.connectionReused)
        #expect(connection(before) == connection(after))
    }

    @Test func twoPlainHTTP11SendsToTheDemoServerShareAConnection() async throws {
        try await withDemoServer { server in
            let transport = CurlTransport()
            let first = try await transport.send(PreparedRequest(method: .GET, url: server.url("/status/200")))
            let second = try await transport.send(PreparedRequest(method: .GET, url: server.url("/status/200")))
            #expect(first.httpVersion == "1.1")
            #expect(!first.connectionReused)
            #expect(second.connectionReused)
            #expect(second.connectionSummary == "HTTP/1.1 · reused connection")
            #expect(transport.connectionsOpened == 1)
        }
    }
}
