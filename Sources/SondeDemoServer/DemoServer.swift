import FlyingFox
import FlyingSocks
import Foundation

/// A local REST API for demos and tests: users and posts, echo, auth, OAuth2, slow, large, gzip,
/// redirect, status and flaky endpoints, listening only on 127.0.0.1.
///
/// Each instance keeps its own records and tokens, so tests can run several servers at once in one process.
///
///     let server = DemoServer()
///     let port = try await server.start()   // http://127.0.0.1:\(port)/users
///     await server.stop()
public actor DemoServer {
    private let requestedPort: UInt16
    private let tokenLifetime: Int
    private let logRequests: Bool
    private var tokens: TokenLedger
    private let grants: AuthorizationGrants
    private var launch: Launch?

    /// A started FlyingFox server: the server, the task running it, and the task that learns its port.
    private struct Launch {
        var http: HTTPServer
        var serving: Task<Void, any Error>
        var ready: Task<UInt16, any Error>
    }

    /// Why the server could not start.
    public enum StartError: Error, CustomStringConvertible {
        /// The server stopped before it began listening, for example because `stop()` was called meanwhile.
        case stoppedBeforeListening
        /// The listening socket has no IPv4 address, which should not happen for 127.0.0.1.
        case noListeningPort

        public var description: String {
            switch self {
            case .stoppedBeforeListening: "the demo server stopped before it was listening"
            case .noListeningPort: "the demo server is listening but its port is unknown"
            }
        }
    }

    /// Creates a server; nothing listens until `start()` or `run()`.
    /// - Parameters:
    ///   - port: The port on 127.0.0.1 to listen on; 0 picks a free one.
    ///   - tokenLifetime: Seconds an OAuth2 token from `/oauth/token` stays valid (its `expires_in`).
    ///   - logRequests: Whether to write one line per request to standard error.
    ///   - deviceInterval: Seconds a device-code client must wait between polls (RFC 8628 `interval`); 0 for tests.
    ///   - deviceLifetime: Seconds a device code stays valid.
    public init(port: UInt16 = 0, tokenLifetime: Int = 3600, logRequests: Bool = false, deviceInterval: Int = 5, deviceLifetime: Int = 600) {
        self.requestedPort = port
        self.tokenLifetime = tokenLifetime
        self.logRequests = logRequests
        self.tokens = TokenLedger(lifetime: .seconds(tokenLifetime))
        self.grants = AuthorizationGrants(deviceLifetime: deviceLifetime, deviceInterval: deviceInterval)
    }

    /// How many requests `POST /oauth/token` has had, answered or refused: tests check with it
    /// that a kept token was reused rather than fetched again.
    public var tokenRequests: Int {
        get async { await grants.tokenRequests }
    }

    /// The user codes of device logins waiting for approval, for a test to approve one over HTTP.
    public var pendingDeviceUserCodes: [String] {
        get async { await grants.pendingUserCodes }
    }

    /// How many OAuth2 tokens `/oauth/token` has issued, so tests can check a token was reused rather than refetched.
    public var tokensIssued: Int {
        tokens.issuedCount
    }

    /// Starts listening on 127.0.0.1 in the background and returns the port once connections are accepted.
    ///
    /// Calling it again while running returns the same port.
    public func start() async throws -> UInt16 {
        if let launch {
            return try await launch.ready.value
        }
        let http = HTTPServer(
            config: HTTPServer.Configuration(
                address: try sockaddr_in.inet(ip4: "127.0.0.1", port: requestedPort),
                // FlyingFox cancels handlers after this many seconds; /slow may legitimately take 60.
                timeout: 120,
                // Larger reads than the 4 KB default make multi-megabyte request bodies cheaper.
                sharedRequestBufferSize: 64 * 1024,
                logger: .disabled),
            handler: DemoRouter.make(tokens: self, grants: grants, log: logRequests ? RequestLog() : nil))
        let serving = Task { try await http.run() }
        let ready = Task { try await Self.waitUntilListening(http, serving: serving) }
        launch = Launch(http: http, serving: serving, ready: ready)
        do {
            return try await ready.value
        } catch {
            await stop()
            throw error
        }
    }

    /// Stops listening and closes open connections; the records and tokens stay for a later `start()`.
    public func stop() async {
        guard let launch else { return }
        self.launch = nil
        launch.ready.cancel()
        await launch.http.stop(timeout: 0)
        launch.serving.cancel()
        _ = await launch.serving.result
    }

    /// Serves in the foreground until the calling task is cancelled, for `sonde demo-server`.
    ///
    /// With `logRequests`, writes one line per request to standard error; otherwise it is silent.
    public func run() async throws {
        _ = try await start()
        guard let serving = launch?.serving else { return }
        do {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                serving.cancel()
            }
        } catch where Task.isCancelled {
            // Cancellation is how a foreground run ends.
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    /// Waits for `http` to listen, or rethrows the error that ended `serving` first (such as a port in use).
    private static func waitUntilListening(_ http: HTTPServer, serving: Task<Void, any Error>) async throws -> UInt16 {
        let (events, signal) = AsyncThrowingStream<Void, any Error>.makeStream()
        // Ends with the server, so it needs no cancelling.
        Task {
            do {
                try await serving.value
                signal.finish(throwing: StartError.stoppedBeforeListening)
            } catch {
                signal.finish(throwing: error)
            }
        }
        let listening = Task {
            do {
                try await http.waitUntilListening(timeout: 10)
                signal.yield()
            } catch {
                signal.finish(throwing: error)
            }
        }
        defer { listening.cancel() }
        var iterator = events.makeAsyncIterator()
        guard try await iterator.next() != nil else { throw StartError.stoppedBeforeListening }
        guard case .ip4(_, let port)? = await http.listeningAddress else { throw StartError.noListeningPort }
        ListenerNoDelay.enable(onPort: port)
        return port
    }
}

extension DemoServer: TokenAuthority {
    func issueToken() -> (token: String, expiresIn: Int) {
        (tokens.issue(), tokenLifetime)
    }

    func acceptsToken(_ token: String) -> Bool {
        tokens.isValid(token)
    }
}
