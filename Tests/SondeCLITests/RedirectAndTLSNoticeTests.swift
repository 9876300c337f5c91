import Foundation
import Synchronization
import Testing

/// `sonde send -v` says where a redirect went and what was not sent to another origin, and
/// never leaves `verify_tls: false` unsaid.
@Suite struct RedirectAndTLSNoticeTests {
    let key = "key-\(UUID().uuidString.prefix(12))"

    @Test func verboseNamesWhatWasWithheldFromAnotherOrigin() async throws {
        try await withServer { base in
            // The demo server's /echo is one origin; this listener, on another port, another.
            let redirector = try RedirectingListener(location: "\(base)/echo/landed")
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

/// A listener on 127.0.0.1 that answers every request with a 302 to `location`.
private final class RedirectingListener: Sendable {
    let port: UInt16
    private let listener: Int32

    init(location: String) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound else { close(listener); throw POSIXError(.EADDRINUSE) }
        port = UInt16(bigEndian: address.sin_port)
        let answer = Array("HTTP/1.1 302 Found\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        Thread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while !received.ends(with: Array("\r\n\r\n".utf8)) {
                    let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                    guard count > 0 else { break }
                    received += chunk[..<count]
                }
                _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(connection)
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { close(listener) }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
