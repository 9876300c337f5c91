import SondeCore
import Testing

/// `ProxyRoute.decide` against libcurl 7.88's rules, each row checked by hand against the curl
/// command line of the same libcurl (`env -i http_proxy=… no_proxy=… curl -v URL`).
@Suite struct ProxyRouteTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var url: String
        var settings: ProxySettings = ProxySettings()
        var environment: [String: String] = [:]
        var expected: ProxyRoute
        var testDescription: String { "\(url) \(environment) → \(expected)" }
    }

    static let proxy = ProxyURL(scheme: .http, host: "127.0.0.1", port: 8888, username: "user", password: "pass")

    static let rows: [Row] = [
        // No option: the environment, scheme by scheme.
        Row(url: "http://api.test/x", expected: .direct),
        Row(url: "http://api.test/x", environment: ["http_proxy": "http://p:3128"], expected: .proxy(endpoint: "http://p:3128", variable: "http_proxy")),
        // HTTP_PROXY is never read: a CGI program gets it from a request's Proxy: header.
        Row(url: "http://api.test/x", environment: ["HTTP_PROXY": "http://p:3128"], expected: .direct),
        Row(url: "http://api.test/x", environment: ["https_proxy": "http://p:3128"], expected: .direct),
        Row(url: "https://api.test/x", environment: ["https_proxy": "http://p:1", "HTTPS_PROXY": "http://p:2"], expected: .proxy(endpoint: "http://p:1", variable: "https_proxy")),
        Row(url: "https://api.test/x", environment: ["HTTPS_PROXY": "http://p:2"], expected: .proxy(endpoint: "http://p:2", variable: "HTTPS_PROXY")),
        Row(url: "https://api.test/x", environment: ["http_proxy": "http://p:2"], expected: .direct),
        Row(url: "https://api.test/x", environment: ["all_proxy": "socks5h://p:9", "ALL_PROXY": "http://p:8"], expected: .proxy(endpoint: "socks5h://p:9", variable: "all_proxy")),
        Row(url: "http://api.test/x", environment: ["ALL_PROXY": "p:8"], expected: .proxy(endpoint: "http://p:8", variable: "ALL_PROXY")),
        // An empty variable is unset: the next one is read.
        Row(url: "http://api.test/x", environment: ["http_proxy": "", "all_proxy": "http://p:8"], expected: .proxy(endpoint: "http://p:8", variable: "all_proxy")),
        // The scheme-specific variable wins over all_proxy.
        Row(url: "http://api.test/x", environment: ["http_proxy": "http://p:1", "all_proxy": "http://p:8"], expected: .proxy(endpoint: "http://p:1", variable: "http_proxy")),
        // Credentials never show; the default port does.
        Row(url: "http://api.test/x", environment: ["http_proxy": "http://u:secret@p"], expected: .proxy(endpoint: "http://p:1080", variable: "http_proxy")),
        Row(url: "https://api.test/x", environment: ["https_proxy": "https://u:secret@p/"], expected: .proxy(endpoint: "https://p:443", variable: "https_proxy")),
        // A scheme curl refuses is still named (curl fails with "Unsupported proxy scheme"), credentials off.
        Row(url: "http://api.test/x", environment: ["http_proxy": "ftp://u:secret@p:21"], expected: .proxy(endpoint: "ftp://p:21", variable: "http_proxy")),

        // no_proxy, from the environment.
        Row(url: "http://localhost:8080/x", environment: ["http_proxy": "http://p:1", "no_proxy": "localhost"], expected: .bypassed(entry: "localhost", variable: "no_proxy")),
        Row(url: "http://localhost:8080/x", environment: ["http_proxy": "http://p:1", "NO_PROXY": "*"], expected: .bypassed(entry: "*", variable: "NO_PROXY")),
        Row(url: "http://localhost/x", environment: ["http_proxy": "http://p:1", "no_proxy": "", "NO_PROXY": "*"], expected: .bypassed(entry: "*", variable: "NO_PROXY")),
        Row(url: "http://localhost/x", environment: ["http_proxy": "http://p:1", "no_proxy": "*,foo"], expected: .proxy(endpoint: "http://p:1", variable: "http_proxy")),
        // A bypass is said even when no proxy would have been used.
        Row(url: "http://localhost/x", environment: ["no_proxy": "localhost"], expected: .bypassed(entry: "localhost", variable: "no_proxy")),

        // The option.
        Row(url: "http://api.test/x", settings: ProxySettings(choice: .proxy(proxy)), expected: .proxy(endpoint: "http://127.0.0.1:8888", variable: nil)),
        Row(url: "http://api.test/x", settings: ProxySettings(choice: .proxy(proxy)), environment: ["http_proxy": "http://p:1"], expected: .proxy(endpoint: "http://127.0.0.1:8888", variable: nil)),
        Row(url: "http://api.test/x", settings: ProxySettings(choice: .none), environment: ["http_proxy": "http://p:1"], expected: .disabled),
        // The environment's no_proxy applies to the option too, as to curl's -x.
        Row(url: "http://api.test/x", settings: ProxySettings(choice: .proxy(proxy)), environment: ["no_proxy": "api.test"], expected: .bypassed(entry: "api.test", variable: "no_proxy")),
        // The no_proxy option replaces the variable, "" included.
        Row(url: "http://api.test/x", settings: ProxySettings(choice: .proxy(proxy), noProxy: ""), environment: ["no_proxy": "api.test"], expected: .proxy(endpoint: "http://127.0.0.1:8888", variable: nil)),
        Row(url: "http://api.test/x", settings: ProxySettings(noProxy: ".test"), environment: ["http_proxy": "http://p:1"], expected: .bypassed(entry: ".test", variable: nil)),
    ]

    @Test(arguments: rows)
    func decide(_ row: Row) {
        #expect(ProxyRoute.decide(url: row.url, settings: row.settings, environment: row.environment) == row.expected)
    }

    /// `Curl_check_noproxy` case by case; true means the host goes direct.
    @Test(arguments: [
        ("localhost", "localhost", true),
        ("LOCALHOST", "localhost", true),
        ("localhost.", "localhost", true),
        ("localhost", "localhost.", true),
        ("localhost", ".localhost", true),
        ("api.example.com", "example.com", true),
        ("api.example.com", ".example.com", true),
        ("notexample.com", "example.com", false),
        ("example.com", "www.example.com", false),
        ("localhost", "host", false),
        ("localhost", "localhost:8080", false),
        ("localhost", "foo localhost", true),
        ("localhost", "foo,  bar,,\tlocalhost", true),
        ("localhost", "*", true),
        ("localhost", "*,foo", false),
        ("localhost", "", false),
        ("127.0.0.1", "127.0.0.1", true),
        ("127.0.0.1", "127.0.0.0/8", true),
        ("127.0.0.1", "127.0.0.1/8", true),
        ("10.1.2.3", "10.0.0.0/16", false),
        ("10.1.2.3", "10.1.0.0/16", true),
        ("127.0.0.1", "127.0.0", false),
        ("127.0.0.1", "127.0.0.0/33", false),
        ("127.0.0.1", "localhost", false),
        ("localhost", "127.0.0.1", false),
        // libcurl 7.88 compares an IPv6 host as text, brackets off.
        ("[::1]", "::1", true),
        ("[::1]", "[::1]", false),
        ("[::1]", "0:0::1", false),
        ("[::1]", "::/0", false),
    ])
    func noProxyMatching(host: String, list: String, bypassed: Bool) {
        #expect((NoProxyList(list).match(host) != nil) == bypassed)
    }

    @Test func theMatchingEntryIsNamed() {
        #expect(NoProxyList("a.test, .example.com").match("api.example.com") == ".example.com")
        #expect(NoProxyList("10.0.0.0/8,127.0.0.0/8").match("127.0.0.1") == "127.0.0.0/8")
    }

    @Test func descriptionsSayWhereTheProxyCameFrom() {
        #expect(ProxyRoute.proxy(endpoint: "http://127.0.0.1:8888", variable: nil).description == "via proxy http://127.0.0.1:8888")
        #expect(ProxyRoute.proxy(endpoint: "http://p:3128", variable: "https_proxy").description == "via proxy http://p:3128 from $https_proxy")
        #expect(ProxyRoute.bypassed(entry: "localhost", variable: "no_proxy").description == "direct (localhost in $no_proxy)")
        #expect(ProxyRoute.bypassed(entry: "localhost", variable: nil).description == "direct (no_proxy: localhost)")
        #expect(ProxyRoute.disabled.description == "direct (proxy: none)")
        #expect(!ProxyRoute.direct.isNoteworthy)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8888", "http://127.0.0.1:8888", nil, nil),
        ("127.0.0.1:8888", "http://127.0.0.1:8888", nil, nil),
        ("HTTP://proxy", "http://proxy:1080", nil, nil),
        ("https://proxy/", "https://proxy:443", nil, nil),
        ("socks5h://u:p%40ss@[::1]:1080", "socks5h://[::1]:1080", "u", "p@ss"),
        ("socks5://user@proxy:9", "socks5://proxy:9", "user", nil),
        ("http://a:b:c@proxy:1", "http://proxy:1", "a", "b:c"),
    ] as [(String, String, String?, String?)])
    func proxyURLsAreReadAsCurlReadsThem(text: String, endpoint: String, user: String?, password: String?) throws {
        let url = try ProxyURL.parse(text)
        #expect(url.endpoint == endpoint)
        #expect(url.username == user)
        #expect(url.password == password)
    }

    @Test(arguments: [
        ("ftp://proxy:21", "unknown proxy scheme ftp://"),
        ("socks6://proxy", "unknown proxy scheme socks6://"),
        ("", "empty"),
        ("http://", "no host"),
        ("http://proxy:99999", "port 99999"),
        ("http://proxy:80a", "port 80a"),
        ("http://[::1", "closing ]"),
        ("http://pro xy", "white space"),
    ])
    func badProxyURLsSayWhatIsWrong(text: String, expected: String) {
        #expect(throws: ProxyURL.Problem.self) { try ProxyURL.parse(text) }
        do {
            _ = try ProxyURL.parse(text)
        } catch {
            #expect(error.reason.contains(expected), "\(error.reason)")
        }
    }
}
