import FlyingFox

/// `POST /oauth/token` (the OAuth2 client credentials grant) and `GET /oauth/protected`,
/// which accepts only tokens this server issued and that have not expired.
struct OAuthRoutes: RouteGroup {
    let tokens: any TokenAuthority

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("POST /oauth/token") { [tokens] request in
            try await Self.issueToken(request, tokens: tokens)
        }
        routes.appendRoute("GET /oauth/protected") { [tokens] request in
            guard case .bearer(let token)? = RequestAuthorization(request), await tokens.acceptsToken(token) else {
                throw RequestError(
                    status: .unauthorized, message: "invalid_token",
                    headers: [HTTPHeader("WWW-Authenticate"): "Bearer error=\"invalid_token\""])
            }
            return try .json(["ok": true])
        }
    }

    /// RFC 6749 §4.4: the client authenticates with a Basic header or with `client_id`/`client_secret` in the form.
    private static func issueToken(_ request: HTTPRequest, tokens: any TokenAuthority) async throws -> HTTPResponse {
        let form = URLEncodedForm(encoded: String(decoding: try await request.bodyData, as: UTF8.self))
        guard let grantType = form.value(for: "grant_type") else {
            throw RequestError.badRequest("invalid_request")
        }
        guard grantType == "client_credentials" else {
            throw RequestError.badRequest("unsupported_grant_type")
        }

        let client: (id: String?, secret: String?)
        let usedBasic: Bool
        if case .basic(let user, let password)? = RequestAuthorization(request) {
            client = (user, password)
            usedBasic = true
        } else {
            client = (form.value(for: "client_id"), form.value(for: "client_secret"))
            usedBasic = false
        }
        guard client.id == DemoCredentials.clientID, client.secret == DemoCredentials.clientSecret else {
            // RFC 6749 §5.2: a client that tried Basic gets the challenge back.
            let challenge: HTTPHeaders = usedBasic ? [HTTPHeader("WWW-Authenticate"): "Basic realm=\"demo\""] : [:]
            throw RequestError(status: .unauthorized, message: "invalid_client", headers: challenge)
        }

        let issued = await tokens.issueToken()
        return try .json(
            TokenResponse(
                accessToken: issued.token, expiresIn: issued.expiresIn, scope: form.value(for: "scope") ?? ""),
            headers: [.cacheControl: "no-store"])
    }
}

/// The successful token response of RFC 6749 §5.1.
struct TokenResponse: Encodable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var scope: String

    init(accessToken: String, expiresIn: Int, scope: String) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.scope = scope
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope
    }
}
