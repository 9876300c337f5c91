/// Transfer options as one level (request, folder, collection, environment) sets them: each
/// one optional, so a level only overrides what it names.
public struct OptionOverrides: Sendable, Equatable {
    public var connectTimeout: Double?
    public var timeout: Double?
    public var followRedirects: Bool?
    public var maxRedirects: Int?
    public var verifyTLS: Bool?
    /// Whether to send `User-Agent: sonde/<version>` when the request sets none.
    public var sendUserAgent: Bool?
    /// Whether to send a fresh `X-Request-ID` when the request sets none, and whether each
    /// try gets its own (`request_id:`; `true` and `false` are `per_request` and `off`).
    public var requestID: RequestIDMode?
    /// `retry:`, merged field by field across the levels.
    public var retry: RetryOverrides
    /// `spill_threshold:` in bytes: larger response bodies go to a temporary file.
    public var spillThreshold: Int64?
    /// `cookies:` whether the environment's cookie jar is used (default true).
    public var cookies: Bool?
    /// Client certificate and trusted authorities, merged field by field across the levels.
    public var tls: TLSOverrides
    /// `proxy:` a proxy URL template, or `none`; nil leaves the proxy to the environment.
    public var proxy: ProxyOption?
    /// `proxy_user:` and `proxy_password:` templates, over the credentials in the proxy URL.
    public var proxyUser: String?
    public var proxyPassword: String?
    /// `no_proxy:` hosts that go direct, as curl's `--noproxy` (over `$no_proxy`).
    public var noProxy: String?
    /// `http_version:` the HTTP version to ask for; nil leaves libcurl's default.
    public var httpVersion: HTTPVersionPreference?
    /// `unix_socket:` the path of a Unix domain socket to connect to instead of the URL's host
    /// and port, as written (a template, `~` allowed); the URL still gives the Host and path.
    public var unixSocket: String?

    public init(
        connectTimeout: Double? = nil, timeout: Double? = nil, followRedirects: Bool? = nil, maxRedirects: Int? = nil,
        verifyTLS: Bool? = nil, sendUserAgent: Bool? = nil, requestID: RequestIDMode? = nil, retry: RetryOverrides = RetryOverrides(),
        spillThreshold: Int64? = nil, cookies: Bool? = nil, tls: TLSOverrides = TLSOverrides(),
        proxy: ProxyOption? = nil, proxyUser: String? = nil, proxyPassword: String? = nil, noProxy: String? = nil,
        httpVersion: HTTPVersionPreference? = nil, unixSocket: String? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.verifyTLS = verifyTLS
        self.sendUserAgent = sendUserAgent
        self.requestID = requestID
        self.retry = retry
        self.spillThreshold = spillThreshold
        self.cookies = cookies
        self.tls = tls
        self.proxy = proxy
        self.proxyUser = proxyUser
        self.proxyPassword = proxyPassword
        self.noProxy = noProxy
        self.httpVersion = httpVersion
        self.unixSocket = unixSocket
    }

    public var isEmpty: Bool { self == OptionOverrides() }

    /// These overrides laid over `base`: a value set here wins.
    public func over(_ base: OptionOverrides) -> OptionOverrides {
        OptionOverrides(
            connectTimeout: connectTimeout ?? base.connectTimeout,
            timeout: timeout ?? base.timeout,
            followRedirects: followRedirects ?? base.followRedirects,
            maxRedirects: maxRedirects ?? base.maxRedirects,
            verifyTLS: verifyTLS ?? base.verifyTLS,
            sendUserAgent: sendUserAgent ?? base.sendUserAgent,
            requestID: requestID ?? base.requestID,
            retry: retry.over(base.retry),
            spillThreshold: spillThreshold ?? base.spillThreshold,
            cookies: cookies ?? base.cookies,
            tls: tls.over(base.tls),
            proxy: proxy ?? base.proxy,
            proxyUser: proxyUser ?? base.proxyUser,
            proxyPassword: proxyPassword ?? base.proxyPassword,
            noProxy: noProxy ?? base.noProxy,
            httpVersion: httpVersion ?? base.httpVersion,
            unixSocket: unixSocket ?? base.unixSocket)
    }

    /// The transfer options these overrides give, with sonde's defaults for what none set. The
    /// TLS files and the proxy are left out: their options are templates (`RequestPreparer` fills them).
    public var transferOptions: TransferOptions {
        let defaults = TransferOptions()
        return TransferOptions(
            connectTimeout: connectTimeout ?? defaults.connectTimeout,
            totalTimeout: timeout ?? defaults.totalTimeout,
            followRedirects: followRedirects ?? defaults.followRedirects,
            maxRedirects: maxRedirects ?? defaults.maxRedirects,
            verifyTLS: verifyTLS ?? defaults.verifyTLS,
            retry: retry.policy,
            spillThreshold: spillThreshold ?? defaults.spillThreshold,
            httpVersion: httpVersion)
    }
}
