import Foundation

/// TLS in front of a plain proxy, making it an https:// proxy (TLS from the client to the
/// proxy itself): Python's ssl module accepts on 127.0.0.1 with a self-signed certificate and
/// relays the decrypted bytes to `target`'s port, both ways.
/// Unchecked Sendable: its state is set once in `init`, and `stop` is called once.
final class TLSProxyFront: @unchecked Sendable {
    let port: UInt16
    private let process: Process
    private let folder: URL

    init(target: UInt16) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-tls-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (certificate, key) = try TLSTestServer.selfSignedCertificate(in: folder)
        let script = """
            import socket, ssl, sys, threading
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            target = int(sys.argv[3])
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(16)
            print(listener.getsockname()[1], flush=True)
            def pump(source, sink):
                try:
                    while True:
                        data = source.recv(65536)
                        if not data:
                            break
                        sink.sendall(data)
                except OSError:
                    pass
                for s in (source, sink):
                    try:
                        s.close()
                    except OSError:
                        pass
            def handle(client):
                try:
                    tls = context.wrap_socket(client, server_side=True)
                except (OSError, ssl.SSLError):
                    client.close()
                    return
                upstream = socket.create_connection(("127.0.0.1", target))
                threading.Thread(target=pump, args=(tls, upstream), daemon=True).start()
                pump(upstream, tls)
            while True:
                connection, _ = listener.accept()
                threading.Thread(target=handle, args=(connection,), daemon=True).start()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, certificate, key, String(target)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = UInt16(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TLSTestServer.ServerError(message: "the TLS proxy front did not start: \(line)")
        }
        self.port = port
    }

    func stop() {
        // SIGKILL, as for TLSTestServer: SIGTERM may be blocked in a child of a dispatch thread.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
