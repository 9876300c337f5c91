import Foundation
import SondeTestSupport
import Testing

/// `sonde send` with OAuth2 against a server that refuses the first token: one fresh token,
/// one second try, and `-v` says why there were two.
@Suite struct OAuth2RefreshCommandTests {
    static func token(_ value: String) -> String {
        let body = #"{"access_token": "\#(value)", "token_type": "Bearer", "expires_in": 3600}"#
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
    }

    @Test func aRefusedTokenIsFetchedAgainOnceAndSaidInVerbose() async throws {
        let firstToken = "tok1-\(UUID().uuidString.prefix(8))", secondToken = "tok2-\(UUID().uuidString.prefix(8))"
        let server = try CannedResponseServer(responses: [
            Self.token(firstToken),
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            Self.token(secondToken),
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}",
        ])
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        let run = try await SondeBinary.run(
            ["send", "demo/auth/oauth2", "-v", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(server.url)"],
            environment: ["DEMO_CLIENT_SECRET": "client-secret-for-test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == #"{"ok":true}"#)
        let requests = server.receivedHeads.map { $0.components(separatedBy: "\r\n")[0] }
        #expect(requests == ["POST /oauth/token HTTP/1.1", "GET /oauth/protected HTTP/1.1", "POST /oauth/token HTTP/1.1", "GET /oauth/protected HTTP/1.1"])
        #expect(server.receivedHeads[3].contains("Authorization: Bearer \(secondToken)\r\n"))
        #expect(run.stderr.contains("* the API refused the OAuth2 token (401): sent again with a fresh one\n"))
        #expect(run.stderr.contains("* attempt 1: 401 Unauthorized"))
        #expect(run.stderr.contains("* attempt 2: 200 OK"))
        #expect(!run.output.contains(firstToken) && !run.output.contains(secondToken))
    }
}
