import FlyingFox

/// `/auth/basic`, `/auth/digest` (same user and password), `/auth/bearer`, `/auth/api-key` and `/auth/api-key-query`: endpoints that only answer 200
/// to the matching `DemoCredentials`, for trying each of sonde's auth kinds.
struct AuthRoutes: RouteGroup {
    let tokens: any TokenAuthority

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /auth/basic") { request in
            guard case .basic(DemoCredentials.basicUser, DemoCredentials.basicPassword)? = RequestAuthorization(request)
            else {
                throw RequestError(
                    status: .unauthorized, message: "invalid or missing basic credentials",
                    headers: [HTTPHeader("WWW-Authenticate"): "Basic realm=\"demo\""])
            }
            return try .json(Authenticated(user: DemoCredentials.basicUser))
        }
        routes.appendRoute("GET /auth/digest") { request in
            guard let digest = DigestAuthorization(request),
                  digest.isValid(user: DemoCredentials.basicUser, password: DemoCredentials.basicPassword, method: "GET")
            else {
                throw RequestError(
                    status: .unauthorized, message: "invalid or missing digest credentials",
                    headers: [HTTPHeader("WWW-Authenticate"): DigestAuthorization.challenge])
            }
            return try .json(Authenticated(user: DemoCredentials.basicUser))
        }
        routes.appendRoute("GET /auth/bearer") { [tokens] request in
            guard case .bearer(let token)? = RequestAuthorization(request) else { throw Self.bearerRefused }
            if token != DemoCredentials.bearerToken, await !tokens.acceptsToken(token) { throw Self.bearerRefused }
            return try .json(Authenticated())
        }
        routes.appendRoute("GET /auth/api-key") { request in
            guard request.headers[HTTPHeader("X-API-Key")] == DemoCredentials.apiKey else {
                throw RequestError(status: .unauthorized, message: "invalid or missing X-API-Key header")
            }
            return try .json(Authenticated())
        }
        routes.appendRoute("GET /auth/api-key-query") { request in
            guard request.queryForm.value(for: "api_key") == DemoCredentials.apiKey else {
                throw RequestError(status: .unauthorized, message: "invalid or missing api_key query parameter")
            }
            return try .json(Authenticated())
        }
    }
}

extension AuthRoutes {
    private static let bearerRefused = RequestError(
        status: .unauthorized, message: "invalid or missing bearer token",
        headers: [HTTPHeader("WWW-Authenticate"): "Bearer realm=\"demo\""])
}

/// The body of a successful auth check: `{"authenticated": true}`, plus the user for basic auth.
struct Authenticated: Encodable {
    var authenticated = true
    var user: String?
}
