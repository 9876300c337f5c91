import Foundation
import SondeCore
import SondeHTTP
import SondeTestSupport
import Testing

/// Client certificates and private authorities against a local HTTPS server that requires a
/// client certificate (Python's ssl with CERT_REQUIRED), all made by openssl in a temp folder.
/// Requests are saved files sent through the whole stack, so the options' decoding, their
/// paths (from the collection's root, through `certs` linked to the PKI) and `{{env:}}` count.
@Suite(.serialized) struct ClientCertificateTests {
    /// A collection whose `api/secure.yaml` GETs `server` with `options`, written as YAML lines.
    final class Collection {
        let root: URL

        init(pki: TestPKI, url: String, options: [String], collectionOptions: [String] = []) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-tls-collection-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("api"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("certs"), withDestinationURL: pki.folder)
            var collection = "name: TLS\n"
            if !collectionOptions.isEmpty { collection += "options:\n" + collectionOptions.map { "  \($0)\n" }.joined() }
            try Data(collection.utf8).write(to: root.appendingPathComponent("collection.yaml"))
            let request = "name: secure\nurl: \"\(url)\"\noptions:\n" + options.map { "  \($0)\n" }.joined()
            try Data(request.utf8).write(to: root.appendingPathComponent("api/secure.yaml"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func send(secrets: [String: String] = [:]) async throws(SendError) -> Exchange {
            let loaded = CollectionLoader.load(from: root)
            #expect(loaded.problems.isEmpty, "\(loaded.problems)")
            guard let saved = loaded.collection.request(id: "api/secure") else {
                throw .preparation(.invalidURL("api/secure", reason: "not loaded: \(loaded.problems)"))
            }
            let context = SendContext(
                collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: secrets))
            return try await RequestSender(transport: CurlTransport()).send(saved, in: context)
        }
    }

    /// Sends with `options` to a fresh server and PKI; the exchange or the error.
    private func send(
        _ options: [String], collectionOptions: [String] = [], secrets: [String: String] = [:]
    ) async throws -> Result<Exchange, SendError> {
        let pki = try await offThePool { try TestPKI() }
        let server = try await offThePool { try ClientCertificateServer(pki: pki) }
        defer { server.stop() }
        let collection = try Collection(pki: pki, url: server.url, options: options, collectionOptions: collectionOptions)
        do throws(SendError) {
            return .success(try await collection.send(secrets: secrets))
        } catch {
            return .failure(error)
        }
    }

    private func tlsReason(_ result: Result<Exchange, SendError>) -> String? {
        guard case .failure(.transport(let failure)) = result, case .tls(let reason) = failure.error else {
            Issue.record("expected a TLS failure, got \(result)")
            return nil
        }
        return reason
    }

    private func client(_ result: Result<Exchange, SendError>) throws -> String? {
        let exchange = try result.get()
        #expect(exchange.response.status == 200)
        let object = try JSONSerialization.jsonObject(with: exchange.response.body) as? [String: Any]
        return object?["client"] as? String
    }

    @Test func withoutACertificateTheServerRefusesAndTheErrorSaysWhatToSet() async throws {
        let reason = tlsReason(try await send(["ca_cert: certs/ca.pem"]))
        #expect(reason?.hasPrefix("the server requires a client certificate: set options client_cert") == true, "\(reason ?? "")")
    }

    @Test func aPEMCertificateAndKeyAreSentAndCACertTrustsThePrivateAuthority() async throws {
        let result = try await send(["client_cert: certs/client.pem", "client_key: certs/client.key", "ca_cert: certs/ca.pem"])
        #expect(try client(result) == TestPKI.clientName)
        #expect(try result.get().request.options.verifyTLS)
    }

    @Test func aDERCertificateAndKeyAreReadByTheirExtension() async throws {
        let result = try await send(["client_cert: certs/client.der", "client_key: certs/client-key.der", "ca_cert: certs/ca.pem"])
        #expect(try client(result) == TestPKI.clientName)
    }

    @Test func aP12BundleOpensWithThePasswordFromTheEnvironmentWhichStaysSecret() async throws {
        let result = try await send(
            ["client_cert: certs/client.p12", "key_password: \"{{env:KEY_PASS}}\"", "ca_cert: certs/ca.pem"],
            secrets: ["KEY_PASS": TestPKI.p12Password])
        #expect(try client(result) == TestPKI.clientName)
        let request = try result.get().request
        #expect(request.options.tls.clientCertificate?.type == .p12)
        #expect(request.secrets.redact("pass \(TestPKI.p12Password)") == "pass \(SecretSet.mask)")
        #expect(request.secrets.variableNames[TestPKI.p12Password] == "KEY_PASS")
    }

    @Test func aWrongP12PasswordIsAClearErrorWithoutThePassword() async throws {
        let wrong = "not-the-pass-4417"
        let result = try await send(
            ["client_cert: certs/client.p12", "client_cert_type: p12", "key_password: \"{{env:KEY_PASS}}\"", "ca_cert: certs/ca.pem"],
            secrets: ["KEY_PASS": wrong])
        let reason = tlsReason(result) ?? ""
        #expect(reason.hasPrefix("the P12 client certificate could not be opened: wrong key_password"), "\(reason)")
        guard case .failure(let error) = result else { return }
        #expect(!"\(error)".contains(wrong))
    }

    @Test func anEncryptedPEMKeyNeedsItsPassword() async throws {
        let options = ["client_cert: certs/client.pem", "client_key: certs/client-encrypted.key", "ca_cert: certs/ca.pem"]
        let opened = try await send(options + ["key_password: \(TestPKI.keyPassword)"])
        #expect(try client(opened) == TestPKI.clientName)
        // Written literally, the pass phrase is still a secret.
        #expect(try opened.get().request.secrets.values.contains(TestPKI.keyPassword))
        let wrong = tlsReason(try await send(options + ["key_password: wrong-pass-2290"])) ?? ""
        #expect(wrong.hasPrefix("the client key could not be used: wrong key_password"), "\(wrong)")
        #expect(!wrong.contains("wrong-pass-2290"))
    }

    @Test func aCertificateNoTrustedAuthoritySignedIsRefusedByTheServer() async throws {
        let reason = tlsReason(try await send(["client_cert: certs/stranger.pem", "client_key: certs/stranger.key", "ca_cert: certs/ca.pem"]))
        #expect(reason?.hasPrefix("the server refused the client certificate") == true, "\(reason ?? "")")
    }

    @Test func withoutCACertThePrivateAuthorityIsNotTrustedAndTheErrorSaysSo() async throws {
        let reason = tlsReason(try await send(["client_cert: certs/client.pem", "client_key: certs/client.key"]))
        #expect(reason?.contains("certificate") == true)
        #expect(reason?.contains("set options ca_cert: FILE") == true, "\(reason ?? "")")
    }

    @Test func aCAPathOfHashedNamesIsTrustedAndAPlainFolderIsRefusedBeforeSending() async throws {
        let result = try await send(["client_cert: certs/client.pem", "client_key: certs/client.key", "ca_path: certs/capath"])
        #expect(try client(result) == TestPKI.clientName)
        // The PKI's own folder holds ca.pem, but under no hashed name: OpenSSL would not find it.
        guard case .failure(.preparation(.invalidTLSOption(let key, let reason, let position))) =
            try await send(["client_cert: certs/client.pem", "ca_path: certs"])
        else {
            Issue.record("expected the ca_path to be refused")
            return
        }
        #expect(key == "ca_path")
        #expect(reason.contains("openssl rehash"))
        #expect(position == FilePosition(file: "api/secure.yaml", line: 5, column: 3))
    }

    @Test func aMissingFileIsRefusedBeforeSendingAtTheLineThatNamesIt() async throws {
        let result = try await send(["ca_cert: certs/ca.pem"], collectionOptions: ["verify_tls: true", "client_cert: certs/nothere.pem"])
        guard case .failure(.preparation(let error)) = result else {
            Issue.record("expected a preparation error, got \(result)")
            return
        }
        let path = "/certs/nothere.pem"
        #expect(error.description.hasPrefix("collection.yaml:4:3: options client_cert: no such file /"))
        #expect(error.description.hasSuffix(path))
        let keyAlone = try await send(["client_key: certs/client.key", "ca_cert: certs/ca.pem"])
        guard case .failure(.preparation(let keyError)) = keyAlone else {
            Issue.record("expected a preparation error, got \(keyAlone)")
            return
        }
        #expect(keyError.description == "api/secure.yaml:4:3: options client_key: client_key is set but client_cert is not: name the certificate with client_cert")
    }

    @Test func aResetRightAfterTheHandshakeSuggestsAClientCertificateWhenNoneIsSet() async throws {
        // Some servers refuse a missing certificate by resetting the connection, which drops
        // their TLS alert: this one completes the handshake, reads the request and resets.
        let pki = try await offThePool { try TestPKI() }
        let server = try PythonTestServer(script: """
            import socket, ssl, struct, sys
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            listener = socket.create_server(("127.0.0.1", 0))
            print(listener.getsockname()[1], flush=True)
            while True:
                raw, _ = listener.accept()
                try:
                    connection = context.wrap_socket(raw, server_side=True)
                    connection.recv(65536)
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    connection.close()
                except OSError:
                    raw.close()
            """, arguments: [pki.path("server.pem"), pki.path("server.key")])
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/"
        let hint = "if the server requires a client certificate, set options client_cert"
        let bare = try await Collection(pki: pki, url: url, options: ["ca_cert: certs/ca.pem"]).sendResult()
        guard case .failure(.transport(let failure)) = bare, case .connectionLost(let reason) = failure.error else {
            Issue.record("expected a lost connection, got \(bare)")
            return
        }
        #expect(reason.hasSuffix("(right after the TLS handshake: \(hint))"), "\(reason)")
        let withCertificate = try await Collection(
            pki: pki, url: url, options: ["ca_cert: certs/ca.pem", "client_cert: certs/client.pem", "client_key: certs/client.key"]
        ).sendResult()
        guard case .failure(.transport(let other)) = withCertificate, case .connectionLost(let otherReason) = other.error else {
            Issue.record("expected a lost connection, got \(withCertificate)")
            return
        }
        #expect(!otherReason.contains(hint))
    }
}

extension ClientCertificateTests.Collection {
    func sendResult() async -> Result<Exchange, SendError> {
        do throws(SendError) {
            return .success(try await send())
        } catch {
            return .failure(error)
        }
    }
}
