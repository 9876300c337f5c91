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

/// The settings of the OAuth2 client-credentials grant.
public struct OAuth2ClientCredentials: Sendable, Equatable, Hashable {
    public var tokenURL: String
    public var clientID: String
    public var clientSecret: String
    public var scope: String?

    public init(tokenURL: String, clientID: String, clientSecret: String, scope: String? = nil) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }
}
