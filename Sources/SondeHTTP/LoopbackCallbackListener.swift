import Foundation
import SondeCore

/// Listens on 127.0.0.1 for the browser's redirect at the end of an authorization code login
/// (RFC 8252 §7.3). Blocking socket calls run on a thread of their own, polled every 100 ms so a
/// timeout or Ctrl-C ends the wait at once.
public final class LoopbackCallbackListener: OAuth2CallbackListener, @unchecked Sendable {
    public let port: Int
    private let socket: Int32

    /// Binds 127.0.0.1:`port` (0: a free one) and listens.
    public init(port: Int?) throws(OAuth2Error) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.failure("could not open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port ?? 0).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Self.failure("could not listen on 127.0.0.1:\(port ?? 0) for the callback: \(reason) (set redirect_port to a free port)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.socket = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    private static func failure(_ message: String) -> OAuth2Error {
        OAuth2Error(tokenURL: "127.0.0.1", message: message, step: "login callback on")
    }

    public func waitForCallback(
        timeout: Double, cancellation: CancellationFlag?, page: @escaping @Sendable (String) -> String
    ) async throws(OAuth2Error) -> String {
        let result: Result<String, OAuth2Error> = await withCheckedContinuation { continuation in
            let thread = Thread { [self] in continuation.resume(returning: self.serve(timeout: timeout, cancellation: cancellation, page: page)) }
            thread.start()
        }
        return try result.get()
    }

    private func serve(timeout: Double, cancellation: CancellationFlag?, page: (String) -> String) -> Result<String, OAuth2Error> {
        defer { close(socket) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if cancellation?.isCancelled == true { return .failure(Self.failure("login cancelled")) }
            if Date() >= deadline {
                return .failure(Self.failure("no answer from the browser within \(DurationText.format(timeout)); login abandoned (the auth block's timeout: waits longer)"))
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            defer { close(client) }
            guard let target = Self.readTarget(client) else { continue }
            guard target.hasPrefix("/callback") else {
                Self.answer(client, status: "404 Not Found", html: "not found")
                continue
            }
            Self.answer(client, status: "200 OK", html: page(target))
            return .success(target)
        }
    }

    /// The target of the request line, read within 2 s and 16 KB.
    private static func readTarget(_ client: Int32) -> String? {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 16_384 {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
            if received.count >= 4, received.suffix(4) == [13, 10, 13, 10] { break }
            if let text = String(bytes: received, encoding: .utf8), text.contains("\r\n\r\n") { break }
        }
        let line = String(decoding: received, as: UTF8.self).split(separator: "\r\n", maxSplits: 1).first ?? ""
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    private static func answer(_ client: Int32, status: String, html: String) {
        let body = Array(html.utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }
}
