import Foundation

/// A self-signed certificate for 127.0.0.1 and its key, made by the openssl command for a
/// test's TLS server. An EC P-256 key: 20 ms to make, where RSA 2048 took 600 ms.
public struct SelfSignedCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String

    /// Writes `cert.pem` and `key.pem` into `folder`.
    public init(in folder: URL) throws {
        keyPath = folder.appendingPathComponent("key.pem").path
        certificatePath = folder.appendingPathComponent("cert.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw TestServerError("openssl could not make a certificate") }
    }
}

/// A test server that could not start, and why.
public struct TestServerError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
