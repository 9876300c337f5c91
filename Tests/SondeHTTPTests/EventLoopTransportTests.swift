import Foundation
import SondeCore
import SondeHTTP
import Testing

/// The transport `sonde run` uses: every send on one event loop, which only performs hops of
/// handles the sending task configures and reads back (`CurlEventLoop`). What a single send
/// does must hold here too: redirects hop by hop, cookies, a failed handle not reused,
/// connections reused; cancellation, swept by the loop, is tested for both transports in
/// `TransferControlTests`.
@Suite struct EventLoopTransportTests {
    let transport = CurlTransport(connectionLimits: ConnectionLimits(perHost: 4, total: 4))

    @Test func redirectsAndCookiesGoHopByHopThroughTheLoop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-loop-jar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let jar = folder.appendingPathComponent("jar.txt").path
        try await withDemoServer { demo in
            // Sets the cookie, then redirects to /cookies, which echoes what it was sent.
            var login = PreparedRequest(method: .GET, url: demo.url("/cookies/set?token=abc"))
            login.options.cookieJar = jar
            let first = try await transport.send(login)
            #expect(first.status == 200)
            #expect(first.redirects.count == 1)
            #expect(String(decoding: first.body, as: UTF8.self).contains("\"token\":\"abc\""))

            let chain = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/redirect/3")))
            #expect(chain.redirects.count == 3)
            #expect(chain.finalURL.hasSuffix("/redirect/0"))
            #expect(String(decoding: chain.body, as: UTF8.self).contains("\"redirected\":true"))
        }
        #expect(try String(contentsOfFile: jar, encoding: .utf8).contains("\ttoken\tabc"))
    }

    @Test func manyConcurrentSendsReuseTheLimitedConnections() async throws {
        try await withDemoServer { demo in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<32 {
                    group.addTask { [transport] in
                        var request = PreparedRequest(method: .GET, url: demo.url("/users/\(index % 3 + 1)"))
                        // A transfer queued for one of the 4 connections counts toward libcurl's
                        // connect timeout: generous, for the in-process server on a loaded machine.
                        request.options.connectTimeout = 120
                        return try await transport.send(request).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 32))
            #expect(transport.connectionsOpened >= 1)
            #expect(transport.connectionsOpened <= 4)
        }
    }

    /// A refused connection fails that send only; its handle is freed, not reused, and the
    /// next send on the loop goes through.
    @Test func aRefusedConnectionFailsThatSendOnly() async throws {
        let port = try unusedPort()
        await #expect(throws: TransportError.connectionRefused(host: "127.0.0.1", port: Int(port))) {
            try await transport.send(PreparedRequest(method: .GET, url: "http://127.0.0.1:\(port)/"))
        }
        let status = try await withDemoServer { demo in
            try await transport.send(PreparedRequest(method: .GET, url: demo.url("/health"))).status
        }
        #expect(status == 200)
    }
}
