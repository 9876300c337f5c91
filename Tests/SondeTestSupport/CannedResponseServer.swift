import Foundation
import Synchronization

/// A hostile HTTP/1.1 server on 127.0.0.1 for the CLI's and the TUI's tests: answers every
/// request with the same bytes, written verbatim, so a test can send what no well-behaved server
/// would (escape sequences in a header name, a secret in the reason phrase). SondeHTTPTests has
/// a fuller `RawHTTPServer` for scripted exchanges.
///
/// It keeps the head of every request exactly as it arrived (`receivedHeads`), so a test can
/// compare what sonde says it sent with what the server got, byte for byte.
public final class CannedResponseServer: Sendable {
    public let port: UInt16
    private let listener: Int32
    private let log = HeadLog()

    /// The heads received, apart from the server so the serving thread does not keep the
    /// server alive (its deinit closes the listener).
    private final class HeadLog: Sendable {
        let heads = Mutex<[String]>([])
    }

    /// Starts listening; `response` should say "Connection: close".
    public convenience init(response: [UInt8]) throws {
        try self.init(responses: [response])
    }

    public convenience init(response: String) throws {
        try self.init(responses: [Array(response.utf8)])
    }

    /// Starts listening; connection n gets `responses[n]`, the last one repeating (a redirect,
    /// then the answer). Each should say "Connection: close".
    public init(responses: [[UInt8]]) throws {
        precondition(!responses.isEmpty, "a server needs a response")
        (listener, port) = try listenOnLoopback(backlog: 16)
        Thread { [listener, log] in Self.serve(listener, responses, log) }.start()
    }

    public convenience init(responses: [String]) throws {
        try self.init(responses: responses.map { Array($0.utf8) })
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// The head of every request received so far, request line to the blank line, CRLFs kept.
    public var receivedHeads: [String] { log.heads.withLock { $0 } }

    /// Stops accepting: the accept loop ends when the listening socket is shut down.
    public func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    deinit { close(listener) }

    private static func serve(_ listener: Int32, _ responses: [[UInt8]], _ log: HeadLog) {
        var served = 0
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            if let head = readRequest(connection) { log.heads.withLock { $0.append(head) } }
            let response = responses[min(served, responses.count - 1)]
            served += 1
            _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(connection)
        }
    }

    /// Reads the request head and its Content-Length body; returns the head.
    private static func readRequest(_ connection: Int32) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var expected: Int?
        var head: String?
        while expected.map({ bytes.count < $0 }) ?? true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return head }
            bytes.append(contentsOf: chunk[..<count])
            if expected == nil, let end = bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
                head = String(decoding: bytes[..<end], as: UTF8.self)
                let length = head!.lowercased().split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = end + length
            }
        }
        return head
    }
}
