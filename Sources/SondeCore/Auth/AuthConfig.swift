/// How a request proves who it is. Values may hold placeholders such as `{{env:TOKEN}}`.
public enum AuthConfig: Sendable, Equatable {
    /// Use whatever the folder, collection or environment sets.
    case inherit
    /// Send no credentials, even when a parent sets some.
    case none
    case basic(username: String, password: String)
    /// A scheme whose header answers the server's challenge (Digest, NTLM): libcurl computes it,
    /// so the credentials go to the transport instead of into a header.
    case challenge(ChallengeScheme, username: String, password: String)
    case bearer(token: String)
    case apiKey(name: String, value: String, location: APIKeyLocation)
    /// OAuth2 client credentials: a token fetched from `tokenURL`, cached until shortly before it expires.
    case oauth2ClientCredentials(OAuth2ClientCredentials)

    /// The name of the kind, as written in YAML (`type: bearer`).
    public var kind: String {
        switch self {
        case .inherit: "inherit"
        case .none: "none"
        case .basic: "basic"
        case .challenge(let scheme, _, _): scheme.rawValue
        case .bearer: "bearer"
        case .apiKey: "api_key"
        case .oauth2ClientCredentials: "oauth2"
        }
    }
}

/// Auth schemes that need a round trip with the server, which libcurl answers (CURLOPT_HTTPAUTH).
public enum ChallengeScheme: String, Sendable, Equatable, CaseIterable {
    /// RFC 7616 Digest; the password never crosses the wire.
    case digest
    /// NTLM, for Windows servers; this libcurl is built with it (`curl -V` lists NTLM).
    case ntlm
}

/// Resolved challenge-auth credentials, handed to the transport with the request.
public struct ChallengeCredentials: Sendable, Equatable {
    public var scheme: ChallengeScheme
    public var username: String
    public var password: String
    /// The password came from a secret (`{{env:}}`): printouts name its variable or mask it.
    public var passwordIsSecret: Bool

    public init(scheme: ChallengeScheme, username: String, password: String, passwordIsSecret: Bool = false) {
        self.scheme = scheme
        self.username = username
        self.password = password
        self.passwordIsSecret = passwordIsSecret
    }
}

/// Where an API key goes.
public enum APIKeyLocation: String, Sendable, Equatable {
    case header
    case query
}

/// The settings of an OAuth2 auth block. The name is from when client credentials was the only
/// grant; `grant` says which one this is, and the fields a grant does not use stay empty.
public struct OAuth2ClientCredentials: Sendable, Equatable, Hashable {
    public var tokenURL: String
    public var clientID: String
    /// Empty for a public client (authorization code with PKCE, device code).
    public var clientSecret: String
    public var scope: String?
    public var grant: OAuth2Grant
    /// Where the browser logs in (`authorization_code`).
    public var authorizationURL: String?
    /// RFC 8628's device authorization endpoint (`device_code`).
    public var deviceAuthorizationURL: String?
    /// The resource owner's name and password (`password`).
    public var username: String?
    public var password: String?
    /// A refresh token to start from (`refresh_token`), usually `{{env:}}`.
    public var refreshToken: String?
    public var audience: String?
    /// Extra query parameters for the authorize URL (`prompt`, `access_type`, ...).
    public var authorizeParameters: [String: String]
    /// The port on 127.0.0.1 the callback listens on; nil picks a free one.
    public var redirectPort: Int?
    /// PKCE (RFC 7636, S256) on the authorization code grant; on unless the server cannot take it.
    public var pkce: Bool
    /// How the client authenticates at the token endpoint; nil: as the issuer's metadata says, else in the form.
    public var tokenAuth: OAuth2TokenAuth?
    /// An issuer whose metadata (`/.well-known/...`) fills the endpoints left out.
    public var issuer: String?
    /// Seconds to wait for the browser's callback.
    public var loginTimeout: Double?

    public init(
        tokenURL: String, clientID: String, clientSecret: String, scope: String? = nil, grant: OAuth2Grant = .clientCredentials,
        authorizationURL: String? = nil, deviceAuthorizationURL: String? = nil, username: String? = nil, password: String? = nil,
        refreshToken: String? = nil, audience: String? = nil, authorizeParameters: [String: String] = [:], redirectPort: Int? = nil,
        pkce: Bool = true, tokenAuth: OAuth2TokenAuth? = nil, issuer: String? = nil, loginTimeout: Double? = nil
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.grant = grant
        self.authorizationURL = authorizationURL
        self.deviceAuthorizationURL = deviceAuthorizationURL
        self.username = username
        self.password = password
        self.refreshToken = refreshToken
        self.audience = audience
        self.authorizeParameters = authorizeParameters
        self.redirectPort = redirectPort
        self.pkce = pkce
        self.tokenAuth = tokenAuth
        self.issuer = issuer
        self.loginTimeout = loginTimeout
    }
}

/// The OAuth2 grants sonde can get a token with, as written in YAML (`grant: device_code`).
public enum OAuth2Grant: String, Sendable, Equatable, Hashable, CaseIterable {
    case clientCredentials = "client_credentials"
    case authorizationCode = "authorization_code"
    case deviceCode = "device_code"
    case password
    case refreshToken = "refresh_token"

    /// Grants that need a person (a browser, a code to type): their tokens are kept on disk so
    /// that each `sonde send` does not log in again.
    public var isInteractive: Bool { self == .authorizationCode || self == .deviceCode }
}

/// How a client proves itself to the token endpoint (RFC 6749 §2.3.1, OpenID's names).
public enum OAuth2TokenAuth: String, Sendable, Equatable, Hashable, CaseIterable {
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
}
