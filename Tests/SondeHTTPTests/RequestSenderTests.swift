import Foundation
import Synchronization
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing

/// Saved requests sent through the whole stack: the demo collection's files, variables, every
/// auth kind with its inheritance, OAuth2 token caching against the real token endpoint.
@Suite struct RequestSenderTests {
    private let demo = CollectionLoader.load(
        from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("collections/demo")).collection

    private func context(port: UInt16, secrets: [String: String] = ["DEMO_CLIENT_SECRET": DemoCredentials.clientSecret]) -> SendContext {
        SendContext(
            collection: demo, environment: demo.environment(named: "local"),
            secretSource: SecretSource(processEnvironment: secrets),
            overrides: ["baseUrl": "http://127.0.0.1:\(port)"])
    }

    private func send(_ id: String, _ sender: RequestSender, _ context: SendContext) async throws -> Exchange {
        try await sender.send(try #require(demo.request(id: id)), in: context)
    }

    @Test func everyAuthKindOfTheDemoCollectionIsAccepted() async throws {
        try await withDemoServer { demo in
            let sender = RequestSender(transport: CurlTransport())
            let ctx = context(port: demo.port)
            for id in ["auth/basic", "auth/digest", "auth/bearer", "auth/api-key-header", "auth/api-key-query", "auth/oauth2"] {
                let exchange = try await send(id, sender, ctx)
                #expect(exchange.response.status == 200, "\(id): \(String(decoding: exchange.response.body, as: UTF8.self))")
            }
            let bearer = try await send("auth/bearer", sender, ctx)
            #expect(bearer.auth.source == .environment("local"))
            #expect(try await send("auth/basic", sender, ctx).auth.source == .request)
        }
    }

    @Test func wrongCredentialsAreRefused() async throws {
        // Every `try` below is inside a macro, which closure inference does not see.
        try await withDemoServer { (demo) async throws in
            let sender = RequestSender(transport: CurlTransport())
            var ctx = context(port: demo.port)
            ctx.overrides["basicPassword"] = "wrong"
            ctx.overrides["apiKey"] = "wrong"
            #expect(try await send("auth/basic", sender, ctx).response.status == 401)
            #expect(try await send("auth/digest", sender, ctx).response.status == 401)
            #expect(try await send("auth/api-key-header", sender, ctx).response.status == 401)
            #expect(try await send("auth/api-key-query", sender, ctx).response.status == 401)
            let badClient = context(port: demo.port, secrets: ["DEMO_CLIENT_SECRET": "wrong"])
            let rejected = await #expect(throws: SendError.self) { try await send("auth/oauth2", sender, badClient) }
            guard case .oauth2(let error)? = rejected else {
                Issue.record("expected an OAuth2 failure, got \(String(describing: rejected))")
                return
            }
            // RFC 6749 §5.2's code, explained (the server's words "wrong client secret" masked: "wrong" is the secret here).
            #expect(error.code == "invalid_client")
            #expect(error.message.hasPrefix("invalid_client ("))
            #expect(error.message.hasSuffix("): the server does not know this client_id or its client_secret is wrong (check token_auth too)"))
            let unresolved = await #expect(throws: SendError.self) { try await send("auth/oauth2", sender, context(port: demo.port, secrets: [:])) }
            #expect(unresolved == .preparation(.unresolved(ResolutionError(problems: [
                ResolutionProblem(kind: .unsetSecret("DEMO_CLIENT_SECRET"), usedIn: "oauth2 client_secret")]))))
        }
    }

    @Test func oauth2TokenIsFetchedOnceForManyWaitersAndRefreshedAfterExpiry() async throws {
        // The cache's clock is the test's, so the refresh does not depend on how fast twelve
        // sends finish on a loaded machine (a real 8 s token was refreshed early there when the
        // sends took more than half its life). The server's tokens last an hour.
        let clock = TestClock()
        let server = DemoServer()
        try await withDemoServer(server) { demo in
            let sender = RequestSender(transport: CurlTransport(), tokenCache: OAuth2TokenCache(now: { clock.now }))
            let ctx = context(port: demo.port)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await send("auth/oauth2", sender, ctx).response.status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 12))
            #expect(await server.tokensIssued == 1)
            // Until 60 s before it expires the token is used as it is.
            clock.advance(by: 3539)
            #expect(try await send("auth/oauth2", sender, ctx).response.status == 200)
            #expect(await server.tokensIssued == 1)
            // Within 60 s of its expiry it is refreshed early; the old one would still work, so
            // only the count of tokens shows the refresh happened.
            clock.advance(by: 2)
            #expect(try await send("auth/oauth2", sender, ctx).response.status == 200)
            #expect(await server.tokensIssued == 2)
            // Near the fresh token's own expiry, another.
            clock.advance(by: 3541)
            #expect(try await send("auth/oauth2", sender, ctx).response.status == 200)
            #expect(await server.tokensIssued == 3)
        }
    }

    /// A clock the test moves by hand.
    final class TestClock: Sendable {
        private let offset = Mutex<TimeInterval>(0)
        private let start = Date()
        var now: Date { start.addingTimeInterval(offset.withLock { $0 }) }
        func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    }

    @Test func crudThroughSavedRequests() async throws {
        try await withDemoServer { demo in
            let sender = RequestSender(transport: CurlTransport())
            let ctx = context(port: demo.port)
            let created = try await send("users/create", sender, ctx)
            #expect(created.response.status == 201)
            #expect(created.request.headers.first(named: "Content-Type") == "application/json")
            #expect(try await send("users/update", sender, ctx).response.status == 200)
            let patched = try await send("users/patch", sender, ctx)
            #expect(String(decoding: patched.response.body, as: UTF8.self).contains("Ada King"))
            #expect(try await send("users/delete", sender, ctx).response.status == 204)
            #expect(try await send("users/delete", sender, ctx).response.status == 404)
            let posts = try await send("posts/create", sender, ctx)
            #expect(posts.response.status == 201)
            let redirect = try await send("examples/redirect", sender, ctx)
            #expect(redirect.response.finalURL.hasSuffix("/redirect/0"))
            let gzip = try await send("examples/gzip", sender, ctx)
            #expect(String(decoding: gzip.response.body, as: UTF8.self).contains("\"gzipped\":true"))
        }
    }
}
