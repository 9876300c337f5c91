import Foundation
import Synchronization
import Testing
import SondeCore

/// A clock the test moves by hand.
private final class ManualClock: Sendable {
    private let offset = Mutex<Double>(0)
    private let start = Date()
    func advance(_ seconds: Double) { offset.withLock { $0 += seconds } }
    var now: Date { start.addingTimeInterval(offset.withLock { $0 }) }
}

private final class FetchCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}

@Suite struct OAuth2TokenCacheTests {
    private let credentials = OAuth2ClientCredentials(tokenURL: "http://127.0.0.1/token", clientID: "c", clientSecret: "s")

    @Test func manyWaitersShareOneFetch() async throws {
        let cache = OAuth2TokenCache<any Error>()
        let counter = FetchCounter()
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.token(for: credentials) {
                        try await Task.sleep(for: .milliseconds(50))
                        return OAuth2Token(accessToken: "t\(counter.next())", expiresIn: 3600)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counter.value == 1)
        #expect(Set(tokens) == ["t1"])
    }

    @Test func refreshesSixtySecondsBeforeExpiry() async throws {
        let clock = ManualClock()
        let cache = OAuth2TokenCache<any Error>(now: { clock.now })
        let counter = FetchCounter()
        let fetch: @Sendable () async throws -> OAuth2Token = { OAuth2Token(accessToken: "t\(counter.next())", expiresIn: 300) }
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        clock.advance(239)
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        clock.advance(2)
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t2")
    }

    @Test func shortLivedTokensAreReusedForHalfTheirLife() async throws {
        let clock = ManualClock()
        let cache = OAuth2TokenCache<any Error>(now: { clock.now })
        let counter = FetchCounter()
        let fetch: @Sendable () async throws -> OAuth2Token = { OAuth2Token(accessToken: "t\(counter.next())", expiresIn: 10) }
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        clock.advance(4.9)
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        clock.advance(0.2)
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t2")
    }

    @Test func aTokensLifeCountsFromTheRequestNotFromASlowAnswer() async throws {
        let clock = ManualClock()
        let cache = OAuth2TokenCache<any Error>(now: { clock.now })
        let counter = FetchCounter()
        let slowFetch: @Sendable () async throws -> OAuth2Token = {
            clock.advance(8)  // the token endpoint took 8 s to answer
            return OAuth2Token(accessToken: "t\(counter.next())", expiresIn: 20)
        }
        #expect(try await cache.token(for: credentials, fetch: slowFetch) == "t1")
        clock.advance(2.5)  // 10.5 s after the request: past half of the 20 s life
        #expect(try await cache.token(for: credentials, fetch: slowFetch) == "t2")
    }

    @Test func failuresAreNotCached() async throws {
        struct Boom: Error {}
        let cache = OAuth2TokenCache<Boom>()
        let counter = FetchCounter()
        await #expect(throws: Boom.self) {
            try await cache.token(for: credentials) { () throws(Boom) -> OAuth2Token in _ = counter.next(); throw Boom() }
        }
        let token = try await cache.token(for: credentials) { OAuth2Token(accessToken: "t\(counter.next())", expiresIn: nil) }
        #expect(token == "t2")
    }

    @Test func aRefusedTokenIsForgottenButNotAFresherOne() async throws {
        let cache = OAuth2TokenCache<any Error>()
        let counter = FetchCounter()
        let fetch: @Sendable () async throws -> OAuth2Token = { OAuth2Token(accessToken: "t\(counter.next())", expiresIn: 3600) }
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        // Another send refused "t0" before this one fetched "t1": "t1" stays.
        await cache.invalidate(credentials, ifToken: "t0")
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t1")
        await cache.invalidate(credentials, ifToken: "t1")
        #expect(try await cache.token(for: credentials, fetch: fetch) == "t2")
        #expect(counter.value == 2)
    }
}
