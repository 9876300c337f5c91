import Foundation
import Testing
@testable import SondeCore

/// The TLS options in collection files: decoding and its problems, inheritance field by field,
/// paths from the collection's root, the pass phrase as a secret, saving, and `--curl`.
@Suite struct TLSOptionTests {
    private func prepare(_ id: String, in folder: TemporaryFolder, secrets: [String: String] = [:]) throws -> Preparation {
        let loaded = CollectionLoader.load(from: folder.url)
        let collection = loaded.collection
        let context = SendContext(
            collection: collection, environment: collection.environment(named: "local"),
            secretSource: SecretSource(processEnvironment: secrets))
        return try RequestPreparer.prepare(try #require(collection.request(id: id)), in: context)
    }

    @Test func optionsDecodeAndInheritFieldByFieldWithPathsFromTheCollectionRoot() throws {
        let folder = try TemporaryFolder()
        for name in ["ca.pem", "certs/client.p12", "certs/client.pem", "certs/client.key"] { _ = try folder.write(name, "x") }
        _ = try folder.write("collection.yaml", "name: TLS\nvariables: {certs: certs}\noptions:\n  ca_cert: ca.pem\n  client_cert: certs/client.pem\n")
        _ = try folder.write("environments/local.yaml", "options: {client_key: \"{{certs}}/client.key\", key_password: \"{{env:PASS}}\"}\n")
        _ = try folder.write("shop/own.yaml", """
            url: https://127.0.0.1/x
            options:
              client_cert: "{{certs}}/client.p12"   # a bundle: its type comes from the extension
            """)
        _ = try folder.write("shop/inherit.yaml", "url: https://127.0.0.1/y\noptions: {client_cert_type: PEM}\n")
        #expect(CollectionLoader.load(from: folder.url).problems == [])

        let own = try prepare("shop/own", in: folder, secrets: ["PASS": "pass-phrase-1"])
        let root = folder.url.standardizedFileURL.path
        #expect(own.request.options.tls == TLSSettings(
            clientCertificate: ClientCertificate(
                path: root + "/certs/client.p12", type: .p12, keyPath: root + "/certs/client.key", password: "pass-phrase-1"),
            caFile: root + "/ca.pem"))
        #expect(own.request.secrets.variableNames["pass-phrase-1"] == "PASS")

        let inherited = try prepare("shop/inherit", in: folder, secrets: ["PASS": "pass-phrase-1"])
        #expect(inherited.request.options.tls.clientCertificate?.path == root + "/certs/client.pem")
        #expect(inherited.request.options.tls.clientCertificate?.type == .pem)
    }

    @Test func badValuesAreProblemsAtTheirLine() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("bad.yaml", """
            url: https://127.0.0.1/x
            options:
              client_cert: "certs/{{dir/client.pem"
              client_cert_type: pkcs7
              ca_path: ""
              client_crt: x.pem
            """)
        let problems = CollectionLoader.load(from: folder.url).problems.map(\.description)
        #expect(problems.contains("bad.yaml:3:23: unclosed {{ in client_cert: close it with }}"), "\(problems)")
        #expect(problems.contains("bad.yaml:4:21: client_cert_type must be pem, der or p12, not pkcs7"))
        #expect(problems.contains("bad.yaml:5:12: ca_path needs a path (relative paths start at the collection's folder)"))
        #expect(problems.contains("bad.yaml:6:3: unknown key client_crt in options, ignored (did you mean client_cert?)"))
    }

    @Test func anUnsetPasswordSecretIsLocatedInTheOptions() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("c.pem", "x")
        _ = try folder.write("api/get.yaml", "url: https://127.0.0.1/x\noptions:\n  client_cert: c.pem\n  key_password: \"{{env:NOPE}}\"\n")
        let error = #expect(throws: RequestError.self) { try prepare("api/get", in: folder) }
        #expect(error?.description.hasPrefix("api/get.yaml:4:18: secret {{env:NOPE}} in option key_password is not set") == true, "\(String(describing: error))")
    }

    @Test func aKeyWithoutACertificateIsRefusedInTheRequestButNotWhenInherited() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("collection.yaml", "name: TLS\noptions: {key_password: \"{{env:PASS}}\"}\n")
        _ = try folder.write("plain.yaml", "url: https://127.0.0.1/x\n")
        _ = try folder.write("keyed.yaml", "url: https://127.0.0.1/x\noptions: {client_key: k.pem}\n")
        // The inherited pass phrase's secret is not even needed.
        #expect(try prepare("plain", in: folder).request.options.tls == TLSSettings())
        let error = #expect(throws: RequestError.self) { try prepare("keyed", in: folder, secrets: ["PASS": "pass-phrase-2"]) }
        #expect(error == .invalidTLSOption(
            key: "client_key", reason: "client_key is set but client_cert is not: name the certificate with client_cert",
            position: FilePosition(file: "keyed.yaml", line: 2, column: 11)))
    }

    @Test func aLiteralPasswordIsASecretToo() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("c.p12", "x")
        _ = try folder.write("get.yaml", "url: https://127.0.0.1/x\noptions: {client_cert: c.p12, key_password: literal-pass}\n")
        let prepared = try prepare("get", in: folder)
        #expect(prepared.request.secrets.redact("literal-pass") == SecretSet.mask)
        #expect(CurlCommand.render(prepared.request).contains("--pass '\(SecretSet.mask)'"))
    }

    @Test func optionsSurviveSavingAndLoading() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("get.yaml", "url: https://127.0.0.1/x\n")
        var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "get"))
        let tls = TLSOverrides(
            clientCert: "certs/{{name}}.p12", clientKey: "k.pem", clientCertType: .p12, keyPassword: "{{env:PASS}}",
            caCert: "~/ca.pem", caPath: "/etc/ssl/certs")
        saved.definition.options.tls = tls
        _ = try RequestFileWriter.save(saved)
        let reloaded = CollectionLoader.load(from: folder.url)
        #expect(reloaded.problems == [])
        #expect(try #require(reloaded.collection.request(id: "get")).definition.options.tls == tls)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("client_cert_type: p12"))
    }

    @Test func optionPositionsAreFoundInBlockAndFlowMappingsButNotInComments() {
        let block = "url: x\n# client_cert: no\noptions:\n  # client_cert: commented\n  client_cert_type: der\n  client_cert: a.der\nbody: {client_cert: 1}\n"
        #expect(RequestPreparer.optionPosition("client_cert", in: block)! == (6, 3))
        #expect(RequestPreparer.optionPosition("ca_cert", in: block) == nil)
        let flow = "url: x\noptions: {timeout: 3, \"ca_cert\": a.pem}\n"
        #expect(RequestPreparer.optionPosition("ca_cert", in: flow)! == (2, 24))
    }

    @Test func caPathNamesAreTheSubjectHashesOpenSSLLooksUp() {
        #expect(RequestPreparer.isSubjectHashName("86b30a7a.0"))
        #expect(RequestPreparer.isSubjectHashName("86B30A7A.12"))
        #expect(RequestPreparer.isSubjectHashName("86b30a7a.r0"))
        #expect(!RequestPreparer.isSubjectHashName("ca.pem"))
        #expect(!RequestPreparer.isSubjectHashName("86b30a7a.pem"))
        #expect(!RequestPreparer.isSubjectHashName("86b30a7.0"))
        #expect(!RequestPreparer.isSubjectHashName("86b30a7a."))
    }

    @Test func curlExportEscapesAColonInTheCertificateNameAndNamesTheKeyType() {
        var options = TransferOptions()
        options.tls = TLSSettings(
            clientCertificate: ClientCertificate(path: "/c:d/client.pem", type: .pem, keyPath: "/k.der", password: "pw-from-env"))
        var secrets = SecretSet()
        secrets.insert("pw-from-env", fromVariable: "CERT_PASS")
        let command = CurlCommand.render(PreparedRequest(method: .GET, url: "https://h/", options: options, secrets: secrets))
        #expect(command.contains(#"--cert '/c\:d/client.pem' \"#))
        #expect(command.contains("--cert-type PEM \\\n  --key /k.der \\\n  --key-type DER \\\n  --pass \"${CERT_PASS}\""))
        #expect(!command.contains("pw-from-env"))
    }

    @Test func theTypeIsInferredFromTheExtension() {
        #expect(CertificateType.inferred(fromPath: "/a/Client.P12") == .p12)
        #expect(CertificateType.inferred(fromPath: "b.pfx") == .p12)
        #expect(CertificateType.inferred(fromPath: "c.der") == .der)
        #expect(CertificateType.inferred(fromPath: "d.crt") == .pem)
    }
}
