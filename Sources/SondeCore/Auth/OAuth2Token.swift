import Foundation

/// An access token from an OAuth2 token endpoint.
public struct OAuth2Token: Sendable, Equatable {
    public var accessToken: String
    /// Seconds the token is valid for, as the server said; nil when it did not say.
    public var expiresIn: Double?

    public init(accessToken: String, expiresIn: Double?) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
    }
}

/// Why no token could be had from the token endpoint.
public struct OAuth2Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var tokenURL: String
    public var message: String

    public var description: String { "OAuth2 token request to \(tokenURL) failed: \(message)" }
}

/// The client-credentials grant as HTTP: the token request to send and the answer to read.
public enum OAuth2ClientCredentialsGrant {
    /// A POST of `grant_type=client_credentials` with the client id and secret in the form body
    /// (RFC 6749 §2.3.1 allows both this and Basic; the body works with more servers).
    ///
    /// Redirects are never followed: a 307 would re-POST the client secret wherever the token
    /// endpoint points, and RFC 6749 §3.2 gives a token endpoint no reason to redirect.
    public static func tokenRequest(for credentials: OAuth2ClientCredentials, options: TransferOptions) -> PreparedRequest {
        var options = options
        options.followRedirects = false
        var fields = [("grant_type", "client_credentials"), ("client_id", credentials.clientID), ("client_secret", credentials.clientSecret)]
        if let scope = credentials.scope, !scope.isEmpty { fields.append(("scope", scope)) }
        return PreparedRequest(
            method: .POST, url: credentials.tokenURL,
            headers: [
                HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                HeaderField(name: "Accept", value: "application/json"),
                HeaderField(name: "User-Agent", value: SondeVersion.userAgent),
            ],
            body: .bytes(Data(PercentEncoding.query(fields, form: true).utf8)),
            options: options,
            secrets: SecretSet([credentials.clientSecret]))
    }

    /// The token in a token endpoint's answer, or why there is none.
    public static func token(from response: HTTPResponse, tokenURL: String, secrets: SecretSet) throws(OAuth2Error) -> OAuth2Token {
        if (300..<400).contains(response.status), let location = response.headers.first(named: "Location") {
            throw OAuth2Error(
                tokenURL: tokenURL, message: "the token endpoint redirected to \(secrets.redact(location)); not followed")
        }
        let bodyText = excerpt(of: response.body, secrets: secrets)
        guard (200..<300).contains(response.status) else {
            throw OAuth2Error(tokenURL: tokenURL, message: "status \(response.status): \(bodyText)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
              let accessToken = object["access_token"] as? String, !accessToken.isEmpty else {
            throw OAuth2Error(tokenURL: tokenURL, message: "the answer has no access_token: \(bodyText)")
        }
        let expiresIn = (object["expires_in"] as? NSNumber)?.doubleValue ?? (object["expires_in"] as? String).flatMap(Double.init)
        return OAuth2Token(accessToken: accessToken, expiresIn: expiresIn)
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
