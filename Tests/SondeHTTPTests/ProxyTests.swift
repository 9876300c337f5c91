import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import SondeTestSupport
import Testing

/// A GET of `url` through the proxy at `proxy`, with the credentials and no_proxy given.
private func request(_ url: String, proxy: String, user: String? = nil, password: String? = nil,
                     noProxy: String? = nil, verifyTLS: Bool = true) throws -> PreparedRequest {
    var proxyURL = try ProxyURL.parse(proxy)
    if let user { proxyURL.username = user }
    if let password { proxyURL.password = password }
    var options = TransferOptions(verifyTLS: verifyTLS)
    options.proxy = ProxySettings(choice: .proxy(proxyURL), noProxy: noProxy)
    return PreparedRequest(method: .GET, url: url, options: options)
}

/// Requests through a logging proxy on loopback: HTTP forward and CONNECT, SOCKS5 with and
/// without name resolution, credentials from `{{env:}}` that reach the proxy and nothing else.
/// The environment's proxy variables are tested through the `sonde` binary (SondeCLITests),
/// since setting them here would reach every test running beside these.
@Suite struct ProxyTests {
    let transport = CurlTransport()

    @Test func anHTTPProxyForwardsTheRequestInAbsoluteForm() async throws {
        let proxy = try LoggingProxy(.http)
        defer { proxy.stop() }
        try await withDemoServer { demo in
            let response = try await transport.send(try request(demo.url("/echo/through?x=1"), proxy: proxy.url))
            #expect(response.status == 200)
            #expect(try Echo(response).path == "/echo/through")
            #expect(proxy.records.map(\.requestLine) == ["GET \(demo.url("/echo/through?x=1")) HTTP/1.1"])
            #expect(response.proxyRoute == .proxy(endpoint: proxy.url, variable: nil))
        }
    }

    @Test func proxyCredentialsFromASecretReachTheProxyOnlyAndAreNeverShown() async throws {
        let password = "pr0xy-\(UUID().uuidString.prefix(8))"
        let proxy = try LoggingProxy(.http, credentials: ("alice", password))
        defer { proxy.stop() }
        let folder = try TemporaryFolder()
        try await withDemoServer { demo in
            try Data("name: P\n".utf8).write(to: folder.url.appendingPathComponent("collection.yaml"))
            try Data("""
                url: \(demo.url("/echo"))
                options:
                  proxy: \(proxy.url)
                  proxy_user: alice
                  proxy_password: "{{env:PROXY_PASS}}"
                """.utf8).write(to: folder.url.appendingPathComponent("r.yaml"))
            let collection = CollectionLoader.load(from: folder.url).collection
            let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: ["PROXY_PASS": password]))
            let exchange = try await RequestSender(transport: transport).send(try #require(collection.request(id: "r")), in: context)
            #expect(exchange.response.status == 200)
            let record = try #require(proxy.records.first)
            #expect(record.authorized == true)
            #expect(record.header("Proxy-Authorization") == "Basic " + Data("alice:\(password)".utf8).base64EncodedString())
            // Not among the request's own headers, so not in any printout of them, nor in history.
            #expect(!exchange.request.headers.contains { $0.value.contains(password) || $0.name.lowercased().hasPrefix("proxy") })
            let entry = try JSONEncoder().encode(HistoryEntry.make(from: exchange, date: Date()))
            #expect(!String(decoding: entry, as: UTF8.self).contains(password))
            #expect(!String(decoding: entry, as: UTF8.self).contains(Data("alice:\(password)".utf8).base64EncodedString()))
            #expect(!exchange.response.proxyRoute.description.contains(password))
        }
    }

    @Test func wrongProxyCredentialsGetTheProxys407() async throws {
        let proxy = try LoggingProxy(.http, credentials: ("alice", "right"))
        defer { proxy.stop() }
        try await withDemoServer { demo in
            let response = try await transport.send(try request(demo.url("/echo"), proxy: proxy.url, user: "alice", password: "wrong"))
            #expect(response.status == 407)
            #expect(proxy.records.first?.authorized == false)
        }
    }

    @Test func aRefusedTunnelIsTheProxysFailure() async throws {
        let proxy = try LoggingProxy(.http, credentials: ("alice", "right"))
        defer { proxy.stop() }
        let request = try request("https://127.0.0.1:9/", proxy: proxy.url, user: "alice", password: "wrong")
        let error = await transportError(transport, request)
        guard case .proxy(let endpoint, let reason) = error else {
            Issue.record("expected a proxy failure, got \(String(describing: error))")
            return
        }
        #expect(endpoint == proxy.url)
        #expect(reason.contains("407"))
    }

    @Test(arguments: [("socks5", ["ipv4", "ipv6"]), ("socks5h", ["domain"])])
    func socks5ResolvesTheNameItselfAndSocks5hLeavesItToTheProxy(scheme: String, addressTypes: [String]) async throws {
        let proxy = try LoggingProxy(.socks5, credentials: ("bob", "socks-pass"))
        defer { proxy.stop() }
        try await withDemoServer { demo in
            let endpoint = "\(scheme)://127.0.0.1:\(proxy.port)"
            let response = try await transport.send(
                try request("http://localhost:\(demo.port)/echo", proxy: endpoint, user: "bob", password: "socks-pass"))
            #expect(response.status == 200)
            let record = try #require(proxy.records.first)
            #expect(addressTypes.contains(record.addressType ?? ""))
            #expect(record.socksUser == "bob")
            #expect(record.authorized == true)
            if scheme == "socks5h" { #expect(record.target == "localhost:\(demo.port)") }
            #expect(response.proxyRoute == .proxy(endpoint: endpoint, variable: nil))
        }
    }

    @Test func noProxyHostsGoDirect() async throws {
        let proxy = try LoggingProxy(.http)
        defer { proxy.stop() }
        try await withDemoServer { demo in
            let response = try await transport.send(try request(demo.url("/echo"), proxy: proxy.url, noProxy: "localhost, 127.0.0.0/8"))
            #expect(response.status == 200)
            #expect(proxy.records.isEmpty)
            #expect(response.proxyRoute == .bypassed(entry: "127.0.0.0/8", variable: nil))
        }
    }

    @Test func aProxyThatIsDownIsNamedNotTheServer() async throws {
        let proxy = try LoggingProxy(.http)
        let port = proxy.port
        proxy.stop()
        let error = await transportError(transport, try request("http://127.0.0.1:9/", proxy: "http://127.0.0.1:\(port)"))
        guard case .proxy(let endpoint, _) = error else {
            Issue.record("expected a proxy failure, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "http://127.0.0.1:\(port)")
        #expect(error?.description.hasPrefix("proxy http://127.0.0.1:\(port): could not connect to the proxy") == true)
    }
}

/// Proxies and TLS: an https request through a CONNECT tunnel, an https:// proxy (TLS to the
/// proxy itself, its certificate checked like a server's). One at a time: each starts Python.
@Suite(.serialized) struct TLSProxyTests {
    let transport = CurlTransport()

    @Test func httpsGoesThroughACONNECTTunnelThatCarriesNoneOfTheRequestsHeaders() async throws {
        let proxy = try LoggingProxy(.http, credentials: ("alice", "tunnel-pass"))
        defer { proxy.stop() }
        let server = try await offThePool { try TLSTestServer() }
        defer { server.stop() }
        var tunnelled = try request("https://127.0.0.1:\(server.port)/secret/path", proxy: proxy.url, user: "alice", password: "tunnel-pass", verifyTLS: false)
        tunnelled.headers = [HeaderField(name: "Authorization", value: "Bearer server-token-123", isSecret: true)]
        let response = try await transport.send(tunnelled)
        #expect(response.status == 200)
        let record = try #require(proxy.records.first)
        #expect(proxy.records.count == 1)
        #expect(record.requestLine == "CONNECT 127.0.0.1:\(server.port) HTTP/1.1")
        #expect(record.authorized == true)
        // The server's credentials and the path travel inside the TLS tunnel only.
        #expect(!record.headers.joined().contains("server-token-123"))
        #expect(record.header("Authorization") == nil)
        #expect(!record.requestLine.contains("/secret/path"))
    }


    @Test func anHTTPSProxyIsReachedOverTLSAndItsCertificateChecked() async throws {
        let proxy = try LoggingProxy(.http, credentials: ("alice", "over-tls"))
        defer { proxy.stop() }
        let port = proxy.port
        let front = try await offThePool { try TLSProxyFront(target: port) }
        defer { front.stop() }
        try await withDemoServer { demo in
            var proxyURL = try ProxyURL.parse("https://alice:over-tls@127.0.0.1:\(front.port)")
            var options = TransferOptions(verifyTLS: true)
            options.proxy = ProxySettings(choice: .proxy(proxyURL))
            // A certificate no authority signed: refused, as a server's would be.
            let refused = await transportError(transport, PreparedRequest(method: .GET, url: demo.url("/echo"), options: options))
            // Named as the proxy's: a plain-http request has no TLS of its own.
            guard case .proxy(let endpoint, let reason) = refused else {
                Issue.record("expected the proxy's TLS failure, got \(String(describing: refused))")
                return
            }
            #expect(endpoint == "https://127.0.0.1:\(front.port)")
            #expect(reason.hasPrefix("TLS failure: "))
            #expect(reason.lowercased().contains("certificate"))
            #expect(proxy.records.isEmpty)

            proxyURL.password = "over-tls"
            options.verifyTLS = false
            options.proxy = ProxySettings(choice: .proxy(proxyURL))
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/echo/tls-proxy"), options: options))
            #expect(response.status == 200)
            #expect(proxy.records.map(\.requestLine) == ["GET \(demo.url("/echo/tls-proxy")) HTTP/1.1"])
            #expect(proxy.records.first?.authorized == true)
            #expect(response.proxyRoute == .proxy(endpoint: "https://127.0.0.1:\(front.port)", variable: nil))
        }
    }
}
