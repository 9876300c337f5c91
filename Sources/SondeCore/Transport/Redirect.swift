/// One redirect the transport followed: where the next request went and what it no longer
/// carried, so `sonde send -v` can show that nothing meant for one origin reached another.
///
/// On a redirect to another origin (scheme, host or port) the transport withholds every header
/// that carries a credential or a secret, cookies, and query values holding a secret; `withheld`
/// names them, never their values.
public struct Redirect: Sendable, Equatable {
    /// The redirect's status: 301, 302, 303, 307 or 308.
    public var status: Int
    /// The URL the next request went to, as sent (query values holding a secret removed).
    public var url: String
    /// Whether `url` is another origin than the request that got the redirect.
    public var crossesOrigin: Bool
    /// What was not sent to `url`: header names, and `query parameter NAME` for query values.
    public var withheld: [String]

    public init(status: Int, url: String, crossesOrigin: Bool, withheld: [String] = []) {
        self.status = status
        self.url = url
        self.crossesOrigin = crossesOrigin
        self.withheld = withheld
    }

    /// `redirect to http://other:1234/x (another origin): not sending X-API-Key, Authorization`.
    /// The URL may hold secrets the server put there: mask it before printing.
    public var summary: String {
        var text = "redirect to \(url)"
        if crossesOrigin { text += " (another origin)" }
        if !withheld.isEmpty { text += ": not sending " + withheld.joined(separator: ", ") }
        return text
    }
}
