/// One finished exchange: what was sent (for printing, secrets tracked) and what came back.
public struct Exchange: Sendable {
    public var request: PreparedRequest
    /// The response to the last try, whatever its status.
    public var response: HTTPResponse
    public var auth: EffectiveAuth
    /// Every try, the last one included: one unless the request's `retry` option allowed more.
    public var attempts: [Attempt]
}

/// Sends saved requests: prepares them, gets OAuth2 tokens through the cache, and hands the
/// result to the transport. The one place that ties the pure core to a transport.
public struct RequestSender: Sendable {
    public let transport: any HTTPTransport
    public let tokenCache: OAuth2TokenCache<SendError>

    public init(transport: any HTTPTransport, tokenCache: OAuth2TokenCache<SendError> = OAuth2TokenCache()) {
        self.transport = transport
        self.tokenCache = tokenCache
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
    public func send(
        _ preparation: Preparation, receiver: ResponseReceiver = ResponseReceiver(), cancellation: CancellationFlag? = nil,
        events: RetryObserver? = nil
    ) async throws(SendError) -> Exchange {
        var request = preparation.request
        if let credentials = preparation.pendingOAuth2 {
            let token = try await oauth2Token(credentials, options: request.options, cancellation: cancellation)
            request.secrets.insert(token)
            if !request.headers.contains(named: "Authorization") {
                request.headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)", isSecret: true))
            }
        }
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
            return Exchange(request: request, response: response, auth: preparation.auth, attempts: attempts)
        } catch {
            throw .transport(error)
        }
    }

    private func oauth2Token(
        _ credentials: OAuth2ClientCredentials, options: TransferOptions, cancellation: CancellationFlag?
    ) async throws(SendError) -> String {
        let transport = self.transport
        return try await tokenCache.token(for: credentials) { () async throws(SendError) -> OAuth2Token in
            let tokenRequest = OAuth2ClientCredentialsGrant.tokenRequest(for: credentials, options: options)
            let response: HTTPResponse
            do throws(TransportError) {
                response = try await transport.send(tokenRequest, cancellation: cancellation)
            } catch {
                throw .transport(TransportFailure(error: error.redacting(tokenRequest.secrets), attempts: []))
            }
            do throws(OAuth2Error) {
                return try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: credentials.tokenURL, secrets: tokenRequest.secrets)
            } catch {
                throw .oauth2(error)
            }
        }
    }
}
