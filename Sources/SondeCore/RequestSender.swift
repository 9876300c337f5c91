/// One finished exchange: what was sent (for printing, secrets tracked) and what came back.
public struct Exchange: Sendable {
    public var request: PreparedRequest
    public var response: HTTPResponse
    public var auth: EffectiveAuth
}

/// Sends saved requests: prepares them, gets OAuth2 tokens through the cache, and hands the
/// result to the transport. The one place that ties the pure core to a transport.
public struct RequestSender: Sendable {
    public let transport: any HTTPTransport
    public let tokenCache: OAuth2TokenCache

    public init(transport: any HTTPTransport, tokenCache: OAuth2TokenCache = OAuth2TokenCache()) {
        self.transport = transport
        self.tokenCache = tokenCache
    }

    /// Throws `RequestError`, `OAuth2Error` or `TransportError`.
    public func send(_ saved: SavedRequest, in context: SendContext, cancellation: CancellationFlag? = nil) async throws -> Exchange {
        let preparation = try RequestPreparer.prepare(saved, in: context)
        var request = preparation.request
        if let credentials = preparation.pendingOAuth2 {
            let token = try await oauth2Token(credentials, options: request.options, cancellation: cancellation)
            request.secrets.insert(token)
            if !request.headers.contains(named: "Authorization") {
                request.headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)", isSecret: true))
            }
        }
        do {
            let response = try await transport.send(request, cancellation: cancellation)
            return Exchange(request: request, response: response, auth: preparation.auth)
        } catch let error as TransportError {
            throw error.redacting(request.secrets)
        }
    }

    private func oauth2Token(_ credentials: OAuth2ClientCredentials, options: TransferOptions, cancellation: CancellationFlag?) async throws -> String {
        let transport = self.transport
        return try await tokenCache.token(for: credentials) {
            let tokenRequest = OAuth2ClientCredentialsGrant.tokenRequest(for: credentials, options: options)
            let response: HTTPResponse
            do {
                response = try await transport.send(tokenRequest, cancellation: cancellation)
            } catch let error as TransportError {
                throw error.redacting(tokenRequest.secrets)
            }
            return try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: credentials.tokenURL, secrets: tokenRequest.secrets)
        }
    }
}
