import FlyingFox

/// The demo API's single request handler: dispatches to the route groups and gives every outcome
/// the API's JSON shape (thrown `RequestError`s, unknown routes, HEAD on GET routes).
struct DemoRouter: HTTPHandler {
    let routes: RoutedHTTPHandler
    let log: RequestLog?

    /// The full route table of one server instance, whose stores and tokens are its own.
    static func make(tokens: any TokenAuthority, grants: AuthorizationGrants = AuthorizationGrants(), log: RequestLog?) -> DemoRouter {
        let groups: [any RouteGroup] = [
            BehaviorRoutes(),
            RecordRoutes(store: RecordStore<User>()),
            RecordRoutes(store: RecordStore<Post>()),
            EchoRoutes(),
            AuthRoutes(tokens: tokens),
            OAuthRoutes(tokens: tokens, grants: grants),
            PayloadRoutes(),
            StreamRoutes(),
            FlakyRoutes(),
            CookieRoutes(),
            PagedRoutes(),
        ]
        var routes = RoutedHTTPHandler()
        for group in groups {
            group.register(on: &routes)
        }
        return DemoRouter(routes: routes, log: log)
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        var response = await respond(to: Self.normalized(request))
        if request.method == .HEAD {
            response = response.withoutBody()
        }
        log?.record(request, response, elapsed: .now - started)
        return response
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await dispatch(request)
        } catch let error as RequestError {
            return .jsonError(error.status, error.message, headers: error.headers)
        } catch is CancellationError {
            // Only `stop()` cancels handlers, for example a `/slow` still waiting.
            return .jsonError(.serviceUnavailable, "the demo server is stopping")
        } catch {
            return .jsonError(.internalServerError, "internal error: \(error)")
        }
    }

    /// Routes the request; a HEAD without a route of its own is answered by the GET route (RFC 9110 §9.3.2).
    private func dispatch(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await routes.handleRequest(request)
        } catch is HTTPUnhandledError where request.method == .HEAD {
            var get = request
            get.method = .GET
            do {
                return try await routes.handleRequest(get)
            } catch is HTTPUnhandledError {
                throw Self.notFound(request)
            }
        } catch is HTTPUnhandledError {
            throw Self.notFound(request)
        }
    }

    private static func notFound(_ request: HTTPRequest) -> RequestError {
        RequestError(status: .notFound, message: "not found: \(request.method.rawValue) \(request.path)")
    }

    /// FlyingFox leaves the path empty when Foundation cannot parse the target (say, a raw `|` in the query);
    /// routing on the raw path still lets such requests reach `/echo`.
    private static func normalized(_ request: HTTPRequest) -> HTTPRequest {
        guard request.path.isEmpty else { return request }
        var request = request
        request.path = request.target.path()
        return request
    }
}
