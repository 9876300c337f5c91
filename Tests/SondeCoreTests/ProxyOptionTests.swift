import Foundation
import SondeCore
import Testing

/// `options: {proxy, proxy_user, proxy_password, no_proxy}`: read, inherited, filled (secrets
/// tracked), refused with file:line when the scheme is unknown, saved back, and exported.
@Suite struct ProxyOptionTests {
    private func prepare(_ id: String, in folder: TemporaryFolder, environment name: String? = nil,
                         secrets: [String: String] = [:]) throws -> Preparation {
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.filter { !$0.isWarning } == [])
        let context = SendContext(
            collection: loaded.collection, environment: name.flatMap { loaded.collection.environment(named: $0) },
            secretSource: SecretSource(processEnvironment: secrets))
        return try RequestPreparer.prepare(try #require(loaded.collection.request(id: id)), in: context)
    }

    @Test func aProxyWithSecretCredentialsIsFilledAndItsPasswordMasked() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("r.yaml", """
            url: http://127.0.0.1/x
            options:
              proxy: "socks5h://{{proxyHost}}:1080"
              proxy_user: alice
              proxy_password: "{{env:PROXY_PASS}}"
              no_proxy: "localhost, .internal"
            """)
        try folder.write("collection.yaml", "name: P\nvariables:\n  - {name: proxyHost, value: 127.0.0.1}\n")
        let prepared = try prepare("r", in: folder, secrets: ["PROXY_PASS": "pr0xy-s3cret"])
        let proxy = ProxyURL(scheme: .socks5h, host: "127.0.0.1", port: 1080, username: "alice", password: "pr0xy-s3cret")
        #expect(prepared.request.options.proxy == ProxySettings(choice: .proxy(proxy), noProxy: "localhost, .internal"))
        #expect(prepared.request.secrets.redact("pass pr0xy-s3cret") == "pass \(SecretSet.mask)")
        // As libcurl puts it on the wire, for any printout of what was sent.
        let basic = Data("alice:pr0xy-s3cret".utf8).base64EncodedString()
        #expect(prepared.request.secrets.redact("Proxy-Authorization: Basic \(basic)") == "Proxy-Authorization: Basic \(SecretSet.mask)")

        let command = CurlCommand.render(prepared.request)
        #expect(command.contains("-x socks5h://127.0.0.1:1080 \\\n"))
        #expect(command.contains(#"--proxy-user alice:"${PROXY_PASS}" \"#))
        #expect(command.contains(#"--noproxy 'localhost, .internal'"#))
        #expect(!command.contains("pr0xy-s3cret"))
    }

    @Test func credentialsInTheURLArePercentDecodedAndTheOptionsWin() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("url.yaml", "url: http://h/\noptions: {proxy: \"http://bob:{{env:PW}}@127.0.0.1:3128\"}\n")
        try folder.write("both.yaml", "url: http://h/\noptions: {proxy: \"http://bob:x@127.0.0.1:3128\", proxy_user: carol, proxy_password: y}\n")
        let fromURL = try prepare("url", in: folder, secrets: ["PW": "a%40b"])
        guard case .proxy(let proxy) = fromURL.request.options.proxy.choice else {
            Issue.record("expected a proxy")
            return
        }
        #expect(proxy.endpoint == "http://127.0.0.1:3128")
        #expect(proxy.username == "bob")
        #expect(proxy.password == "a@b")
        // Both the value as set and as decoded are masked.
        #expect(fromURL.request.secrets.redact("a%40b a@b") == "\(SecretSet.mask) \(SecretSet.mask)")

        let both = try prepare("both", in: folder)
        guard case .proxy(let overridden) = both.request.options.proxy.choice else {
            Issue.record("expected a proxy")
            return
        }
        #expect(overridden.username == "carol")
        #expect(overridden.password == "y")
    }

    @Test func noneIsInheritedAndARequestCanTurnItBackOn() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\noptions: {proxy: none}\n")
        try folder.write("environments/corp.yaml", "name: corp\noptions: {proxy: \"http://corp-proxy:3128\"}\n")
        try folder.write("plain.yaml", "url: http://h/\n")
        try folder.write("via/folder.yaml", "name: via\noptions: {proxy: \"http://127.0.0.1:9\"}\n")
        try folder.write("via/r.yaml", "url: http://h/\n")
        #expect(try prepare("plain", in: folder).request.options.proxy.choice == .none)
        // The collection's none is over the environment's proxy.
        #expect(try prepare("plain", in: folder, environment: "corp").request.options.proxy.choice == .none)
        guard case .proxy(let proxy) = try prepare("via/r", in: folder).request.options.proxy.choice else {
            Issue.record("expected the folder's proxy")
            return
        }
        #expect(proxy.endpoint == "http://127.0.0.1:9")
        // Without any option the environment's variables decide, in the transport.
        try folder.write("collection.yaml", "name: P\n")
        #expect(try prepare("plain", in: folder).request.options.proxy == ProxySettings())
        #expect(CurlCommand.render(try prepare("plain", in: folder).request).contains("proxy") == false)
    }

    @Test func anUnknownSchemeIsAProblemAtItsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("bad.yaml", "url: http://h/\noptions:\n  timeout: 5\n  proxy: ftp://user:pw@proxy:21\n")
        try folder.write("templated.yaml", "url: http://h/\noptions:\n  proxy: \"sock5://{{host}}:1080\"\n")
        let problems = CollectionLoader.load(from: folder.url).problems
        let bad = try #require(problems.first { $0.file == "bad.yaml" })
        #expect(bad.description == "bad.yaml:4:10: unknown proxy scheme ftp://: use http://, https://, socks5:// or socks5h:// (or socks4://, socks4a://)")
        #expect(!bad.isWarning)
        // A written-out scheme is checked even when the rest is a template.
        let templated = try #require(problems.first { $0.file == "templated.yaml" })
        #expect(templated.line == 3)
        #expect(templated.message.hasPrefix("unknown proxy scheme sock5://"))
    }

    @Test func falseIsNotMistakenForAHostName() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("r.yaml", "url: http://h/\noptions: {proxy: false}\n")
        let problem = try #require(CollectionLoader.load(from: folder.url).problems.first)
        #expect(problem.description == "r.yaml:2:18: proxy: false is not a proxy URL: write proxy: none to go without any proxy")
    }

    @Test func aSchemeFromAVariableIsRefusedBeforeSendingWithTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\nvariables:\n  - {name: proxy, value: \"gopher://u:{{env:PW}}@p:70\"}\n")
        try folder.write("environments/e.yaml", "name: e\n")
        try folder.write("api/folder.yaml", "name: api\noptions:\n  proxy: \"{{proxy}}\"\n")
        try folder.write("api/r.yaml", "url: http://h/\n")
        let error = #expect(throws: RequestError.self) { try prepare("api/r", in: folder, environment: "e", secrets: ["PW": "hunter2-long"]) }
        #expect(error?.description == "api/folder.yaml:3:3: invalid proxy gopher://p:70: unknown proxy scheme gopher://: use http://, https://, socks5:// or socks5h:// (or socks4://, socks4a://)")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func anUnsetSecretInTheProxyIsFoundUnderOptions() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("r.yaml", "url: http://h/\noptions:\n  proxy: http://127.0.0.1:3128\n  proxy_password: \"{{env:PROXY_PASS}}\"\n")
        let error = #expect(throws: RequestError.self) { try prepare("r", in: folder) }
        #expect(error?.description.hasPrefix("r.yaml:4:20: secret {{env:PROXY_PASS}} in proxy_password is not set") == true)
    }

    @Test func theOptionsAreSavedBackAsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: P\n")
        try folder.write("r.yaml", """
            url: http://h/
            options: {proxy: "http://127.0.0.1:{{port}}", proxy_user: u, proxy_password: "{{env:P}}", no_proxy: "*"}
            """)
        try folder.write("off.yaml", "url: http://h/\noptions: {proxy: none}\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        for id in ["r", "off"] {
            let saved = try #require(collection.request(id: id))
            try folder.write("copy-\(id).yaml", try RequestFileWriter.yaml(for: saved.definition, original: nil))
        }
        let copies = CollectionLoader.load(from: folder.url).collection
        #expect(try #require(copies.request(id: "copy-r")).definition.options == collection.request(id: "r")?.definition.options)
        #expect(try #require(copies.request(id: "copy-off")).definition.options.proxy == ProxyOption.none)
    }

    @Test func noneIsExportedAsNoproxyStar() throws {
        var options = TransferOptions()
        options.proxy = ProxySettings(choice: .none)
        #expect(CurlCommand.render(PreparedRequest(method: .GET, url: "http://h/", options: options)).contains("--noproxy '*'"))
    }
}
