import Foundation
import SondeTestSupport
import Testing

/// `sonde send` with a client certificate against a local server that requires one: the real
/// binary sends it, `-v` names it, `--curl` prints a command that real curl runs to the same
/// answer with the pass phrase left in its variable, and a missing file stops the send.
@Suite struct ClientCertificateCommandTests {
    let password = TestPKI.p12Password

    /// A demo collection copy with `certs` linked to `pki` and `tls/secure.yaml` GETting `url`.
    private func collection(pki: TestPKI, url: String, options: [String]) throws -> DemoCollectionCopy {
        let folder = try DemoCollectionCopy()
        try FileManager.default.createSymbolicLink(at: folder.collection.appendingPathComponent("certs"), withDestinationURL: pki.folder)
        try folder.write("tls/secure.yaml", "url: \"\(url)\"\noptions:\n" + options.map { "  \($0)\n" }.joined())
        return folder
    }

    private let p12Options = ["client_cert: certs/client.p12", "key_password: \"{{env:KEY_PASS}}\"", "ca_cert: certs/ca.pem"]

    @Test func aP12CertificateIsSentAndVerboseNamesItButNotItsPassword() async throws {
        let pki = try await offThePool { try TestPKI() }
        let server = try await offThePool { try ClientCertificateServer(pki: pki) }
        defer { server.stop() }
        let folder = try collection(pki: pki, url: server.url, options: p12Options)
        let result = try await SondeBinary.run(
            ["send", "demo/tls/secure", "-v", "--raw", "--collections", folder.root.path], environment: ["KEY_PASS": password])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"client": "sonde client"}"#)
        #expect(result.stderr.contains("* client certificate \(folder.collection.path)/certs/client.p12 (P12)\n"))
        #expect(result.stderr.contains("* trusting the authorities in \(folder.collection.path)/certs/ca.pem (ca_cert)\n"))
        #expect(!result.stderr.contains("TLS not verified"))
        #expect(!result.output.contains(password))
    }

    @Test func theCurlExportRunsWithRealCurlAndKeepsThePasswordInItsVariable() async throws {
        let pki = try await offThePool { try TestPKI() }
        let server = try await offThePool { try ClientCertificateServer(pki: pki) }
        defer { server.stop() }
        let folder = try collection(pki: pki, url: server.url, options: p12Options)
        let export = try await SondeBinary.run(
            ["send", "demo/tls/secure", "--curl", "--collections", folder.root.path], environment: ["KEY_PASS": password])
        #expect(export.status == 0, "\(export.stderr)")
        let certs = folder.collection.path + "/certs"
        #expect(export.stdout.contains("--cert \(certs)/client.p12 \\\n  --cert-type P12 \\\n  --pass \"${KEY_PASS}\" \\\n  --cacert \(certs)/ca.pem"))
        #expect(!export.output.contains(password))

        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", export.stdout]
        shell.environment = ["PATH": "/usr/bin:/bin", "KEY_PASS": password]
        let output = Pipe()
        shell.standardOutput = output
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let data: Data = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile()) }.start()
        }
        shell.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == #"{"client": "sonde client"}"#)
    }

    @Test func thePEMKeyExportsAsKeyAndAMissingFileStopsTheSendAtItsLine() async throws {
        let pki = try await offThePool { try TestPKI() }
        let folder = try collection(
            pki: pki, url: "https://127.0.0.1:9/",
            options: ["client_cert: certs/client.der", "client_key: certs/client-key.der", "ca_path: certs/capath"])
        let export = try await SondeBinary.run(["send", "demo/tls/secure", "--curl", "--collections", folder.root.path])
        let certs = folder.collection.path + "/certs"
        #expect(export.stdout.contains(
            "--cert \(certs)/client.der \\\n  --cert-type DER \\\n  --key \(certs)/client-key.der \\\n  --key-type DER \\\n  --capath \(certs)/capath"))

        try folder.write("tls/secure.yaml", "url: https://127.0.0.1:9/\noptions: {ca_cert: certs/ca.pem, client_cert: certs/missing.pem}\n")
        let missing = try await SondeBinary.run(["send", "demo/tls/secure", "--collections", folder.root.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("tls/secure.yaml:2:34: options client_cert: no such file \(certs)/missing.pem"), "\(missing.stderr)")
    }
}
