import Foundation
import SondeTestSupport
import Synchronization

/// A minimal HTTP/1.1 listener on 127.0.0.1 that records each request exactly as it arrived
/// on the wire and answers every one with the same canned response.
///
/// The DemoServer parses headers into a dictionary (FlyingFox), which loses their order and
/// repeats; this shows the bytes sonde actually sent, and lets a test send response shapes
/// (repeated headers, 1xx interim responses) that the demo API has no route for.
final class RawHTTPServer: Sendable {
    /// The TCP port on 127.0.0.1; 0 for a server on a Unix socket.
    let port: UInt16
    private let listener: Int32
    private let requests = Mutex<[String]>([])
    private let accepted = Atomic<Int>(0)

    /// Starts listening; `response` is written verbatim, so it should close the connection
    /// ("Connection: close") or frame its body with Content-Length.
    convenience init(response: String) throws {
        let (listener, port) = try listenOnLoopback(backlog: 16)
        self.init(listener: listener, port: port, response: response)
    }

    /// The same, listening on a Unix domain socket at `path` instead, as a local daemon does.
    convenience init(unixSocket path: String, response: String) throws {
        self.init(listener: try listenOnUnixSocket(path: path, backlog: 16), port: 0, response: response)
    }

    private init(listener: Int32, port: UInt16, response: String) {
        self.listener = listener
        self.port = port
        let thread = Thread { [self] in serve(response: Array(response.utf8)) }
        thread.start()
    }

    /// Every request received so far: the head, then the body as UTF-8.
    var receivedRequests: [String] { requests.withLock { $0 } }

    /// How many connections have been accepted.
    var connectionsAccepted: Int { accepted.load(ordering: .relaxed) }

    /// Stops accepting; the accept loop ends when the listening socket is shut down.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit {
        close(listener)
    }

    private func serve(response: [UInt8]) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            accepted.add(1, ordering: .relaxed)
            if let request = Self.readRequest(connection) {
                requests.withLock { $0.append(request) }
                _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(connection)
        }
    }

    /// Reads one request head and its Content-Length body.
    static func readRequest(_ connection: Int32) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let separator = Array("\r\n\r\n".utf8)
        var expectedTotal: Int?
        while expectedTotal.map({ bytes.count < $0 }) ?? true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            bytes.append(contentsOf: chunk[..<count])
            if expectedTotal == nil, let end = bytes.firstRange(of: separator)?.upperBound {
                let head = String(decoding: bytes[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                expectedTotal = end + length
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A port on 127.0.0.1 that nothing listens on: bound once to learn a free one, then closed.
func unusedPort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    guard let address = bindLoopback(fd) else { throw POSIXError(.EADDRINUSE) }
    return UInt16(bigEndian: address.sin_port)
}
