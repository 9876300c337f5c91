import Foundation
import SondeCore
import SondeHTTP
import Testing

/// A 401 to a request with an OAuth2 token: the token is dropped, a fresh one fetched and the
/// request sent again, once. Against a server that serves the token endpoint and the API in a
/// scripted order, so the count of each is exact.
@Suite struct OAuth2RefreshTests {
    private let demo = CollectionLoader.load(
        from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("collections/demo")).collection

    private static func token(_ value: String) -> ScriptedHTTPServer.Step {
        .respond(ScriptedHTTPServer.response(
            200, "OK", headers: ["Content-Type: application/json"],
            body: #"{"access_token": "\#(value)", "token_type": "Bearer", "expires_in": 3600}"#))
    }

    private static let unauthorized = ScriptedHTTPServer.Step.respond(ScriptedHTTPServer.response(
        401, "Unauthorized", headers: ["WWW-Authenticate: Bearer error=\"invalid_token\""], body: "no"))

    private func send(to server: ScriptedHTTPServer, sender: RequestSender) async throws -> Exchange {
        let context = SendContext(
            collection: demo, environment: demo.environment(named: "local"),
            secretSource: SecretSource(processEnvironment: ["DEMO_CLIENT_SECRET": "client-secret-1"]),
            overrides: ["baseUrl": "http://127.0.0.1:\(server.port)"])
        return try await sender.send(try #require(demo.request(id: "auth/oauth2")), in: context)
    }

    /// The request line and Authorization of each request the server got.
    private func summary(_ server: ScriptedHTTPServer) -> [String] {
        server.requests.map { request in
            let lines = request.text.components(separatedBy: "\r\n")
            let authorization = lines.first { $0.hasPrefix("Authorization: Bearer ") }.map { " " + $0.dropFirst("Authorization: ".count) } ?? ""
            return lines[0].split(separator: " ").prefix(2).joined(separator: " ") + authorization
        }
    }

    @Test func aRefusedTokenIsReplacedOnceAndTheRequestSentAgain() async throws {
        let server = try ScriptedHTTPServer([Self.token("t1"), Self.unauthorized, Self.token("t2"), .respond(ScriptedHTTPServer.response(200, "OK", body: "{}"))])
        defer { server.stop() }
        let sender = RequestSender(transport: CurlTransport())
        let exchange = try await send(to: server, sender: sender)
        #expect(exchange.response.status == 200)
        #expect(exchange.refreshedOAuth2Token)
        #expect(summary(server) == [
            "POST /oauth/token", "GET /oauth/protected Bearer t1", "POST /oauth/token", "GET /oauth/protected Bearer t2",
        ])
        #expect(exchange.attempts.map(\.number) == [1, 2])
        #expect(exchange.attempts.map(\.result) == [.response(status: 401, reason: "Unauthorized"), .response(status: 200, reason: "OK")])
        #expect(exchange.request.secrets.values.isSuperset(of: ["t1", "t2"]))
        // The fresh token is the cached one now: the next send fetches none.
        let again = try await send(to: server, sender: sender)
        #expect(again.response.status == 200 && !again.refreshedOAuth2Token)
        #expect(summary(server).suffix(1) == ["GET /oauth/protected Bearer t2"])
    }

    @Test func aSecond401IsTheAnswerWithoutALoop() async throws {
        let server = try ScriptedHTTPServer([Self.token("t1"), Self.unauthorized, Self.token("t2"), Self.unauthorized])
        defer { server.stop() }
        let exchange = try await send(to: server, sender: RequestSender(transport: CurlTransport()))
        #expect(exchange.response.status == 401)
        #expect(String(decoding: exchange.response.body, as: UTF8.self) == "no")
        #expect(summary(server) == [
            "POST /oauth/token", "GET /oauth/protected Bearer t1", "POST /oauth/token", "GET /oauth/protected Bearer t2",
        ])
    }

    @Test func aRequestWithItsOwnAuthorizationHeaderIsNotSentAgain() async throws {
        let server = try ScriptedHTTPServer([Self.token("t1"), Self.unauthorized])
        defer { server.stop() }
        var saved = try #require(demo.request(id: "auth/oauth2"))
        saved.definition.headers.append(KeyValue("Authorization", "Bearer mine"))
        let context = SendContext(
            collection: demo, environment: demo.environment(named: "local"),
            secretSource: SecretSource(processEnvironment: ["DEMO_CLIENT_SECRET": "client-secret-1"]),
            overrides: ["baseUrl": "http://127.0.0.1:\(server.port)"])
        let exchange = try await RequestSender(transport: CurlTransport()).send(saved, in: context)
        #expect(exchange.response.status == 401 && !exchange.refreshedOAuth2Token)
        #expect(summary(server) == ["POST /oauth/token", "GET /oauth/protected Bearer mine"])
    }
}
