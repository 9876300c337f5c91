import FlyingFox

/// `/health`, `/slow`, `/redirect/{n}` and `/status/{code}`: endpoints whose timing, redirects or status
/// codes exercise sonde's timeouts, redirect following and error display.
struct BehaviorRoutes: RouteGroup {
    /// Default delay of `/slow`, in milliseconds.
    static let defaultDelay = 2_000
    /// Longest delay `/slow` honours, so a typo cannot hang a test run for hours.
    static let maximumDelay = 60_000

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /health") { _ in try .json(["status": "ok"]) }

        routes.appendRoute("GET /slow") { request in
            let requested = try request.queryForm.integer("ms") ?? Self.defaultDelay
            let delay = min(max(requested, 0), Self.maximumDelay)
            // Task.sleep suspends only this request's task; other connections keep being served.
            try await Task.sleep(for: .milliseconds(delay))
            return try .json(["waited_ms": delay])
        }

        routes.appendRoute("GET /redirect/:n") { request in
            let remaining = try request.integerParameter("n")
            guard remaining >= 0 else { throw RequestError.badRequest("redirect count must not be negative") }
            guard remaining > 0 else { return try .json(["redirected": true]) }
            var response = try HTTPResponse.json(["redirect": remaining - 1], status: .found)
            response.headers[.location] = "/redirect/\(remaining - 1)"
            return response
        }

        // Any method, so retries of POST or DELETE on a 503 can be tried too.
        routes.appendRoute("/status/:code") { request in
            let text = request.routeParameters["code"] ?? ""
            guard let code = Int(text), (200...599).contains(code) else {
                return try .json(InvalidStatus(error: "invalid status code: \(text)"), status: .badRequest)
            }
            // 204 and 304 responses cannot carry a body (RFC 9110 §15.3.5, §15.4.5).
            guard code != 204, code != 304 else { return HTTPResponse(statusCode: .demo(code)) }
            return try .json(["status": code], status: .demo(code))
        }
    }
}

/// The body of `/status/{code}` when the code is not a usable status: `{"status": 400, "error": ...}`.
struct InvalidStatus: Encodable {
    var status = 400
    var error: String
}
