import Foundation
import SondeTestSupport
import Synchronization

/// A listener on 127.0.0.1 that answers its first connection with a response written in parts,
/// some of which wait until the test opens a gate. A record that reaches the client while the
/// server is held at a gate was delivered live: the rest of the body did not exist yet.
///
/// A gate left shut opens by itself after 20 seconds, and says so (`openedByTimeout`), so a
/// client that buffers fails the test instead of hanging it.
final class GatedStreamServer: Sendable {
    enum Part: Sendable {
        /// Writes these bytes at once.
        case send(String)
        /// Waits until `open(n)`.
        case gate(Int)
    }

    let port: UInt16
    private let listener: Int32
    private let gates: [DispatchSemaphore]
    private let timedOut = Mutex<Set<Int>>([])

    init(_ parts: [Part]) throws {
        (listener, port) = try listenOnLoopback(backlog: 4)
        let gateCount = parts.compactMap { if case .gate(let n) = $0 { n } else { nil } }.max().map { $0 + 1 } ?? 0
        gates = (0..<gateCount).map { _ in DispatchSemaphore(value: 0) }
        let thread = Thread { [self] in serve(parts) }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    func open(_ gate: Int) {
        gates[gate].signal()
    }

    /// Whether `gate` opened by itself, because the test never opened it.
    func openedByTimeout(_ gate: Int) -> Bool {
        timedOut.withLock { $0.contains(gate) }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        for gate in gates { gate.signal() }
    }

    deinit {
        close(listener)
    }

    /// `text` as one chunk of a chunked body.
    static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }

    private func serve(_ parts: [Part]) {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        guard RawHTTPServer.readRequest(connection) != nil else { return }
        for part in parts {
            switch part {
            case .send(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            case .gate(let n):
                if gates[n].wait(timeout: .now() + 20) == .timedOut {
                    _ = timedOut.withLock { $0.insert(n) }
                }
            }
        }
    }
}
