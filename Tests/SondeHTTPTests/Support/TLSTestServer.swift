import Foundation
import SondeTestSupport

/// An HTTPS server on 127.0.0.1 with a self-signed certificate, for TLS tests: Python's
/// http.server wrapped in its ssl module, with a certificate made by the openssl command.
final class TLSTestServer: @unchecked Sendable {
    private let server: PythonTestServer
    private let folder: URL
    var port: UInt16 { server.port }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let made = try SelfSignedCertificate(in: folder)
        let (certificate, key) = (made.certificatePath, made.keyPath)

        let script = """
            import http.server, ssl, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b'{"tls": true}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        server = try PythonTestServer(script: script, arguments: [certificate, key])
    }

    /// A certificate for 127.0.0.1 that no authority signed, and its key: PEM files in `folder`.
    static func selfSignedCertificate(in folder: URL) throws -> (certificate: String, key: String) {
        let made = try SelfSignedCertificate(in: folder)
        return (made.certificatePath, made.keyPath)
    }

    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    struct ServerError: Error { var message: String }
}
