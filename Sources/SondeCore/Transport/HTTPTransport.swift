/// Something that sends a prepared request and returns the response: libcurl in production.
///
/// The core only knows this protocol, so it never imports a C library.
public protocol HTTPTransport: Sendable {
    /// Sends one request. Throws `TransportError`; `cancellation` stops it from another task.
    /// `receiver` says where the body goes and who hears of it while it arrives.
    func send(_ request: PreparedRequest, receiver: ResponseReceiver, cancellation: CancellationFlag?) async throws -> HTTPResponse
}

extension HTTPTransport {
    /// Sends one request, keeping the body in memory (or in a temporary file past the spill threshold).
    public func send(_ request: PreparedRequest, cancellation: CancellationFlag?) async throws -> HTTPResponse {
        try await send(request, receiver: ResponseReceiver(), cancellation: cancellation)
    }

    public func send(_ request: PreparedRequest) async throws -> HTTPResponse {
        try await send(request, receiver: ResponseReceiver(), cancellation: nil)
    }
}
