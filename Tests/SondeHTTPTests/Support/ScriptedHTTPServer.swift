import Foundation
import SondeTestSupport
import Synchronization

/// A listener on 127.0.0.1 that fails on purpose, by script: connection n gets step n (the
/// last step repeats), so "503, 503, then 200" or "reset mid-body, then 200" are one line.
/// Every response closes its connection, so each try of a retried request is one connection.
///
/// It records when each request arrived and when each answer left, so a test can measure the
/// wait a client honoured from the server's side, independent of the client's own clock.
final class ScriptedHTTPServer: Sendable {
    enum Step: Sendable {
        /// Answers with these bytes, written verbatim.
        case respond(String)
        /// Sends a head promising 100,000 bytes and 100 of them, then resets the connection (RST).
        case resetMidBody
        /// The same, then closes the connection normally (FIN): a body cut short.
        case closeMidBody
        /// Reads the request and never answers; the connection stays open until `stop()`.
        case stall
    }

    /// One request as it arrived.
    struct Received: Sendable {
        var text: String
        var arrived: ContinuousClock.Instant
    }

    let port: UInt16
    private let listener: Int32
    private let received = Mutex<[Received]>([])
    private let answered = Mutex<[ContinuousClock.Instant]>([])
    private let stalled = Mutex<[Int32]>([])

    init(_ steps: [Step]) throws {
        precondition(!steps.isEmpty, "a script needs at least one step")
        (listener, port) = try listenOnLoopback(backlog: 16)
        let thread = Thread { [self] in serve(steps) }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    var requests: [Received] { received.withLock { $0 } }

    /// Seconds between each answer and the next request's arrival: the client's wait, plus
    /// the time to connect again (well under a millisecond on loopback).
    var gaps: [Double] {
        let arrivals = requests.map(\.arrived)
        let answers = answered.withLock { $0 }
        return zip(answers, arrivals.dropFirst()).map { seconds(from: $0, to: $1) }
    }

    /// Stops accepting and closes stalled connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        for descriptor in stalled.withLock({ $0 }) { close(descriptor) }
    }

    deinit {
        close(listener)
    }

    /// A whole response that closes its connection.
    static func response(_ status: Int, _ reason: String, headers: [String] = [], body: String = "") -> String {
        let lines = ["HTTP/1.1 \(status) \(reason)", "Content-Length: \(body.utf8.count)", "Connection: close"] + headers
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    private func serve(_ steps: [Step]) {
        var index = 0
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let step = steps[min(index, steps.count - 1)]
            index += 1
            guard let request = RawHTTPServer.readRequest(connection) else {
                close(connection)
                continue
            }
            received.withLock { $0.append(Received(text: request, arrived: .now)) }
            switch step {
            case .respond(let text):
                write(text, to: connection)
            case .resetMidBody, .closeMidBody:
                write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 100), to: connection)
                // Let the head and the first bytes arrive before the connection breaks.
                usleep(50_000)
                if case .resetMidBody = step {
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                }
            case .stall:
                stalled.withLock { $0.append(connection) }
                continue
            }
            answered.withLock { $0.append(.now) }
            close(connection)
        }
    }

    private func write(_ text: String, to connection: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let elapsed = (end - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
