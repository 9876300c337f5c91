import Foundation
import SondeCore
import SondeHTTP
import Testing

/// The transport `sonde run` uses: every send on one event loop, which only performs hops of
/// handles the sending task configures and reads back (`CurlEventLoop`). What a single send
/// does must hold here too: redirects hop by hop, cookies, cancellation (swept by the loop, as
/// these transfers have no progress callback), a failed handle not reused, connections reused.
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

    @Test func aCancelledFlagStopsAHopTheServerNeverAnswers() async throws {
        try await withDemoServer { demo in
            let flag = CancellationFlag()
            let start = ContinuousClock.now
            async let outcome = transportError(
                transport, PreparedRequest(method: .GET, url: demo.url("/slow?ms=20000")), cancellation: flag)
            try await Task.sleep(for: .milliseconds(300))
            flag.cancel()
            #expect(await outcome == .cancelled)
            // The loop sweeps every 50 ms; the bound leaves room for a busy machine.
            #expect(seconds(since: start) < 8)
            // The loop goes on with other sends.
            #expect(try await transport.send(PreparedRequest(method: .GET, url: demo.url("/health"))).status == 200)
        }
    }

    @Test func aCancelledTaskStopsItsHop() async throws {
        try await withDemoServer { demo in
            let request = PreparedRequest(method: .GET, url: demo.url("/slow?ms=20000"))
            let start = ContinuousClock.now
            let task = Task { [transport] in try await transport.send(request) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            await #expect(throws: TransportError.cancelled) { try await task.value }
            #expect(seconds(since: start) < 8)
        }
    }

    @Test func anAlreadyCancelledSendConnectsNowhere() async throws {
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        let flag = CancellationFlag()
        flag.cancel()
        let error = await transportError(
            transport, PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"), cancellation: flag)
        #expect(error == .cancelled)
        #expect(server.connectionsAccepted == 0)
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
