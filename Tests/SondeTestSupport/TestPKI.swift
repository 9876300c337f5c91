import Foundation

/// A private certificate authority and what it signed, made with the openssl command in a fresh
/// temporary folder (removed on deinit): a server certificate for 127.0.0.1 and a client
/// certificate in every form sonde reads, plus a self-signed client certificate no one trusts.
/// EC keys, since an RSA key costs ~100 ms to make on a loaded machine.
public final class TestPKI: @unchecked Sendable {
    public let folder: URL
    /// The pass phrase of `client.p12`.
    public static let p12Password = "p12-pass-7391"
    /// The pass phrase of `client-encrypted.key`.
    public static let keyPassword = "pem-pass-5820"
    /// The client certificate's common name, as the server reports it.
    public static let clientName = "sonde client"

    /// The files made: `ca.pem`, `server.pem`/`server.key`, `client.pem`/`client.key`,
    /// `client.der`/`client-key.der`, `client-encrypted.key`, `client.p12`, `stranger.pem`/
    /// `stranger.key`, and `capath/` holding the CA named by its subject hash.
    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            set -e
            cd "$1"
            ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=sonde test CA"
            openssl req $ec -keyout server.key -out server.csr -subj "/CN=127.0.0.1"
            printf 'subjectAltName=IP:127.0.0.1\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile server.ext
            openssl req $ec -keyout client.key -out client.csr -subj "/CN=\(Self.clientName)"
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2
            openssl x509 -in client.pem -outform DER -out client.der
            openssl pkey -in client.key -outform DER -out client-key.der
            openssl pkey -in client.key -aes256 -passout pass:"$3" -out client-encrypted.key
            openssl pkcs12 -export -in client.pem -inkey client.key -out client.p12 -passout pass:"$2"
            openssl req -x509 $ec -keyout stranger.key -out stranger.pem -days 2 -subj "/CN=stranger"
            mkdir capath
            cp ca.pem capath/
            openssl rehash capath
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script, "sh", folder.path, Self.p12Password, Self.keyPassword]
        let errors = Pipe()
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = errors
        try shell.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        guard shell.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw TestSupportError(message: "openssl could not make the test PKI: \(text)")
        }
    }

    /// The absolute path of one of the files made.
    public func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// An HTTPS server on 127.0.0.1 with `pki`'s server certificate that requires a client
/// certificate signed by `pki`'s CA, and answers every GET with the client's common name:
/// `{"client": "sonde client"}`.
public final class ClientCertificateServer: @unchecked Sendable {
    private let server: PythonTestServer
    public var port: UInt16 { server.port }
    public var url: String { "https://127.0.0.1:\(port)/" }

    public init(pki: TestPKI) throws {
        let script = """
            import http.server, json, socket, ssl, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    subject = dict(pair[0] for pair in self.connection.getpeercert().get("subject", ()))
                    body = json.dumps({"client": subject.get("commonName")}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            class Server(http.server.ThreadingHTTPServer):
                # The handshake runs on the connection's own thread. When it fails, the alert
                # that says why is let through before the socket closes: closing with the
                # client's request unread would reset the connection and drop the alert.
                def finish_request(self, raw, address):
                    connection = context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
                    try:
                        connection.do_handshake()
                    except (ssl.SSLError, OSError):
                        try:
                            connection.shutdown(socket.SHUT_WR)
                            connection.settimeout(2)
                            while connection.recv(65536):
                                pass
                        except OSError:
                            pass
                        return
                    self.RequestHandlerClass(connection, address, self)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(sys.argv[3])
            server = Server(("127.0.0.1", 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        server = try PythonTestServer(script: script, arguments: [pki.path("server.pem"), pki.path("server.key"), pki.path("ca.pem")])
    }

    public func stop() { server.stop() }
}
