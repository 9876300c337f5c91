import Foundation

/// A proxy's address as curl reads `-x`: `[scheme://][user[:password]@]host[:port][/]`, the
/// scheme `http` when none is written, the port curl's default for the scheme when none is.
public struct ProxyURL: Sendable, Equatable {
    /// The kinds of proxy libcurl speaks to.
    public enum Scheme: String, Sendable, CaseIterable {
        case http, https, socks4, socks4a, socks5, socks5h

        /// libcurl's port for a proxy URL without one: 443 for an HTTPS proxy, 1080 for every
        /// other kind, HTTP included (curl's CURL_DEFAULT_PROXY_PORT, not 80 or 8080).
        public var defaultPort: Int { self == .https ? 443 : 1080 }
    }

    public var scheme: Scheme
    /// The host as written; an IPv6 address keeps its brackets.
    public var host: String
    /// The port as written; nil for the scheme's default.
    public var port: Int?
    /// Credentials from the URL, percent-decoded as curl decodes them.
    public var username: String?
    public var password: String?

    public init(scheme: Scheme, host: String, port: Int? = nil, username: String? = nil, password: String? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// `scheme://host:port`, credentials left out: what libcurl is given as the proxy (the
    /// credentials go separately) and what sonde shows.
    public var endpoint: String { "\(scheme.rawValue)://\(host):\(port ?? scheme.defaultPort)" }

    /// Why a proxy URL cannot be used.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads `text` as curl reads a proxy; the problem says what is wrong in the user's terms.
    public static func parse(_ text: String) throws(Problem) -> ProxyURL {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { throw Problem(reason: "the proxy URL is empty: write a URL, or none for no proxy") }
        guard !rest.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw Problem(reason: "the proxy URL contains white space")
        }
        var scheme = Scheme.http
        if let separator = rest.range(of: "://") {
            let written = rest[..<separator.lowerBound].lowercased()
            guard let known = Scheme(rawValue: written) else {
                throw Problem(reason: "unknown proxy scheme \(written)://: use http://, https://, socks5:// or socks5h:// (or socks4://, socks4a://)")
            }
            scheme = known
            rest = rest[separator.upperBound...]
        }
        // A path, query or fragment means nothing to a proxy; curl ignores a trailing slash too.
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var username: String?
        var password: String?
        var hostAndPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = decoded(userInfo[..<colon])
                password = decoded(userInfo[userInfo.index(after: colon)...])
            } else {
                username = decoded(userInfo)
            }
        }
        var host = hostAndPort
        var portText: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { throw Problem(reason: "the proxy's IPv6 address needs its closing ]") }
            host = hostAndPort[...close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Problem(reason: "unexpected \(after) after the proxy's IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            portText = hostAndPort[hostAndPort.index(after: colon)...]
        }
        guard !host.isEmpty, host != "[]" else { throw Problem(reason: "the proxy URL has no host") }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                  (1...65535).contains(number) else {
                throw Problem(reason: "the proxy's port \(portText) is not a number from 1 to 65535")
            }
            port = number
        }
        return ProxyURL(scheme: scheme, host: String(host), port: port, username: username, password: password)
    }

    /// `text` without the credentials it may hold, for showing a proxy URL that could not be
    /// read (one from `$https_proxy` with an unknown scheme: curl refuses it, sonde says which).
    public static func withoutCredentials(_ text: String) -> String {
        let schemeEnd = text.range(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[schemeEnd...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
        guard let at = text[schemeEnd..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<schemeEnd]) + String(text[text.index(after: at)...])
    }

    private static func decoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
