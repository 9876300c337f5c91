import Foundation
import SondeTestSupport
import SondeCore
import SondeHTTP
import Testing

/// A failed transfer never leaves a broken handle in the pool: later sends on the same
/// transport work. Each transport starts with an empty pool, so the failed transfer's handle
/// is the one the next send would get.
@Suite struct PooledHandleTests {
    enum Failure: String, CaseIterable, Sendable {
        case unresolvableHost, refusedPort, connectTimeout, totalTimeout
    }

    @Test(arguments: Failure.allCases)
    func sendsAfterAFailureSucceed(failure: Failure) async throws {
        let transport = CurlTransport()
        let server = try RawHTTPServer(response: ScriptedHTTPServer.response(200, "OK", body: "fine"))
        defer { server.stop() }
        let error = try await failedSend(failure, on: transport)
        #expect(error != nil)
        for _ in 0..<3 {
            let response = try await transport.send(PreparedRequest(method: .GET, url: "http://127.0.0.1:\(server.port)/"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "fine")
        }
    }

    private func failedSend(_ failure: Failure, on transport: CurlTransport) async throws -> TransportError? {
        switch failure {
        case .unresolvableHost:
            return await transportError(transport, PreparedRequest(method: .GET, url: "http://\(hostThatCannotResolve())/"))
        case .refusedPort:
            return await transportError(transport, PreparedRequest(method: .GET, url: "http://127.0.0.1:\(try unusedPort())/"))
        case .connectTimeout:
            let listener = try FullListener()
            defer { listener.close() }
            return await transportError(transport, PreparedRequest(
                method: .GET, url: "http://127.0.0.1:\(listener.port)/",
                options: TransferOptions(connectTimeout: 0.2, totalTimeout: 5)))
        case .totalTimeout:
            let stalling = try ScriptedHTTPServer([.stall])
            defer { stalling.stop() }
            return await transportError(transport, PreparedRequest(
                method: .GET, url: stalling.url, options: TransferOptions(totalTimeout: 0.2)))
        }
    }
}
