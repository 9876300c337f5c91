import Foundation
import Synchronization

/// A proxy on 127.0.0.1 for the proxy tests, which logs what passed through it: an HTTP proxy
/// (requests in absolute form forwarded, CONNECT tunnelled) or a SOCKS5 proxy (RFC 1928, with
/// no auth or RFC 1929 user/password). With `credentials` it requires them: a 407 with
/// `Proxy-Authenticate: Basic` for HTTP, a refused sub-negotiation for SOCKS5.
///
/// It reaches only loopback: every target, by name (`localhost`) or address (`127.0.0.1`,
/// `::1`), is connected to on 127.0.0.1 at the asked port; any other is refused and logged.
public final class LoggingProxy: Sendable {
    public enum Kind: Sendable {
        case http
        case socks5
    }

    /// One request or tunnel the proxy was asked for.
    public struct Record: Sendable, Equatable {
        /// HTTP: the request line as received (`GET http://127.0.0.1:8/x HTTP/1.1`,
        /// `CONNECT 127.0.0.1:8 HTTP/1.1`); SOCKS5: `CONNECT host:port`.
        public var requestLine: String
        /// HTTP: the header lines as received (`Name: value`); SOCKS5: none.
        public var headers: [String]
        /// SOCKS5: how the client gave the target: `ipv4`, `ipv6` or `domain`.
        public var addressType: String?
        /// The host and port asked for, as given (`localhost:8080`, `127.0.0.1:8080`).
        public var target: String
        /// Whether the credentials were right; nil when none are required.
        public var authorized: Bool?
        /// SOCKS5: the user name the client sent.
        public var socksUser: String?

        /// The value of a header, compared case-insensitively.
        public func header(_ name: String) -> String? {
            for line in headers {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].caseInsensitiveCompare(name) == .orderedSame {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    public let kind: Kind
    public let port: UInt16
    private let listener: Int32
    private let credentials: Credentials?
    private let log = Mutex<[Record]>([])
    private let stopped = Atomic<Bool>(false)

    struct Credentials: Sendable {
        var user: String
        var password: String
    }

    /// Starts listening on a free port; `credentials` (user, password) are then required.
    public init(_ kind: Kind, credentials: (user: String, password: String)? = nil) throws {
        self.kind = kind
        self.credentials = credentials.map { Credentials(user: $0.user, password: $0.password) }
        (listener, port) = try listenOnLoopback(backlog: 16)
        Thread { [self] in acceptLoop() }.start()
    }

    /// `http://127.0.0.1:port` or `socks5://127.0.0.1:port`.
    public var url: String { "\(kind == .http ? "http" : "socks5")://127.0.0.1:\(port)" }

    /// Everything logged so far, in order.
    public var records: [Record] { log.withLock { $0 } }

    /// Stops accepting and ends the tunnels still open (within their 100 ms poll).
    public func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { close(listener) }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in
                defer { close(connection) }
                switch kind {
                case .http: serveHTTP(connection)
                case .socks5: serveSOCKS5(connection)
                }
            }.start()
        }
    }

    // MARK: - HTTP

    private func serveHTTP(_ client: Int32) {
        guard let (head, rest) = readHead(client) else { return }
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0]
        let headers = Array(lines.dropFirst())
        let words = requestLine.split(separator: " ")
        guard words.count == 3 else { return }
        var record = Record(requestLine: requestLine, headers: headers, target: "")
        if let credentials {
            let expected = "Basic " + Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString()
            record.authorized = record.header("Proxy-Authorization") == expected
        }
        let isConnect = words[0] == "CONNECT"
        var path = ""
        if isConnect {
            record.target = String(words[1])
        } else {
            // Absolute form: http://host:port/path.
            let target = words[1].dropFirst("http://".count)
            let slash = target.firstIndex(of: "/") ?? target.endIndex
            record.target = String(target[..<slash])
            path = slash == target.endIndex ? "/" : String(target[slash...])
        }
        log.withLock { $0.append(record) }
        if record.authorized == false {
            sendAll(client, Array((
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test proxy\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").utf8))
            return
        }
        guard let upstream = connectLoopback(record.target) else {
            sendAll(client, Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            return
        }
        defer { close(upstream) }
        if isConnect {
            sendAll(client, Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
        } else {
            // One request per connection: the origin closes after answering, and so does the proxy.
            let kept = headers.filter { line in
                let name = line.prefix { $0 != ":" }.lowercased()
                return !["proxy-authorization", "proxy-connection", "connection"].contains(name)
            }
            let forwarded = "\(words[0]) \(path) \(words[2])\r\n" + (kept + ["Connection: close"]).joined(separator: "\r\n") + "\r\n\r\n"
            sendAll(upstream, Array(forwarded.utf8))
        }
        if !rest.isEmpty { sendAll(upstream, rest) }
        relay(client, upstream)
    }

    /// The request head up to its blank line, and any bytes read past it.
    private func readHead(_ connection: Int32) -> (String, [UInt8])? {
        var bytes: [UInt8] = []
        let end = Array("\r\n\r\n".utf8)
        while bytes.count < 1 << 16 {
            guard let chunk = receive(connection) else { return nil }
            bytes += chunk
            if let range = bytes.firstRange(of: end) {
                return (String(decoding: bytes[..<range.lowerBound], as: UTF8.self), Array(bytes[range.upperBound...]))
            }
        }
        return nil
    }

    // MARK: - SOCKS5

    private func serveSOCKS5(_ client: Int32) {
        guard let greeting = receiveExactly(client, 2), greeting[0] == 5,
              let methods = receiveExactly(client, Int(greeting[1])) else { return }
        let wanted: UInt8 = credentials == nil ? 0x00 : 0x02
        guard methods.contains(wanted) else {
            sendAll(client, [5, 0xFF])
            return
        }
        sendAll(client, [5, wanted])
        var authorized: Bool?
        var user: String?
        if let credentials {
            guard let version = receiveExactly(client, 2), version[0] == 1,
                  let name = receiveExactly(client, Int(version[1])), let passwordLength = receiveExactly(client, 1),
                  let password = receiveExactly(client, Int(passwordLength[0])) else { return }
            user = String(decoding: name, as: UTF8.self)
            authorized = user == credentials.user && String(decoding: password, as: UTF8.self) == credentials.password
            sendAll(client, [1, authorized == true ? 0 : 1])
        }
        guard let request = receiveExactly(client, 4), request[0] == 5, request[1] == 1 else { return }
        var host: String
        let addressType: String
        switch request[3] {
        case 1:
            guard let address = receiveExactly(client, 4) else { return }
            host = address.map(String.init).joined(separator: ".")
            addressType = "ipv4"
        case 3:
            guard let length = receiveExactly(client, 1), let name = receiveExactly(client, Int(length[0])) else { return }
            host = String(decoding: name, as: UTF8.self)
            addressType = "domain"
        case 4:
            guard let address = receiveExactly(client, 16) else { return }
            host = stride(from: 0, to: 16, by: 2).map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }
                .joined(separator: ":")
            if host == "0:0:0:0:0:0:0:1" { host = "::1" }
            addressType = "ipv6"
        default:
            return
        }
        guard let portBytes = receiveExactly(client, 2) else { return }
        let port = Int(portBytes[0]) << 8 | Int(portBytes[1])
        let target = addressType == "ipv6" ? "[\(host)]:\(port)" : "\(host):\(port)"
        log.withLock {
            $0.append(Record(requestLine: "CONNECT \(target)", headers: [], addressType: addressType, target: target,
                             authorized: authorized, socksUser: user))
        }
        guard authorized != false else { return }
        guard let upstream = connectLoopback(target) else {
            sendAll(client, [5, 4, 0, 1, 0, 0, 0, 0, 0, 0])
            return
        }
        defer { close(upstream) }
        sendAll(client, [5, 0, 0, 1, 127, 0, 0, 1, 0, 0])
        relay(client, upstream)
    }

    // MARK: - Sockets

    /// A connection to 127.0.0.1 at the port of `target` (`host:port`), when its host is a
    /// loopback one; nil otherwise or when nothing listens there.
    private func connectLoopback(_ target: String) -> Int32? {
        guard let colon = target.lastIndex(of: ":"), let port = UInt16(target[target.index(after: colon)...]) else { return nil }
        let host = target[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard host == "localhost" || host.hasPrefix("127.") || host == "::1" else { return nil }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Copies bytes both ways until either side closes or the proxy stops.
    private func relay(_ a: Int32, _ b: Int32) {
        var descriptors = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        while !stopped.load(ordering: .relaxed) {
            let ready = poll(&descriptors, 2, 100)
            if ready < 0 { return }
            for index in 0..<2 where descriptors[index].revents != 0 {
                guard let chunk = receive(descriptors[index].fd) else { return }
                sendAll(descriptors[1 - index].fd, chunk)
            }
        }
    }

    /// What one recv gives; nil at the end of the stream or on an error.
    private func receive(_ connection: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[..<count]) : nil
    }

    private func receiveExactly(_ connection: Int32, _ count: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count < count {
            var buffer = [UInt8](repeating: 0, count: count - bytes.count)
            let received = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return nil }
            bytes += buffer[..<received]
        }
        return bytes
    }

    private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}
