import Foundation

/// One finished exchange: what was sent (for printing, secrets tracked) and what came back.
public struct Exchange: Sendable {
    public var request: PreparedRequest
    /// The response to the last try, whatever its status.
    public var response: HTTPResponse
    public var auth: EffectiveAuth
    /// Every try, the last one included: one unless the request's `retry` option allowed more,
    /// or an OAuth2 token was refused and the request sent again with a fresh one.
    public var attempts: [Attempt]
    /// Whether the API refused the first OAuth2 token with 401, so a fresh token was fetched
    /// and the request sent again (once): `request` is the second one.
    public var refreshedOAuth2Token = false

    public init(request: PreparedRequest, response: HTTPResponse, auth: EffectiveAuth, attempts: [Attempt], refreshedOAuth2Token: Bool = false) {
        self.request = request
        self.response = response
        self.auth = auth
        self.attempts = attempts
        self.refreshedOAuth2Token = refreshedOAuth2Token
    }
}

/// Sends saved requests: prepares them, gets OAuth2 tokens through the cache, and hands the
/// result to the transport. The one place that ties the pure core to a transport.
public struct RequestSender: Sendable {
    public let transport: any HTTPTransport
    public let tokenCache: OAuth2TokenCache<SendError>
    /// Where tokens of interactive grants and refresh tokens outlive the process; nil keeps them in memory.
    public var tokenStore: OAuth2TokenStore?
    /// The browser, listener and messages an interactive grant needs; nil: such a grant fails with a clear message.
    public var userAgent: (any OAuth2UserAgent)?

    public init(
        transport: any HTTPTransport, tokenCache: OAuth2TokenCache<SendError> = OAuth2TokenCache(),
        tokenStore: OAuth2TokenStore? = nil, userAgent: (any OAuth2UserAgent)? = nil
    ) {
        self.transport = transport
        self.tokenCache = tokenCache
        self.tokenStore = tokenStore
        self.userAgent = userAgent
    }

    /// Sends `saved`, retrying transient failures as its `retry` option allows (see
    /// `HTTPTransport.sendRetrying`); `events` hears of every try and every wait between them,
    /// `receiver` says where each try's body goes. The OAuth2 token request is sent once,
    /// without retries.
    public func send(
        _ saved: SavedRequest, in context: SendContext, receiver: ResponseReceiver = ResponseReceiver(),
        cancellation: CancellationFlag? = nil, events: RetryObserver? = nil
    ) async throws(SendError) -> Exchange {
        let preparation: Preparation
        do {
            preparation = try RequestPreparer.prepare(saved, in: context)
        } catch {
            throw .preparation(error)
        }
        return try await send(preparation, receiver: receiver, cancellation: cancellation, events: events)
    }

    /// Sends a request already prepared (`RequestPreparer.prepare`) and perhaps adjusted: a
    /// page of a listing is the saved request with its page parameters set (see `Paginator`).
    /// Gets the OAuth2 token it still needs and retries as `send(_:in:...)` does; it never
    /// throws `.preparation`.
    ///
    /// A 401 to a request that carried an OAuth2 token means the API no longer takes that
    /// token (revoked, or expired before its `expires_in` said): the token is dropped from the
    /// cache, a fresh one fetched and the request sent again, once. A second 401 is the answer.
    public func send(
        _ preparation: Preparation, receiver: ResponseReceiver = ResponseReceiver(), cancellation: CancellationFlag? = nil,
        events: RetryObserver? = nil
    ) async throws(SendError) -> Exchange {
        guard let credentials = preparation.pendingOAuth2 else {
            return try await transmit(preparation.request, auth: preparation.auth, receiver: receiver, cancellation: cancellation, events: events)
        }
        let options = preparation.request.options
        let storeKey = preparation.oauth2Owner.map { OAuth2TokenStore.Key(collection: $0.collection, environment: $0.environment, credentials: credentials) }
        let token = try await oauth2Token(credentials, storeKey: storeKey, options: options, cancellation: cancellation)
        let first = Self.authorizing(preparation.request, with: token)
        let exchange = try await transmit(first.request, auth: preparation.auth, receiver: receiver, cancellation: cancellation, events: events)
        guard exchange.response.status == 401, first.carriesToken else { return exchange }
        exchange.response.bodyFile?.discard()
        await tokenCache.invalidate(credentials, ifToken: token)
        if let storeKey { tokenStore?.dropAccessToken(storeKey, ifToken: token) }
        let fresh = try await oauth2Token(credentials, storeKey: storeKey, options: options, cancellation: cancellation)
        var second = Self.authorizing(preparation.request, with: fresh)
        // The refused token is no less a secret for having been refused: what the API says
        // back may quote it.
        second.request.secrets.insert(token)
        var retried = try await transmit(second.request, auth: preparation.auth, receiver: receiver, cancellation: cancellation, events: events)
        let offset = exchange.attempts.count
        retried.attempts = exchange.attempts + retried.attempts.map { attempt in
            var attempt = attempt
            attempt.number += offset
            return attempt
        }
        retried.refreshedOAuth2Token = true
        return retried
    }

    /// `request` with `token` as its bearer token, unless it sets `Authorization` itself; then
    /// the token is not sent (`carriesToken` false), and a 401 is no verdict on it.
    private static func authorizing(_ request: PreparedRequest, with token: String) -> (request: PreparedRequest, carriesToken: Bool) {
        var request = request
        request.secrets.insert(token)
        guard !request.headers.contains(named: "Authorization") else { return (request, false) }
        request.headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)", isSecret: true))
        return (request, true)
    }

    private func transmit(
        _ request: PreparedRequest, auth: EffectiveAuth, receiver: ResponseReceiver, cancellation: CancellationFlag?,
        events: RetryObserver?
    ) async throws(SendError) -> Exchange {
        var request = request
        // Cookie values are credentials: the jar's go out in the Cookie header libcurl writes.
        let jar = request.options.cookieJar
        if let jar { request.secrets.insert(cookieValues: CookieJarContents.values(atPath: jar)) }
        do {
            let (response, attempts) = try await transport.sendRetrying(
                request, receiver: receiver, cancellation: cancellation, events: events)
            // What this exchange set: the final response's Set-Cookie, and the jar as saved after
            // it, which holds what redirect hops set too.
            request.secrets.insert(cookiesSetBy: response.headers)
            if let jar { request.secrets.insert(cookieValues: CookieJarContents.values(atPath: jar)) }
            return Exchange(request: request, response: response, auth: auth, attempts: attempts)
        } catch {
            throw .transport(error)
        }
    }

    /// The token for `credentials`: from memory, else from the store (a token of an earlier
    /// run), else by refreshing, else by logging in; stored when it is worth keeping.
    private func oauth2Token(
        _ credentials: OAuth2ClientCredentials, storeKey: OAuth2TokenStore.Key?, options: TransferOptions, cancellation: CancellationFlag?
    ) async throws(SendError) -> String {
        let login = OAuth2Login(transport: transport, userAgent: userAgent, options: options, cancellation: cancellation)
        let store = storeKey == nil ? nil : tokenStore
        return try await tokenCache.token(for: credentials, refreshing: { (replaced: OAuth2Token?) async throws(SendError) -> OAuth2Token in
            let stored = storeKey.flatMap { store?.load($0) }
            let now = Date()
            if replaced == nil, let stored, let access = stored.usableAccessToken(now: now, margin: 1) {
                return OAuth2Token(accessToken: access, expiresIn: stored.expiresAt.map { $0.timeIntervalSince(now) }, refreshToken: stored.refreshToken)
            }
            let token = try await login.token(for: credentials, refreshToken: replaced?.refreshToken ?? stored?.refreshToken)
            if let store, let storeKey, credentials.grant.isInteractive || token.refreshToken != nil {
                do { try store.save(token, for: storeKey, now: now) } catch {
                    userAgent?.tell("could not keep the OAuth2 token in \(store.folder.path): \(FileErrorText.describe(error))")
                }
            }
            return token
        })
    }

    /// Logs in again whatever is cached or stored (`sonde auth login`), and stores the token.
    public func login(_ preparation: Preparation, cancellation: CancellationFlag? = nil) async throws(SendError) -> OAuth2Token? {
        guard let credentials = preparation.pendingOAuth2 else { return nil }
        let login = OAuth2Login(transport: transport, userAgent: userAgent, options: preparation.request.options, cancellation: cancellation)
        let token = try await login.token(for: credentials, refreshToken: nil)
        await tokenCache.invalidate(credentials)
        if let owner = preparation.oauth2Owner, let tokenStore {
            let key = OAuth2TokenStore.Key(collection: owner.collection, environment: owner.environment, credentials: credentials)
            do { try tokenStore.save(token, for: key, now: Date()) } catch {
                userAgent?.tell("could not keep the OAuth2 token in \(tokenStore.folder.path): \(FileErrorText.describe(error))")
            }
        }
        return token
    }
}
