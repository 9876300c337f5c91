import FlyingFox
import Foundation

/// Builders for the demo API's responses, which are always JSON with `Content-Type: application/json`.
extension HTTPResponse {
    static func json(
        _ value: some Encodable,
        status: HTTPStatusCode = .ok,
        headers: HTTPHeaders = [:]
    ) throws -> HTTPResponse {
        json(data: try makeEncoder().encode(value), status: status, headers: headers)
    }

    /// Wraps an already encoded JSON document.
    static func json(data: Data, status: HTTPStatusCode = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }

    /// An error response shaped `{"error": message}`.
    static func jsonError(_ status: HTTPStatusCode, _ message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        // Encoding a one-field dictionary of strings cannot fail.
        let body = (try? makeEncoder().encode(["error": message])) ?? Data()
        return json(data: body, status: status, headers: headers)
    }

    /// Sorted keys keep responses byte-for-byte stable, which snapshot-style tests rely on;
    /// unescaped slashes keep paths in `/echo` and error messages readable.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The same response without its body, as HEAD requires, keeping the `Content-Length` of the body it would have had.
    func withoutBody() -> HTTPResponse {
        var response = self
        if case .httpBody(let body) = payload, let count = body.count, headers[.contentLength] == nil {
            response.headers[.contentLength] = String(count)
        }
        response.payload = .httpBody(HTTPBodySequence(data: Data()))
        return response
    }
}
