import Foundation

/// The token endpoint's request for any grant: a form POST, the client authenticated as
/// `token_auth` says, every credential in it a secret.
public enum OAuth2TokenRequest {
    /// RFC 8628's grant type for polling with a device code.
    public static let deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code"

    /// What a grant adds to the form, beside the client's own fields.
    public enum Grant: Sendable, Equatable {
        case clientCredentials
        case password(username: String, password: String)
        case refreshToken(String)
        case authorizationCode(code: String, redirectURI: String, verifier: String?)
        case deviceCode(String)

        var fields: [(String, String)] {
            switch self {
            case .clientCredentials: [("grant_type", "client_credentials")]
            case .password(let username, let password): [("grant_type", "password"), ("username", username), ("password", password)]
            case .refreshToken(let token): [("grant_type", "refresh_token"), ("refresh_token", token)]
            case .authorizationCode(let code, let redirectURI, let verifier):
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
                    + (verifier.map { [("code_verifier", $0)] } ?? [])
            case .deviceCode(let code): [("grant_type", deviceCodeGrantType), ("device_code", code)]
            }
        }

        var secrets: [String] {
            switch self {
            case .clientCredentials: []
            case .password(_, let password): [password]
            case .refreshToken(let token): [token]
            case .authorizationCode(let code, _, let verifier): [code] + (verifier.map { [$0] } ?? [])
            case .deviceCode(let code): [code]
            }
        }

        /// Scope and audience go with the first token, not with the exchange of a code that already names them.
        var asksForScope: Bool {
            switch self {
            case .clientCredentials, .password, .refreshToken: true
            case .authorizationCode, .deviceCode: false
            }
        }
    }

    /// The POST to `credentials.tokenURL` for `grant`.
    ///
    /// Redirects are never followed: a 307 would re-POST the client secret wherever the token
    /// endpoint points, and RFC 6749 §3.2 gives a token endpoint no reason to redirect.
    public static func make(_ grant: Grant, for credentials: OAuth2ClientCredentials, options: TransferOptions) -> PreparedRequest {
        var options = options
        options.followRedirects = false
        var headers = [
            HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
            HeaderField(name: "Accept", value: "application/json"),
            HeaderField(name: "User-Agent", value: SondeVersion.userAgent),
        ]
        var fields = grant.fields
        var secrets = SecretSet(grant.secrets.filter { !$0.isEmpty })
        let hasSecret = !credentials.clientSecret.isEmpty
        if hasSecret { secrets.insert(credentials.clientSecret) }
        if hasSecret, credentials.tokenAuth == .clientSecretBasic {
            // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
            let pair = PercentEncoding.queryComponent(credentials.clientID) + ":" + PercentEncoding.queryComponent(credentials.clientSecret)
            let value = "Basic " + Data(pair.utf8).base64EncodedString()
            secrets.insert(value)
            headers.append(HeaderField(name: "Authorization", value: value, isSecret: true))
        } else {
            fields.append(("client_id", credentials.clientID))
            if hasSecret { fields.append(("client_secret", credentials.clientSecret)) }
        }
        if grant.asksForScope {
            if let scope = credentials.scope, !scope.isEmpty { fields.append(("scope", scope)) }
            if let audience = credentials.audience, !audience.isEmpty { fields.append(("audience", audience)) }
        }
        return PreparedRequest(
            method: .POST, url: credentials.tokenURL, headers: headers,
            body: .bytes(Data(PercentEncoding.query(fields, form: true).utf8)), options: options, secrets: secrets)
    }
}
