/// Which way a request goes: straight to the server or through a proxy, and what said so.
/// Decided by `decide(url:settings:environment:)` with libcurl's own rules, so what sonde
/// shows is what libcurl does; credentials are never part of it.
public enum ProxyRoute: Sendable, Equatable, CustomStringConvertible {
    /// No proxy option and no proxy variable: nothing worth saying.
    case direct
    /// `proxy: none`.
    case disabled
    /// The host is in a `no_proxy` list: `entry` is what matched, `variable` the environment
    /// variable the list came from (nil for the `no_proxy:` option).
    case bypassed(entry: String, variable: String?)
    /// Through the proxy at `endpoint` (`socks5h://127.0.0.1:1080`), named by the `proxy:`
    /// option (`variable` nil) or by an environment variable such as `https_proxy`.
    case proxy(endpoint: String, variable: String?)

    public var description: String {
        switch self {
        case .direct: "direct"
        case .disabled: "direct (proxy: none)"
        case .bypassed(let entry, nil): "direct (no_proxy: \(entry))"
        case .bypassed(let entry, let variable?): "direct (\(entry) in $\(variable))"
        case .proxy(let endpoint, nil): "via proxy \(endpoint)"
        case .proxy(let endpoint, let variable?): "via proxy \(endpoint) from $\(variable)"
        }
    }

    /// Whether the route is worth a line: anything but a plain direct connection.
    public var isNoteworthy: Bool { self != .direct }

    /// The proxy's endpoint, when the request goes through one.
    public var endpoint: String? {
        if case .proxy(let endpoint, _) = self { endpoint } else { nil }
    }

    /// The route libcurl 7.88 takes for `url` (http or https) given the request's proxy
    /// settings and the process environment (`create_conn_helper_init_proxy` and
    /// `detect_proxy` in its url.c):
    ///
    /// 1. `proxy: none` goes direct.
    /// 2. The `no_proxy:` option, else `no_proxy`, else `NO_PROXY`, is checked first, and
    ///    bypasses a `proxy:` option too.
    /// 3. A `proxy:` option is used as it is.
    /// 4. Otherwise `http_proxy` for http (never `HTTP_PROXY`: a CGI program's environment gets
    ///    `HTTP_PROXY` from a request's `Proxy:` header, so curl ignores it); for https
    ///    `https_proxy`, then `HTTPS_PROXY`; then `all_proxy`, then `ALL_PROXY`.
    ///
    /// An empty variable counts as unset, as `curl_getenv` returns none for it.
    public static func decide(url: String, settings: ProxySettings, environment: [String: String]) -> ProxyRoute {
        if case .none = settings.choice { return .disabled }
        let (scheme, host) = schemeAndHost(of: url)
        let noProxy: (list: String, variable: String?)? = if let option = settings.noProxy {
            (option, nil)
        } else {
            variable(["no_proxy", "NO_PROXY"], in: environment).map { ($0.value, $0.name) }
        }
        if let noProxy, let entry = NoProxyList(noProxy.list).match(host) {
            return .bypassed(entry: entry, variable: noProxy.variable)
        }
        if case .proxy(let proxy) = settings.choice { return .proxy(endpoint: proxy.endpoint, variable: nil) }
        let names = (scheme == "http" ? ["http_proxy"] : ["\(scheme)_proxy", "\(scheme.uppercased())_PROXY"]) + ["all_proxy", "ALL_PROXY"]
        guard let found = variable(names, in: environment) else { return .direct }
        let endpoint = (try? ProxyURL.parse(found.value).endpoint) ?? ProxyURL.withoutCredentials(found.value)
        return .proxy(endpoint: endpoint, variable: found.name)
    }

    /// The first of `names` set to something other than the empty string.
    private static func variable(_ names: [String], in environment: [String: String]) -> (name: String, value: String)? {
        for name in names {
            if let value = environment[name], !value.isEmpty { return (name, value) }
        }
        return nil
    }

    /// The lowercased scheme (`http` when none) and the host of `url`, IPv6 in brackets.
    ///
    /// Read on the UTF-8 bytes (all the delimiters are ASCII): every response of `sonde run` says
    /// its route, and Foundation's `range(of:)` and `Character` scans were 4% of the samples of its
    /// event-loop thread (perf).
    static func schemeAndHost(of url: String) -> (scheme: String, host: String) {
        let bytes = url.utf8
        var rest = bytes[...]
        var scheme = "http"
        if let separator = url.utf8.indices.first(where: { bytes[$0...].starts(with: "://".utf8) }) {
            scheme = String(decoding: bytes[..<separator], as: UTF8.self).lowercased()
            rest = bytes[bytes.index(separator, offsetBy: 3)...]
        }
        var authority = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.index(after: at)...] }
        if authority.first == UInt8(ascii: "["), let close = authority.firstIndex(of: UInt8(ascii: "]")) {
            return (scheme, String(decoding: authority[...close], as: UTF8.self))
        }
        return (scheme, String(decoding: authority.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self))
    }
}
