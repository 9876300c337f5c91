import Foundation

/// A real HTTP/2 server for the tests: nginx, started by the test as a single foreground process
/// (`daemon off; master_process off;`) in a temporary folder of its own, with its own config,
/// logs and self-signed certificate, on free ports of 127.0.0.1.
///
/// Two listeners: `tlsPort` speaks HTTP/2 (by ALPN) and HTTP/1.1 over TLS; `priorKnowledgePort`
/// speaks cleartext HTTP/2 only, for clients with prior knowledge. Every request is answered
/// `200` with what nginx saw, "HTTP/2.0 connection=4 request=1" ($server_protocol, its
/// connection's serial number, and the request's number on that connection), and logged the
/// same way with the request line to `accessLog`.
///
/// nginx is a test dependency that scripts/install-deps.sh installs; without it the test fails
/// saying so, rather than skipping and passing.
public final class NginxServer: @unchecked Sendable {
    public let tlsPort: UInt16
    public let priorKnowledgePort: UInt16
    private let process: Process
    private let folder: URL

    /// Where Debian puts nginx, then the PATH.
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = ["/usr/sbin/nginx"] + path.split(separator: ":").map { "\($0)/nginx" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init() throws {
        guard let nginx = Self.executable() else {
            throw TestServerError("nginx is not installed: run scripts/install-deps.sh (it installs nginx for the HTTP/2 tests)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = try SelfSignedCertificate(in: folder)
        (tlsPort, priorKnowledgePort) = try Self.twoFreePorts()
        let root = folder.path
        let answer = #""$server_protocol connection=$connection request=$connection_requests\n""#
        let config = """
            daemon off;
            master_process off;
            pid \(root)/nginx.pid;
            error_log \(root)/error.log warn;
            events { worker_connections 64; }
            http {
                log_format sonde '$server_port $server_protocol "$request" connection=$connection request=$connection_requests';
                access_log \(root)/access.log sonde;
                client_body_temp_path \(root)/body;
                proxy_temp_path \(root)/proxy;
                fastcgi_temp_path \(root)/fastcgi;
                uwsgi_temp_path \(root)/uwsgi;
                scgi_temp_path \(root)/scgi;
                default_type text/plain;
                server {
                    listen 127.0.0.1:\(tlsPort) ssl http2;
                    ssl_certificate \(certificate.certificatePath);
                    ssl_certificate_key \(certificate.keyPath);
                    location / { return 200 \(answer); }
                }
                server {
                    listen 127.0.0.1:\(priorKnowledgePort) http2;
                    location / { return 200 \(answer); }
                }
            }
            """
        let configPath = folder.appendingPathComponent("nginx.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        // -e: the error log before the config is read, else nginx opens /var/log/nginx/error.log.
        process.arguments = ["-p", root, "-c", configPath, "-e", "\(root)/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    public var tlsURL: String { "https://127.0.0.1:\(tlsPort)" }
    public var priorKnowledgeURL: String { "http://127.0.0.1:\(priorKnowledgePort)" }

    /// The access log's lines so far: `PORT PROTOCOL "REQUEST LINE" connection=N request=M`.
    /// nginx writes each line when the request ends, before the next one is read.
    public var accessLog: [String] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    public func stop() {
        // SIGKILL, not terminate(): a child spawned from a dispatch worker thread inherits its
        // blocked signal mask, so SIGTERM might never arrive and the wait would hang.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Polls both ports until nginx accepts on them (about 10 ms on an idle machine), for at most
    /// 10 s under load; a process that exits first fails with its error log.
    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !process.isRunning { break }
            if Self.accepts(tlsPort), Self.accepts(priorKnowledgePort) { return }
            usleep(5_000)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw TestServerError("nginx did not start listening: \(log)")
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port`.
    private static func accepts(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Two ports the kernel picked as free, held open together so they differ, then released
    /// for nginx to bind.
    private static func twoFreePorts() throws -> (UInt16, UInt16) {
        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        var ports: [UInt16] = []
        for _ in 0..<2 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw TestServerError("no socket") }
            descriptors.append(descriptor)
            guard let address = bindLoopback(descriptor) else { throw TestServerError("no free port") }
            ports.append(UInt16(bigEndian: address.sin_port))
        }
        return (ports[0], ports[1])
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }
}
