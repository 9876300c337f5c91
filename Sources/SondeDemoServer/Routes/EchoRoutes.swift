import FlyingFox
import Foundation

/// `/echo` (any method, any subpath) and `/headers`: report back what the server received,
/// so tests can check exactly what sonde sent. `POST /raw` sends the body back byte for byte,
/// with the request's content type, for answers that are not JSON (text, binary, hostile bytes).
struct EchoRoutes: RouteGroup {
    func register(on routes: inout RoutedHTTPHandler) {
        // No method in the route means every method, HEAD and OPTIONS included.
        routes.appendRoute("/echo") { try await echo($0) }
        routes.appendRoute("/echo/*") { try await echo($0) }
        routes.appendRoute("POST /raw") { request in
            HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: request.headers[.contentType] ?? "application/octet-stream"],
                body: try await request.bodyData)
        }
        routes.appendRoute("GET /headers") { request in
            try .json(["headers": Self.headerPairs(request)])
        }
    }

    private func echo(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await request.bodyData
        return try .json(EchoReport(
            method: request.method.rawValue,
            path: request.path,
            query: request.target.query(),
            args: request.queryForm.pairs.map { [$0.name, $0.value] },
            headers: Self.headerPairs(request),
            body: String(decoding: body, as: UTF8.self),
            bodyLength: body.count,
            contentType: request.headers[.contentType]
        ))
    }

    /// The request headers as `[name, value]` pairs.
    ///
    /// FlyingFox parses headers into a dictionary, so arrival order is lost (and a repeated header keeps
    /// only its last value); sorting by name at least makes the report deterministic.
    static func headerPairs(_ request: HTTPRequest) -> [[String]] {
        request.headers
            .map { [$0.key.rawValue, $0.value] }
            .sorted { $0[0].lowercased() < $1[0].lowercased() }
    }
}

/// What `/echo` answers: the request as the server saw it.
struct EchoReport: Encodable {
    var method: String
    var path: String
    /// The raw query string, still percent-encoded.
    var query: String
    /// The decoded query pairs, in order, repeats kept.
    var args: [[String]]
    var headers: [[String]]
    /// The body as UTF-8, with invalid bytes replaced.
    var body: String
    var bodyLength: Int
    var contentType: String?

    private enum CodingKeys: String, CodingKey {
        case method, path, query, args, headers, body, bodyLength, contentType
    }

    // Written out so a missing content type is `null` rather than an absent key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        try container.encode(query, forKey: .query)
        try container.encode(args, forKey: .args)
        try container.encode(headers, forKey: .headers)
        try container.encode(body, forKey: .body)
        try container.encode(bodyLength, forKey: .bodyLength)
        try container.encode(contentType, forKey: .contentType)
    }
}
