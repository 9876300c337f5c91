import CCurl
import Foundation
import SondeCore
import Synchronization

/// The libcurl transport: sends prepared requests and returns plain `HTTPResponse` values.
///
/// By default each send runs its transfer on a thread of its own, never on Swift's cooperative
/// pool, so a send never starves other tasks; easy handles are pooled so a later send to the
/// same server reuses the open connection. Made with `ConnectionLimits`, it runs every send on
/// one `CurlEventLoop` instead (libcurl's multi interface on one thread, one connection cache
/// with those limits): what `sonde run` uses for many transfers at once.
public final class CurlTransport: HTTPTransport {
    /// libcurl must be initialised once per process before any handle exists; a static let
    /// runs this exactly once, thread-safely.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    private let pool: CurlHandlePool
    private let connections = Atomic<Int>(0)
    /// The cookie jars in use, by file path: one share per jar, so concurrent sends with one
    /// environment share its cookies.
    private let jars = Mutex<[String: CookieJar]>([:])
    private let onCookieJarProblem: (@Sendable (String) -> Void)?
    /// The event loop every send goes through, when made with connection limits.
    private let eventLoop: CurlEventLoop?

    /// - Parameters:
    ///   - idleHandles: how many idle handles (each with its open connections) to keep.
    ///   - connectionLimits: when given, sends run on one event loop with these limits.
    ///   - onCookieJarProblem: told when a cookie jar could not be saved (a warning: the
    ///     exchange itself went through).
    public init(
        idleHandles: Int = 16, connectionLimits: ConnectionLimits? = nil, onCookieJarProblem: (@Sendable (String) -> Void)? = nil
    ) {
        pool = CurlHandlePool(capacity: idleHandles)
        self.onCookieJarProblem = onCookieJarProblem
        eventLoop = connectionLimits.flatMap { Self.globalInit == CURLE_OK ? CurlEventLoop(limits: $0) : nil }
    }

    deinit {
        eventLoop?.close()
    }

    /// The jar for `path`, loaded from its file the first time, and again when something else
    /// changed the file since (`sonde cookies clear`, a `sonde send --curl` command, another sonde).
    private func jar(at path: String) -> CookieJar? {
        let jar = jars.withLock { jars -> CookieJar? in
            if let jar = jars[path] { return jar }
            let jar = CookieJar(path: path)
            jars[path] = jar
            return jar
        }
        jar?.reloadIfChangedElsewhere()
        return jar
    }

    /// How many new connections this transport's sends have opened so far. Repeated sends to
    /// one server leave it at 1 when the connection is reused; useful for diagnostics and tests.
    public var connectionsOpened: Int { connections.load(ordering: .relaxed) }

    public func send(
        _ request: PreparedRequest, receiver: ResponseReceiver, cancellation: CancellationFlag?
    ) async throws(TransportError) -> HTTPResponse {
        // Raised when the calling task is cancelled; the transfer's progress callback (or the
        // event loop's sweep) polls it alongside the caller's flag.
        let taskCancellation = CancellationFlag()
        let flags = [taskCancellation] + (cancellation.map { [$0] } ?? [])
        if let eventLoop {
            let result = await withTaskCancellationHandler {
                await send(request, receiver: receiver, cancellations: flags, on: eventLoop)
            } onCancel: {
                taskCancellation.cancel()
            }
            return try result.get()
        }
        // The continuation carries a Result rather than throwing: a throwing continuation
        // throws `any Error`, which would lose the error's type.
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                let thread = Thread { [self] in
                    continuation.resume(returning: perform(request, receiver: receiver, cancellations: flags))
                }
                thread.name = "sonde-curl"
                thread.start()
            }
        } onCancel: {
            taskCancellation.cancel()
        }
        return try result.get()
    }

    /// Runs one transfer through the event loop: configured and read back on this task's
    /// thread, each hop performed by the loop's.
    private func send(
        _ request: PreparedRequest, receiver: ResponseReceiver, cancellations: [CancellationFlag], on loop: CurlEventLoop
    ) async -> Result<HTTPResponse, TransportError> {
        guard let handle = loop.takeHandle() else {
            return .failure(.other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed"))
        }
        let transfer = CurlTransfer(
            easy: handle.raw, multi: nil, request: request, receiver: receiver, cancellations: cancellations,
            jar: request.options.cookieJar.flatMap(jar(at:)))
        var step = transfer.start()
        while true {
            switch step {
            case .perform:
                step = transfer.hopEnded(await loop.perform(handle, cancellations: cancellations))
            case .finished(let result):
                let carriedTheExchange = if case .success = result { true } else { false }
                loop.recycle(handle, reusable: carriedTheExchange)
                if let problem = transfer.cookieJarProblem { onCookieJarProblem?(problem) }
                connections.add(transfer.connectionsOpened, ordering: .relaxed)
                return result
            }
        }
    }

    /// Runs one transfer to the end on the calling thread, which it blocks.
    private func perform(
        _ request: PreparedRequest, receiver: ResponseReceiver, cancellations: [CancellationFlag]
    ) -> Result<HTTPResponse, TransportError> {
        guard Self.globalInit == CURLE_OK else {
            return .failure(.other(code: Int(Self.globalInit.rawValue), message: "libcurl could not be initialised"))
        }
        // A Unix socket is a different server from the URL's host and port.
        let origin = (request.options.unixSocket.map { "unix:\($0) " } ?? "") + (CurlURLParts(request.url)?.origin ?? request.url)
        let handle: CurlEasyHandle
        do throws(TransportError) {
            handle = try pool.take(for: origin)
        } catch {
            return .failure(error)
        }
        let jar = request.options.cookieJar.flatMap(jar(at:))
        let transfer = CurlTransfer(handle: handle, request: request, receiver: receiver, cancellations: cancellations, jar: jar)
        let result = transfer.run()
        if let problem = transfer.cookieJarProblem { onCookieJarProblem?(problem) }
        connections.add(transfer.connectionsOpened, ordering: .relaxed)
        // Only a handle that carried a whole exchange goes back to the pool. libcurl 7.88 keeps
        // its receive buffer after a failed name lookup, and then refuses CURLOPT_BUFFERSIZE
        // with CURLE_BAD_FUNCTION_ARGUMENT on every later transfer of that handle (in the TUI,
        // one DNS failure broke every send until restart); a failure's connection is seldom
        // worth keeping anyway, and a fresh handle costs microseconds.
        if case .success = result {
            pool.recycle(handle, origin: origin)
        } else {
            handle.cleanup()
        }
        return result
    }
}
