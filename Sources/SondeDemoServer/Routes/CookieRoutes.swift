import FlyingFox
import Foundation

/// `/cookies/set?name=value` and `/cookies`, as httpbin has them: the first sets a cookie and
/// redirects to the second, which answers with the cookies it was sent. For trying the
/// environment's cookie jar, across sends and across a redirect.
struct CookieRoutes: RouteGroup {
    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /cookies/set") { request in
            guard let pair = request.queryForm.pairs.first, !pair.name.isEmpty else {
                throw RequestError.badRequest("name a cookie to set: /cookies/set?name=value")
            }
            var response = try HTTPResponse.json(["set": pair.name], status: .found)
            response.headers[.location] = "/cookies"
            response.headers[HTTPHeader("Set-Cookie")] = "\(pair.name)=\(pair.value); Path=/"
            return response
        }
        routes.appendRoute("GET /cookies") { request in
            var cookies: [String: String] = [:]
            for field in (request.headers[HTTPHeader("Cookie")] ?? "").split(separator: ";") {
                let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { continue }
                cookies[name] = parts.count > 1 ? String(parts[1]) : ""
            }
            return try .json(["cookies": cookies])
        }
    }
}
