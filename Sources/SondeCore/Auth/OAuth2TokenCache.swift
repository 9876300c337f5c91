import Foundation

/// Keeps OAuth2 tokens in memory per client, refreshing them shortly before they expire.
///
/// Many requests waiting for the same token share one fetch: the first starts it and the rest
/// await the same task, so a burst of sends costs one round trip to the token endpoint.
public actor OAuth2TokenCache {
    /// How long before `expires_in` runs out a token is fetched anew. For tokens that live
    /// less than two minutes it is half their lifetime, or they would never be reused.
    public static let refreshMargin: Double = 60

    private struct Entry {
        var token: String
        var refreshAt: Date?
    }

    private var entries: [OAuth2ClientCredentials: Entry] = [:]
    /// Fetches in flight, with the time each was asked for: a token's lifetime counts from the
    /// request, not from when a slow answer arrived.
    private var fetches: [OAuth2ClientCredentials: (task: Task<OAuth2Token, any Error>, requestedAt: Date)] = [:]
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A valid token for `credentials`, from the cache or from `fetch`.
    public func token(
        for credentials: OAuth2ClientCredentials, fetch: @escaping @Sendable () async throws -> OAuth2Token
    ) async throws -> String {
        if let entry = entries[credentials], entry.refreshAt.map({ now() < $0 }) ?? true {
            return entry.token
        }
        let task: Task<OAuth2Token, any Error>
        let requestedAt: Date
        if let running = fetches[credentials] {
            (task, requestedAt) = running
        } else {
            task = Task { try await fetch() }
            requestedAt = now()
            fetches[credentials] = (task, requestedAt)
        }
        do {
            let token = try await task.value
            if fetches[credentials]?.task == task {
                fetches[credentials] = nil
                let margin = token.expiresIn.map { min(Self.refreshMargin, $0 / 2) }
                entries[credentials] = Entry(
                    token: token.accessToken,
                    refreshAt: token.expiresIn.map { requestedAt.addingTimeInterval($0 - (margin ?? 0)) })
            }
            return token.accessToken
        } catch {
            if fetches[credentials]?.task == task { fetches[credentials] = nil }
            throw error
        }
    }

    /// Forgets a token, for example after the API rejected it with 401.
    public func invalidate(_ credentials: OAuth2ClientCredentials) {
        entries[credentials] = nil
    }
}
