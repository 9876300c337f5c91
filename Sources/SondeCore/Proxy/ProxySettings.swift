/// The proxy options of a prepared request, every template filled: what the transport gives
/// libcurl and what `ProxyRoute.decide` reasons about.
public struct ProxySettings: Sendable, Equatable {
    public enum Choice: Sendable, Equatable {
        /// No `proxy:` option: libcurl reads `http_proxy`, `https_proxy`, `all_proxy` itself.
        case environment
        /// `proxy: none`: direct, whatever the environment says.
        case none
        /// `proxy: URL`, with the credentials of `proxy_user`/`proxy_password` over the URL's own.
        case proxy(ProxyURL)
    }

    public var choice: Choice
    /// `no_proxy:`; nil leaves libcurl to read `no_proxy`/`NO_PROXY`, which apply to a
    /// `proxy:` option too, as they do to curl's `-x`.
    public var noProxy: String?

    public init(choice: Choice = .environment, noProxy: String? = nil) {
        self.choice = choice
        self.noProxy = noProxy
    }
}
