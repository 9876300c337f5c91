import Foundation

/// One cookie of a Netscape cookie file, the format libcurl reads and writes (and curl's `-b`/`-c`):
/// seven tab-separated fields, `domain  subdomains  path  secure  expires  name  value`, with a
/// `#HttpOnly_` prefix on the domain of an HttpOnly cookie.
public struct StoredCookie: Sendable, Equatable {
    /// The domain as written; libcurl writes a leading dot for a cookie that also goes to subdomains.
    public var domain: String
    /// The second field: whether subdomains of `domain` get the cookie too.
    public var includesSubdomains: Bool
    public var path: String
    /// Sent over HTTPS only.
    public var isSecure: Bool
    /// Hidden from scripts in a browser (`#HttpOnly_`); kept so writing the file back keeps it.
    public var isHTTPOnly: Bool
    /// Seconds since 1970 when the cookie expires; nil for a session cookie (0 in the file).
    public var expires: Int64?
    public var name: String
    public var value: String

    public init(
        domain: String, includesSubdomains: Bool = false, path: String = "/", isSecure: Bool = false,
        isHTTPOnly: Bool = false, expires: Int64? = nil, name: String, value: String
    ) {
        self.domain = domain
        self.includesSubdomains = includesSubdomains
        self.path = path
        self.isSecure = isSecure
        self.isHTTPOnly = isHTTPOnly
        self.expires = expires
        self.name = name
        self.value = value
    }

    /// The domain without libcurl's leading dot, in lower case, for comparing.
    public var bareDomain: String {
        String(domain.drop { $0 == "." }).lowercased()
    }

    /// Whether `domain` (`example.com`, a leading dot ignored) names this cookie's domain or one
    /// it is below: clearing a site's cookies clears its subdomains' too, as a browser does.
    public func belongs(to domain: String) -> Bool {
        let wanted = String(domain.drop { $0 == "." }).lowercased()
        guard !wanted.isEmpty else { return false }
        return bareDomain == wanted || bareDomain.hasSuffix("." + wanted)
    }

    /// The cookie's line in a Netscape file, as libcurl writes it.
    public var line: String {
        [
            (isHTTPOnly ? CookieJarContents.httpOnlyPrefix : "") + domain,
            includesSubdomains ? "TRUE" : "FALSE",
            path,
            isSecure ? "TRUE" : "FALSE",
            String(expires ?? 0),
            name,
            value,
        ].joined(separator: "\t")
    }
}
