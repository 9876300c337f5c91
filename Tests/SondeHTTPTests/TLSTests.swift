import Foundation
import SondeTestSupport
import SondeCore
import SondeHTTP
import Testing

/// TLS verification against a local HTTPS server whose certificate no authority signed.
@Suite(.serialized) struct TLSTests {
    let transport = CurlTransport()

    @Test func anUntrustedCertificateIsATLSErrorWithTheReason() async throws {
        let server = try await offThePool { try TLSTestServer() }
        defer { server.stop() }
        let request = PreparedRequest(method: .GET, url: "https://127.0.0.1:\(server.port)/")
        let error = await transportError(transport, request)
        guard case .tls(let reason) = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(reason.lowercased().contains("certificate"))
    }

    @Test func verificationCanBeSwitchedOffAndTheHandshakeIsTimed() async throws {
        let server = try await offThePool { try TLSTestServer() }
        defer { server.stop() }
        var options = TransferOptions()
        options.verifyTLS = false
        let response = try await transport.send(
            PreparedRequest(method: .GET, url: "https://127.0.0.1:\(server.port)/", options: options))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"tls": true}"#)
        let timings = response.timings
        #expect(timings.tls > timings.connect)
        #expect(TimingPhases(timings).tls > 0)
    }
}
