import Foundation
import Synchronization
import SondeTestSupport
import Testing

/// `sonde send -v` says where a redirect went and what was not sent to another origin, and
/// never leaves `verify_tls: false` unsaid.
@Suite struct RedirectAndTLSNoticeTests {
    let key = "key-\(UUID().uuidString.prefix(12))"

    @Test func verboseNamesWhatWasWithheldFromAnotherOrigin() async throws {
        try await withServer { base in
            // The demo server's /echo is one origin; this listener, on another port, another.
            let redirector = try CannedResponseServer(response: "HTTP/1.1 302 Found\r\nLocation: \(base)/echo/landed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            defer { redirector.stop() }
            let folder = try DemoCollectionCopy()
            try folder.write("moved/away.yaml", """
                url: "http://127.0.0.1:\(redirector.port)/start"
                headers:
                  - {name: X-API-Key, value: "{{env:SONDE_KEY}}"}
                auth: {type: bearer, token: "{{env:SONDE_KEY}}"}
                """)
            let result = try await SondeBinary.run(
                ["send", "demo/moved/away", "-v", "--collections", folder.root.path], environment: ["SONDE_KEY": key])
            #expect(result.status == 0)
            #expect(result.stderr.contains("* redirect to \(base)/echo/landed (another origin): not sending X-API-Key, Authorization\n"))
            // The echo shows what arrived: not the key, not the header that held it.
            #expect(result.stdout.contains("/echo/landed"))
            #expect(!result.stdout.contains(key))
            #expect(!result.stdout.lowercased().contains("x-api-key"))
            #expect(!result.stderr.contains(key))
            // A request that checks TLS says nothing of it.
            #expect(!result.stderr.contains("TLS"))
        }
    }

    @Test func verifyTLSFalseIsSaidOnTheStatusLineAndInVerbose() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("insecure/get.yaml", """
                url: "\(base)/health"
                options: {verify_tls: false}
                """)
            let result = try await SondeBinary.run(["send", "demo/insecure/get", "-v", "--collections", folder.root.path])
            #expect(result.status == 0)
            #expect(result.stderr.contains("\n* TLS certificate not verified (verify_tls: false)\n"))
            let statusLine = result.stderr.split(separator: "\n").first { $0.hasPrefix("HTTP/") }.map(String.init) ?? ""
            #expect(statusLine.hasPrefix("HTTP/1.1 200 OK"))
            #expect(statusLine.hasSuffix("(TLS not verified)"))
        }
    }
}
