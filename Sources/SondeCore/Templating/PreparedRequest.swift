import Foundation

/// A request with every variable resolved and auth applied: what a transport sends, byte for byte.
public struct PreparedRequest: Sendable {
    public var method: HTTPMethod
    /// The full URL, query included, already percent-encoded.
    public var url: String
    public var headers: [HeaderField]
    public var body: PreparedBody
    public var options: TransferOptions
    /// Every secret value that went into this request, for masking printouts of it.
    public var secrets: SecretSet
    /// Credentials written literally in the collection (an `api_key` auth's value), not masked
    /// like secrets but, like them, never sent to another origin on a redirect: curl drops
    /// `Authorization` there, and an API key in any header or query parameter is no less one.
    public var credentials: SecretSet
    /// Digest or NTLM credentials for libcurl to answer the server's challenge with; sent to
    /// the request's own origin only.
    public var challengeAuth: ChallengeCredentials?

    public init(
        method: HTTPMethod, url: String, headers: [HeaderField] = [], body: PreparedBody = .none,
        options: TransferOptions = TransferOptions(), secrets: SecretSet = SecretSet(),
        credentials: SecretSet = SecretSet(), challengeAuth: ChallengeCredentials? = nil
    ) {
        self.credentials = credentials
        self.challengeAuth = challengeAuth
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.options = options
        self.secrets = secrets
    }
}

/// The body of a prepared request.
public enum PreparedBody: Sendable, Equatable {
    case none
    /// Bytes sent as they are; the Content-Type header is already among the request's headers.
    case bytes(Data)
    /// A multipart/form-data body; the transport writes the boundary and Content-Type itself.
    case multipart([MultipartPart])
    /// The contents of a file, read by the transport when sending.
    case file(path: String)
}

/// One part of a multipart/form-data body.
public struct MultipartPart: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case text(String)
        /// A file to upload; `filename` defaults to the file's own name.
        case file(path: String, filename: String?, contentType: String?)
    }

    public var name: String
    public var content: Content

    public init(name: String, content: Content) {
        self.name = name
        self.content = content
    }
}

/// Transfer settings that a request, folder, collection or environment may set.
public struct TransferOptions: Sendable, Equatable {
    /// Seconds to wait for the connection (DNS, TCP and TLS); nil for the transport's default.
    public var connectTimeout: Double?
    /// Seconds the whole transfer may take; nil for no limit.
    public var totalTimeout: Double?
    public var followRedirects: Bool
    public var maxRedirects: Int
    public var verifyTLS: Bool
    /// When to try again after a transient failure; by default, never.
    public var retry: RetryPolicy
    /// Bytes of (decompressed) response body kept in memory; a larger body goes to a temporary
    /// file as it arrives (`HTTPResponse.bodyFile`), so a huge download cannot exhaust memory.
    public var spillThreshold: Int64
    /// The Netscape cookie file whose cookies this request sends and to which the cookies it
    /// receives are saved (`CookieJarFile`); nil sends and keeps no cookies.
    public var cookieJar: String?
    /// The client certificate and the authorities to trust instead of the system's.
    public var tls: TLSSettings
    /// The proxy to use, or none, or the environment's (the default).
    public var proxy: ProxySettings
    /// The HTTP version to ask for; nil for libcurl's default (HTTP/2 by ALPN over TLS).
    public var httpVersion: HTTPVersionPreference?
    /// The Unix domain socket to connect to instead of the URL's host and port, resolved to
    /// an absolute path; nil connects over TCP.
    public var unixSocket: String?
    /// Each try after the first replaces the `X-Request-ID` sonde added with a new one
    /// (`request_id: per_attempt`); false when the request set its own.
    public var requestIDPerAttempt = false

    /// 64 MB: far above a typical API answer, well below what a laptop can hold several of.
    public static let defaultSpillThreshold: Int64 = 64_000_000

    public init(
        connectTimeout: Double? = 10, totalTimeout: Double? = 30, followRedirects: Bool = true,
        maxRedirects: Int = 10, verifyTLS: Bool = true, retry: RetryPolicy = RetryPolicy(),
        spillThreshold: Int64 = TransferOptions.defaultSpillThreshold, cookieJar: String? = nil,
        tls: TLSSettings = TLSSettings(), proxy: ProxySettings = ProxySettings(),
        httpVersion: HTTPVersionPreference? = nil, unixSocket: String? = nil
    ) {
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.verifyTLS = verifyTLS
        self.retry = retry
        self.spillThreshold = spillThreshold
        self.cookieJar = cookieJar
        self.tls = tls
        self.httpVersion = httpVersion
        self.unixSocket = unixSocket
    }
}
