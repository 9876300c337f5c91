import Foundation
import SondeTestSupport
import Testing

/// `sonde send` and proxies, through the real binary with the environment a shell would give
/// it: `http_proxy` honoured as curl honours it, `no_proxy` and `proxy: none` bypassing it, the
/// route said in `-v`, proxy credentials from `{{env:}}` never printed.
@Suite struct ProxyCommandTests {
    private func send(_ folder: DemoCollectionCopy, _ request: String, environment: [String: String], _ extra: [String] = []) async throws -> RunResult {
        try await SondeBinary.run(["send", "demo/\(request)", "-v", "--collections", folder.root.path] + extra, environment: environment)
    }

    @Test func httpProxyFromTheEnvironmentIsUsedAndNamedInVerbose() async throws {
        let proxy = try LoggingProxy(.http)
        defer { proxy.stop() }
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("proxied/get.yaml", "url: \"\(base)/echo/env\"\n")
            let result = try await send(folder, "proxied/get", environment: ["http_proxy": proxy.url])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stderr.contains("\n* via proxy \(proxy.url) from $http_proxy\n"))
            #expect(proxy.records.map(\.requestLine) == ["GET \(base)/echo/env HTTP/1.1"])
            #expect(result.stdout.contains("/echo/env"))
        }
    }

    @Test func noneAndNoProxyBypassTheEnvironmentsProxy() async throws {
        let proxy = try LoggingProxy(.http)
        defer { proxy.stop() }
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("direct/none.yaml", "url: \"\(base)/echo/none\"\noptions: {proxy: none}\n")
            try folder.write("direct/plain.yaml", "url: \"\(base)/echo/plain\"\n")
            let none = try await send(folder, "direct/none", environment: ["http_proxy": proxy.url, "all_proxy": proxy.url])
            #expect(none.status == 0, "\(none.output)")
            #expect(none.stderr.contains("\n* direct (proxy: none)\n"))
            let bypassed = try await send(folder, "direct/plain", environment: ["http_proxy": proxy.url, "no_proxy": "example.com,127.0.0.1"])
            #expect(bypassed.status == 0, "\(bypassed.output)")
            #expect(bypassed.stderr.contains("\n* direct (127.0.0.1 in $no_proxy)\n"))
            #expect(proxy.records.isEmpty)
            // With no proxy anywhere, -v says nothing of one.
            let plain = try await send(folder, "direct/plain", environment: [:])
            #expect(!plain.stderr.contains("proxy") && !plain.stderr.contains("* direct"))
        }
    }

    @Test func proxyCredentialsFromASecretAreSentButNeverPrinted() async throws {
        let password = "pr0xy-\(UUID().uuidString.prefix(10))"
        let proxy = try LoggingProxy(.socks5, credentials: ("carol", password))
        defer { proxy.stop() }
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let port = base.split(separator: ":").last ?? ""
            try folder.write("socks/get.yaml", """
                url: "http://localhost:\(port)/echo/socks"
                options:
                  proxy: "socks5h://carol:{{env:PROXY_PASS}}@127.0.0.1:\(proxy.port)"
                """)
            let result = try await send(folder, "socks/get", environment: ["PROXY_PASS": password])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stderr.contains("\n* via proxy socks5h://127.0.0.1:\(proxy.port)\n"))
            #expect(proxy.records.first?.authorized == true)
            #expect(proxy.records.first?.target == "localhost:\(port)")
            #expect(!result.output.contains(password))
            #expect(!result.output.contains("carol:"))

            let curl = try await SondeBinary.run(["send", "demo/socks/get", "--curl", "--collections", folder.root.path], environment: ["PROXY_PASS": password])
            #expect(curl.stdout.contains("-x socks5h://127.0.0.1:\(proxy.port) \\\n"))
            // The user from the URL, the password as the variable it came from.
            #expect(curl.stdout.contains(#"--proxy-user carol:"${PROXY_PASS}" \"#))
            #expect(!curl.output.contains(password))
            for (path, bytes) in try folder.allFiles() {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(password), "\(path)")
            }
        }
    }

    @Test func anUnknownProxySchemeStopsTheSendWithItsLine() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("bad/proxy.yaml", "url: http://127.0.0.1:9/\noptions:\n  proxy: htp://127.0.0.1:3128\n")
        let result = try await send(folder, "bad/proxy", environment: [:])
        #expect(result.status == 3, "\(result.output)")
        #expect(result.stderr.contains("bad/proxy.yaml:3:10: unknown proxy scheme htp://"))
    }
}

extension ProxyCommandTests {
    @Test func aProxyVariablePointingNowhereIsNamedInTheError() async throws {
        // A port nothing listens on: bound, then closed.
        let proxy = try LoggingProxy(.http)
        let port = proxy.port
        proxy.stop()
        let folder = try DemoCollectionCopy()
        try folder.write("stale/get.yaml", "url: http://127.0.0.1:9/\n")
        let result = try await SondeBinary.run(
            ["send", "demo/stale/get", "--collections", folder.root.path], environment: ["http_proxy": "http://user:pw@127.0.0.1:\(port)"])
        #expect(result.status == 26, "\(result.output)")
        #expect(result.stderr.contains("error: GET stale/get: proxy http://127.0.0.1:\(port) from $http_proxy: could not connect to the proxy"))
        #expect(!result.output.contains("user:pw"))
    }
}
