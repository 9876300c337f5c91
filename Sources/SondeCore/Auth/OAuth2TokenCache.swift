import Foundation

/// Keeps OAuth2 tokens in memory per client, refreshing them shortly before they expire.
///
/// Many requests waiting for the same token share one fetch: the first starts it and the rest
/// await the same task, so a burst of sends costs one round trip to the token endpoint.
///
/// `Failure` is what a fetch throws, and so what every waiter on it gets: generic rather than
/// `any Error` so that `RequestSender` hands on a typed `SendError` without casting.
public actor OAuth2TokenCache<Failure: Error> {
    /// How long before `expires_in` runs out a token is fetched anew. For tokens that live
    /// less than two minutes it is half their lifetime, or they would never be reused.
    public static var refreshMargin: Double { 60 }

    private struct Entry {
        var token: String
        var refreshAt: Date?
        /// Kept past the access token's life: what gets the next one without a login.
        var refreshToken: String?
    }

    private var entries: [OAuth2ClientCredentials: Entry] = [:]
    /// Fetches in flight, with the time each was asked for: a token's lifetime counts from the
    /// request, not from when a slow answer arrived.
    private var fetches: [OAuth2ClientCredentials: (task: Task<Result<OAuth2Token, Failure>, Never>, requestedAt: Date)] = [:]
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// A valid token for `credentials`, from the cache or from `fetch`.
    public func token(
        for credentials: OAuth2ClientCredentials, fetch: @escaping @Sendable () async throws(Failure) -> OAuth2Token
    ) async throws(Failure) -> String {
        try await token(for: credentials, refreshing: { (_: OAuth2Token?) async throws(Failure) -> OAuth2Token in try await fetch() })
    }

    /// A valid token for `credentials`, from the cache or from `fetch`, which is handed the
    /// token it replaces (expired or refused; its refresh token is what a silent refresh needs),
    /// nil when there was none.
    public func token(
        for credentials: OAuth2ClientCredentials, refreshing fetch: @escaping @Sendable (OAuth2Token?) async throws(Failure) -> OAuth2Token
    ) async throws(Failure) -> String {
        let previous = entries[credentials]
        if let entry = previous, entry.refreshAt.map({ now() < $0 }) ?? true {
            return entry.token
        }
        let task: Task<Result<OAuth2Token, Failure>, Never>
        let requestedAt: Date
        if let running = fetches[credentials] {
            (task, requestedAt) = running
        } else {
            let replaced = previous.map { OAuth2Token(accessToken: $0.token, expiresIn: nil, refreshToken: $0.refreshToken) }
            task = Task {
                do throws(Failure) { return .success(try await fetch(replaced)) } catch { return .failure(error) }
            }
            requestedAt = now()
            fetches[credentials] = (task, requestedAt)
        }
        let result = await task.value
        guard fetches[credentials]?.task == task else { return try result.get().accessToken }
        fetches[credentials] = nil
        // A failure is not kept: the next send asks the token endpoint again.
        let token = try result.get()
        let margin = token.expiresIn.map { min(Self.refreshMargin, $0 / 2) }
        entries[credentials] = Entry(
            token: token.accessToken,
            refreshAt: token.expiresIn.map { requestedAt.addingTimeInterval($0 - (margin ?? 0)) },
            refreshToken: token.refreshToken)
        return token.accessToken
    }

    /// Forgets a token, for example after the API rejected it with 401.
    public func invalidate(_ credentials: OAuth2ClientCredentials) {
        entries[credentials] = nil
    }

    /// Forgets the token for `credentials` if it is still `token`: after a 401 to `token`,
    /// without dropping a fresh one that another send has fetched meanwhile.
    /// A refresh token stays: the next fetch is handed it to refresh with.
    public func invalidate(_ credentials: OAuth2ClientCredentials, ifToken token: String) {
        guard let entry = entries[credentials], entry.token == token else { return }
        entries[credentials] = entry.refreshToken == nil ? nil : Entry(token: token, refreshAt: .distantPast, refreshToken: entry.refreshToken)
    }
}
