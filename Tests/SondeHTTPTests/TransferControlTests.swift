import Foundation
import SondeCore
import SondeHTTP
import Testing

/// Cancellation, timings, connection reuse and concurrent sends.
@Suite struct TransferControlTests {
    let transport = CurlTransport()

    /// Both ways a send runs: on a thread of its own, whose progress callback looks at the flag,
    /// and on the event loop of `sonde run`, which sweeps for cancelled hops (`CurlEventLoop`).
    static func transport(onTheEventLoop: Bool) -> CurlTransport {
        onTheEventLoop ? CurlTransport(connectionLimits: ConnectionLimits(perHost: 4, total: 4)) : CurlTransport()
    }

    @Test(arguments: [false, true]) func cancellationFlagStopsATransferInFlight(onTheEventLoop: Bool) async throws {
        let transport = Self.transport(onTheEventLoop: onTheEventLoop)
        try await withDemoServer { demo in
            let flag = CancellationFlag()
            let start = ContinuousClock.now
            async let outcome = transportError(
                transport, PreparedRequest(method: .GET, url: demo.url("/slow?ms=20000")), cancellation: flag)
            try await Task.sleep(for: .milliseconds(300))
            flag.cancel()
            #expect(await outcome == .cancelled)
            // The transfer (or the loop) looks at the flag every 50 ms; the bound leaves room for a busy machine.
            #expect(seconds(since: start) < 8)
            // The transport goes on with other sends.
            #expect(try await transport.send(PreparedRequest(method: .GET, url: demo.url("/health"))).status == 200)
        }
    }

    @Test(arguments: [false, true]) func taskCancellationStopsATransferInFlight(onTheEventLoop: Bool) async throws {
        let transport = Self.transport(onTheEventLoop: onTheEventLoop)
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

    @Test(arguments: [false, true]) func alreadyCancelledFlagSendsNothing(onTheEventLoop: Bool) async throws {
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        let flag = CancellationFlag()
        flag.cancel()
        let error = await transportError(
            Self.transport(onTheEventLoop: onTheEventLoop), PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"), cancellation: flag)
        #expect(error == .cancelled)
        #expect(server.connectionsAccepted == 0)
    }

    @Test func timingsAreMonotone() async throws {
        try await withDemoServer { demo in
            let body = Data(repeating: 65, count: 1000)
            let response = try await transport.send(PreparedRequest(
                method: .POST, url: demo.url("/echo"), body: .bytes(body)))
            let t = response.timings
            #expect(t.dns <= t.connect)
            #expect(t.connect <= t.preTransfer)
            #expect(t.preTransfer <= t.firstByte)
            #expect(t.firstByte <= t.total)
            #expect(t.total > 0)
            #expect(t.connect > 0)
            #expect(t.tls == 0)
            #expect(t.redirect == 0)
            #expect(t.bytesUploaded == 1000)
            #expect(t.bytesDownloaded == Int64(response.body.count))
        }
    }

    @Test func slowFirstByteShowsInTimings() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/slow?ms=300")))
            #expect(response.timings.firstByte - response.timings.preTransfer >= 0.25)
        }
    }

    @Test func repeatedSendsToOneServerReuseTheConnection() async throws {
        try await withDemoServer { demo in
            for _ in 0..<3 {
                let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/echo")))
                #expect(response.status == 200)
            }
            #expect(transport.connectionsOpened == 1)
        }
    }

    @Test func aServerThatClosesGetsANewConnectionEachTime() async throws {
        // The control for the reuse test: the counter does count new connections.
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        for _ in 0..<3 {
            _ = try await transport.send(PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"))
        }
        #expect(transport.connectionsOpened == 3)
        #expect(server.connectionsAccepted == 3)
    }

    @Test func sendsRunConcurrently() async throws {
        try await withDemoServer { demo in
            let count = 8
            let start = ContinuousClock.now
            let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<count {
                    group.addTask { [transport] in
                        try await transport.send(PreparedRequest(method: .GET, url: demo.url("/slow?ms=1000")))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.map(\.status) == Array(repeating: 200, count: count))
            // One after another, the transfers' own times would add up to the wall time; at once,
            // to several times it. A ratio, not a deadline: a loaded machine stretches both.
            let overlap = responses.map(\.timings.total).reduce(0, +) / seconds(since: start)
            #expect(overlap > 3, "the 8 transfers overlapped only \(overlap)×")
            // Sends in flight at once cannot share a connection.
            #expect(transport.connectionsOpened > 1)
        }
    }
}
