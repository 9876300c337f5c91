import Foundation

/// An access token from an OAuth2 token endpoint.
public struct OAuth2Token: Sendable, Equatable {
    public var accessToken: String
    /// Seconds the token is valid for, as the server said; nil when it did not say.
    public var expiresIn: Double?
    /// What gets a new access token without logging in again, when the server gave one.
    public var refreshToken: String?

    public init(accessToken: String, expiresIn: Double?, refreshToken: String? = nil) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
    }
}

/// Why no token could be had from the token endpoint.
public struct OAuth2Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var tokenURL: String
    public var message: String
    /// RFC 6749 §5.2's `error` (invalid_grant, slow_down, ...) when the server sent one.
    public var code: String?
    /// What failed: the token request (to `tokenURL`) or the login before it.
    public var step: String

    public init(tokenURL: String, message: String, code: String? = nil, step: String = "token request to") {
        self.tokenURL = tokenURL
        self.message = message
        self.code = code
        self.step = step
    }

    public var description: String { "OAuth2 \(step) \(tokenURL) failed: \(message)" }
}

/// The client-credentials grant as HTTP: the token request to send and the answer to read.
public enum OAuth2ClientCredentialsGrant {
    /// A POST of `grant_type=client_credentials` with the client id and secret in the form body
    /// unless `token_auth: client_secret_basic` (RFC 6749 §2.3.1 allows both; the body works with more servers).
    public static func tokenRequest(for credentials: OAuth2ClientCredentials, options: TransferOptions) -> PreparedRequest {
        OAuth2TokenRequest.make(.clientCredentials, for: credentials, options: options)
    }

    /// The token in a token endpoint's answer, or why there is none.
    public static func token(from response: HTTPResponse, tokenURL: String, secrets: SecretSet) throws(OAuth2Error) -> OAuth2Token {
        if (300..<400).contains(response.status), let location = response.headers.first(named: "Location") {
            throw OAuth2Error(
                tokenURL: tokenURL, message: "the token endpoint redirected to \(secrets.redact(location)); not followed")
        }
        let bodyText = excerpt(of: response.body, secrets: secrets)
        let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        guard (200..<300).contains(response.status) else {
            if let code = object?["error"] as? String {
                let detail = (object?["error_description"] as? String).map { " (\(secrets.redact(TerminalSafeText.singleLine($0))))" } ?? ""
                let code = secrets.redact(TerminalSafeText.singleLine(code))
                throw OAuth2Error(
                    tokenURL: tokenURL, message: "\(code)\(detail): \(OAuth2ErrorCode.explanation(of: code))", code: code)
            }
            throw OAuth2Error(tokenURL: tokenURL, message: "status \(response.status): \(bodyText)")
        }
        guard let object, let accessToken = object["access_token"] as? String, !accessToken.isEmpty else {
            throw OAuth2Error(tokenURL: tokenURL, message: "the answer has no access_token: \(bodyText)")
        }
        let expiresIn = (object["expires_in"] as? NSNumber)?.doubleValue ?? (object["expires_in"] as? String).flatMap(Double.init)
        let refreshToken = (object["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return OAuth2Token(accessToken: accessToken, expiresIn: expiresIn, refreshToken: refreshToken)
    }

    /// The start of a token endpoint's answer for an error message, masked before it is cut, so
    /// a secret the server echoes (often the form we sent) shows neither whole nor in part: cut
    /// first at 300 bytes, the message once ended `…CANAR`.
    static func excerpt(of body: Data, secrets: SecretSet, characters: Int = 300) -> String {
        let head = body.prefix(65_536)
        let masked = secrets.redact(String(decoding: head, as: UTF8.self), cutAtEnd: head.count < body.count)
        return masked.count > characters ? String(masked.prefix(characters)) + "…" : masked
    }
}
