/// Something that sends a prepared request and returns the response: libcurl in production.
///
/// The core only knows this protocol, so it never imports a C library.
public protocol HTTPTransport: Sendable {
    /// Sends one request, once; `cancellation` stops it from another task (`.cancelled`), as
    /// cancelling the calling task does. `receiver` says where the body goes and who hears of
    /// it while it arrives. Every failure, whatever its cause, is a `TransportError`.
    func send(
        _ request: PreparedRequest, receiver: ResponseReceiver, cancellation: CancellationFlag?
    ) async throws(TransportError) -> HTTPResponse
}

extension HTTPTransport {
    /// Sends one request, keeping the body in memory (or in a temporary file past the spill threshold).
    public func send(_ request: PreparedRequest, cancellation: CancellationFlag?) async throws(TransportError) -> HTTPResponse {
        try await send(request, receiver: ResponseReceiver(), cancellation: cancellation)
    }

    public func send(_ request: PreparedRequest) async throws(TransportError) -> HTTPResponse {
        try await send(request, receiver: ResponseReceiver(), cancellation: nil)
    }
}
