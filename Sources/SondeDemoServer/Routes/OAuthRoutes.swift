import FlyingFox

/// The demo authorization server: `POST /oauth/token` for every grant (client credentials,
/// authorization code with PKCE, device code, password, refresh token), `GET /oauth/authorize`,
/// `POST /oauth/device_authorization` with `POST /oauth/device/approve?user_code=` for tests,
/// discovery metadata, and `GET /oauth/protected`, which accepts only live tokens issued here.
struct OAuthRoutes: RouteGroup {
    let tokens: any TokenAuthority
    let grants: AuthorizationGrants

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("POST /oauth/token") { [tokens, grants] request in
            await grants.countTokenRequest()
            do {
                return try await Self.issueToken(request, tokens: tokens, grants: grants)
            } catch let error as OAuthError {
                return try error.response
            }
        }
        routes.appendRoute("GET /oauth/authorize") { [grants] request in
            try await Self.authorize(request, grants: grants)
        }
        routes.appendRoute("POST /oauth/device_authorization") { [grants] request in
            let form = URLEncodedForm(encoded: String(decoding: try await request.bodyData, as: UTF8.self))
            guard form.value(for: "client_id") == DemoCredentials.clientID else {
                return try OAuthError(.unauthorized, "invalid_client", "unknown client_id").response
            }
            let device = await grants.startDevice()
            let base = Self.base(of: request)
            return try .json(
                [
                    "device_code": .string(device.deviceCode), "user_code": .string(device.userCode),
                    "verification_uri": .string("\(base)/oauth/device"),
                    "verification_uri_complete": .string("\(base)/oauth/device?user_code=\(device.userCode)"),
                    "expires_in": .number(grants.deviceLifetime), "interval": .number(grants.deviceInterval),
                ] as [String: JSONScalar],
                headers: [.cacheControl: "no-store"])
        }
        // The verification page a person would open; the demo has no login form, so it says how to approve.
        routes.appendRoute("GET /oauth/device") { request in
            let userCode = request.queryForm.value(for: "user_code") ?? "CODE"
            return try .json(["approve": "POST \(Self.base(of: request))/oauth/device/approve?user_code=\(userCode)", "deny": "add &deny=1"])
        }
        routes.appendRoute("POST /oauth/device/approve") { [grants] request in
            let query = request.queryForm
            let approve = query.value(for: "deny") == nil
            guard let userCode = query.value(for: "user_code"), await grants.decide(userCode: userCode, approve: approve) else {
                throw RequestError(status: .notFound, message: "no device login waits for that user_code")
            }
            return try .json(["approved": approve])
        }
        for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"] {
            routes.appendRoute(HTTPRoute("GET \(path)")) { request in
                let base = Self.base(of: request)
                return try .json([
                    "issuer": .string(base), "authorization_endpoint": .string("\(base)/oauth/authorize"),
                    "token_endpoint": .string("\(base)/oauth/token"),
                    "device_authorization_endpoint": .string("\(base)/oauth/device_authorization"),
                    "token_endpoint_auth_methods_supported": .list(["client_secret_post", "client_secret_basic"]),
                    "grant_types_supported": .list([
                        "authorization_code", "client_credentials", "password", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code",
                    ]),
                    "code_challenge_methods_supported": .list(["S256"]),
                ] as [String: JSONScalar])
            }
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

    /// `http://HOST` as the client reached this server, for the URLs in its answers.
    private static func base(of request: HTTPRequest) -> String {
        "http://\(request.headers[.host] ?? "127.0.0.1")"
    }

    /// RFC 6749 §4.1.1: checks the client, the loopback redirect URI and the PKCE challenge,
    /// then redirects back at once with a code (the demo's user is always logged in), or with
    /// `error=access_denied` when `login_hint=deny`.
    private static func authorize(_ request: HTTPRequest, grants: AuthorizationGrants) async throws -> HTTPResponse {
        let query = request.queryForm
        guard query.value(for: "client_id") == DemoCredentials.clientID else { throw RequestError.badRequest("unknown client_id") }
        guard let redirectURI = query.value(for: "redirect_uri"),
              redirectURI.hasPrefix("http://127.0.0.1:") || redirectURI.hasPrefix("http://localhost:") else {
            throw RequestError.badRequest("redirect_uri must be a loopback http://127.0.0.1:PORT/... address")
        }
        var answer: [(String, String)] = []
        if query.value(for: "response_type") != "code" {
            answer = [("error", "unsupported_response_type")]
        } else if query.value(for: "login_hint") == "deny" {
            answer = [("error", "access_denied"), ("error_description", "the user said no")]
        } else if let challenge = query.value(for: "code_challenge"), query.value(for: "code_challenge_method") == "S256" {
            let code = await grants.issueCode(.init(
                clientID: DemoCredentials.clientID, redirectURI: redirectURI, challenge: challenge, issuedAt: .now))
            answer = [("code", code)]
        } else {
            answer = [("error", "invalid_request"), ("error_description", "PKCE with code_challenge_method=S256 is required")]
        }
        if let state = query.value(for: "state") { answer.append(("state", state)) }
        let separator = redirectURI.contains("?") ? "&" : "?"
        return HTTPResponse(
            statusCode: .found,
            headers: [.location: redirectURI + separator + URLEncodedForm(pairs: answer.map { (name: $0.0, value: $0.1) }).encoded])
    }

    /// RFC 6749 §2.3.1: the client authenticates with a Basic header or with `client_id`/`client_secret` in the form.
    private static func issueToken(_ request: HTTPRequest, tokens: any TokenAuthority, grants: AuthorizationGrants) async throws -> HTTPResponse {
        let form = URLEncodedForm(encoded: String(decoding: try await request.bodyData, as: UTF8.self))
        guard let grantType = form.value(for: "grant_type") else {
            throw OAuthError(.badRequest, "invalid_request", "grant_type is missing")
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
        // A public client (no secret) may use every grant but client credentials.
        let secretOK = client.secret == DemoCredentials.clientSecret || (client.secret == nil && grantType != "client_credentials")
        guard client.id == DemoCredentials.clientID, secretOK else {
            // RFC 6749 §5.2: a client that tried Basic gets the challenge back.
            let challenge: HTTPHeaders = usedBasic ? [HTTPHeader("WWW-Authenticate"): "Basic realm=\"demo\""] : [:]
            throw OAuthError(.unauthorized, "invalid_client", "unknown client or wrong client secret", headers: challenge)
        }
        var refresh = true
        switch grantType {
        case "client_credentials":
            refresh = false
        case "authorization_code":
            guard let code = form.value(for: "code"), let pending = await grants.redeem(code: code) else {
                throw OAuthError(.badRequest, "invalid_grant", "the code is unknown, expired or already used")
            }
            guard form.value(for: "redirect_uri") == pending.redirectURI else {
                throw OAuthError(.badRequest, "invalid_grant", "redirect_uri differs from the authorize request's")
            }
            guard let verifier = form.value(for: "code_verifier"), PKCEVerification.matches(verifier: verifier, challenge: pending.challenge) else {
                throw OAuthError(.badRequest, "invalid_grant", "the code_verifier does not match the code_challenge")
            }
        case "urn:ietf:params:oauth:grant-type:device_code":
            switch await grants.poll(deviceCode: form.value(for: "device_code") ?? "") {
            case .approved: break
            case .pending: throw OAuthError(.badRequest, "authorization_pending", "not approved yet")
            case .slowDown: throw OAuthError(.badRequest, "slow_down", "polled faster than the interval")
            case .denied: throw OAuthError(.badRequest, "access_denied", "the user denied the login")
            case .expired: throw OAuthError(.badRequest, "expired_token", "the device code expired")
            case .unknown: throw OAuthError(.badRequest, "invalid_grant", "unknown device_code")
            }
        case "password":
            guard form.value(for: "username") == DemoCredentials.basicUser, form.value(for: "password") == DemoCredentials.basicPassword else {
                throw OAuthError(.badRequest, "invalid_grant", "wrong username or password")
            }
        case "refresh_token":
            guard let token = form.value(for: "refresh_token"), await grants.redeem(refreshToken: token) else {
                throw OAuthError(.badRequest, "invalid_grant", "the refresh token is unknown or already used")
            }
        default:
            throw OAuthError(.badRequest, "unsupported_grant_type", "\(grantType) is not supported")
        }
        let issued = await tokens.issueToken()
        let refreshToken = refresh ? await grants.issueRefreshToken() : nil
        return try .json(
            TokenResponse(
                accessToken: issued.token, expiresIn: issued.expiresIn, scope: form.value(for: "scope") ?? "", refreshToken: refreshToken),
            headers: [.cacheControl: "no-store"])
    }
}

/// An RFC 6749 §5.2 error answer: `{"error": code, "error_description": ...}`.
struct OAuthError: Error {
    var status: HTTPStatusCode
    var code: String
    var detail: String
    var headers: HTTPHeaders = [:]

    init(_ status: HTTPStatusCode, _ code: String, _ detail: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
    }

    var response: HTTPResponse {
        get throws {
            var headers = headers
            headers[.cacheControl] = "no-store"
            return try .json(["error": code, "error_description": detail], status: status, headers: headers)
        }
    }
}

/// A JSON value for the small documents these routes build.
enum JSONScalar: Encodable {
    case string(String)
    case number(Int)
    case list([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        }
    }
}

/// The successful token response of RFC 6749 §5.1.
struct TokenResponse: Encodable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var scope: String
    var refreshToken: String?

    init(accessToken: String, expiresIn: Int, scope: String, refreshToken: String? = nil) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.scope = scope
        self.refreshToken = refreshToken
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope, refreshToken = "refresh_token"
    }
}
