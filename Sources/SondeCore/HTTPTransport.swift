/// Something that sends a prepared request and returns the response: libcurl in production.
///
/// The core only knows this protocol, so it never imports a C library.
public protocol HTTPTransport: Sendable {
    /// Sends one request. Throws `TransportError`; `cancellation` stops it from another task.
    func send(_ request: PreparedRequest, cancellation: CancellationFlag?) async throws -> HTTPResponse
}

extension HTTPTransport {
    public func send(_ request: PreparedRequest) async throws -> HTTPResponse {
        try await send(request, cancellation: nil)
    }
}
