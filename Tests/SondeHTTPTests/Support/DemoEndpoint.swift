import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing

/// The address of a running DemoServer, for building request URLs.
struct DemoEndpoint {
    let port: UInt16

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}

/// Runs `body` against `server` (by default a DemoServer of its own) started on a free port,
/// then stops it and waits until it has stopped, whether `body` returns or throws; so tests
/// running in parallel never share records or connections, and none outlives its test.
func withDemoServer<T>(_ server: DemoServer = DemoServer(), _ body: (DemoEndpoint) async throws -> T) async throws -> T {
    let port = try await server.start()
    do {
        let result = try await body(DemoEndpoint(port: port))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// What `/echo` reports about the request it received.
struct Echo: Decodable {
    var method: String
    var path: String
    var query: String
    var args: [[String]]
    var headers: [[String]]
    var body: String
    var bodyLength: Int
    var contentType: String?

    init(_ response: HTTPResponse) throws {
        self = try JSONDecoder().decode(Echo.self, from: response.body)
    }

    /// The values the server saw for a header, compared case-insensitively.
    func header(_ name: String) -> [String] {
        headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
    }
}

/// The `TransportError` a send failed with, or nil (recording an issue) when it did not fail
/// with one; for errors whose payload a test matches only in part.
func transportError(
    _ transport: CurlTransport, _ request: PreparedRequest, cancellation: CancellationFlag? = nil,
    receiver: ResponseReceiver = ResponseReceiver(), sourceLocation: SourceLocation = #_sourceLocation
) async -> TransportError? {
    do {
        let response = try await transport.send(request, receiver: receiver, cancellation: cancellation)
        Issue.record("expected a TransportError, got status \(response.status)", sourceLocation: sourceLocation)
    } catch {
        return error
    }
    return nil
}

/// Seconds since `start`, for asserting that something returned well before it otherwise would.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
