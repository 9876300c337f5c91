import Foundation
import SondeTestSupport
import Testing

/// `sonde send` with `http_version:` and `unix_socket:`: what `-v` says of the version and the
/// connection, the errors, and the `--curl` flags.
@Suite struct HTTPVersionCommandTests {
    @Test func verboseSaysHTTP2WhenNginxSpokeIt() async throws {
        let nginx = try await offThePool { try NginxServer() }
        defer { nginx.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("h2/default.yaml", "url: \"\(nginx.tlsURL)/default\"\noptions: {verify_tls: false}\n")
        try folder.write("h2/old.yaml", "url: \"\(nginx.tlsURL)/old\"\noptions: {verify_tls: false, http_version: 1.1}\n")
        let h2 = try await SondeBinary.run(["send", "demo/h2/default", "-v", "--collections", folder.root.path])
        #expect(h2.status == 0, "\(h2.stderr)")
        let lines = h2.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("* HTTP/2 · new connection"), "\(h2.stderr)")
        #expect(lines.contains { $0.hasPrefix("HTTP/2 200  ") }, "\(h2.stderr)")
        #expect(h2.stdout.hasPrefix("HTTP/2.0 "), "what nginx received: \(h2.stdout)")

        let old = try await SondeBinary.run(["send", "demo/h2/old", "-v", "--collections", folder.root.path])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stderr.contains("\n* HTTP/1.1 · new connection\n"), "\(old.stderr)")
        #expect(old.stderr.split(separator: "\n").contains { $0.hasPrefix("HTTP/1.1 200 OK  ") })
        #expect(old.stdout.hasPrefix("HTTP/1.1 "))
        #expect(nginx.accessLog.contains { $0.contains("\"GET /old HTTP/1.1\"") })
    }

    @Test func aMissingUnixSocketIsNamedAndExitsAsRefused() async throws {
        let folder = try DemoCollectionCopy()
        let path = folder.root.appendingPathComponent("gone.sock").path
        try folder.write("local/info.yaml", "url: http://localhost/info\noptions: {unix_socket: \"\(path)\"}\n")
        let result = try await SondeBinary.run(["send", "demo/local/info", "--collections", folder.root.path])
        #expect(result.status == 21)
        #expect(result.stderr.contains("cannot connect to Unix socket \(path): No such file or directory"), "\(result.stderr)")
    }

    @Test func anUnknownHTTPVersionIsRefusedWithItsFileAndLine() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("bad/version.yaml", "url: http://127.0.0.1:1/\noptions:\n  http_version: 3\n")
        let result = try await SondeBinary.run(["send", "demo/bad/version", "--collections", folder.root.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad/version.yaml:3:17: unknown http_version 3: expected 1.0, 1.1, 2, 2-prior-knowledge"), "\(result.stderr)")
    }

    @Test func curlPrintsTheVersionAndTheSocket() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("local/pk.yaml", """
            url: http://localhost/v1/info
            options: {http_version: 2-prior-knowledge, unix_socket: "~/run/{{sock}}"}
            """)
        let result = try await SondeBinary.run(
            ["send", "demo/local/pk", "--curl", "--var", "sock=api.sock", "--collections", folder.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The user's home as the system records it, as for a body file's `~`.
        let home = ("~" as NSString).expandingTildeInPath
        #expect(result.stdout.contains("\n  --http2-prior-knowledge \\\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n  --unix-socket \(home)/run/api.sock"), "\(result.stdout)")
    }
}
