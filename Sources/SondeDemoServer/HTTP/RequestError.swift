import FlyingFox

/// A request the demo API refuses, with the status and the message that end up in `{"error": ...}`.
///
/// Route handlers throw it instead of building error responses themselves, so every refusal
/// has the same JSON shape.
struct RequestError: Error, Sendable {
    var status: HTTPStatusCode
    var message: String
    var headers: HTTPHeaders = [:]

    static func badRequest(_ message: String) -> RequestError {
        RequestError(status: .badRequest, message: message)
    }
}
