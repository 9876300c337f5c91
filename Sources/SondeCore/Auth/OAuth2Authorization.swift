import Foundation

/// The browser half of the authorization code grant (RFC 6749 §4.1): the authorize URL sonde
/// opens, and the callback it reads back on 127.0.0.1. Pure; the listener and the browser are adapters.
public struct OAuth2Authorization: Sendable, Equatable {
    public var state: String
    public var pkce: PKCE?
    public var redirectURI: String

    public init(state: String = PKCE.randomToken(), pkce: PKCE? = PKCE(), redirectURI: String) {
        self.state = state
        self.pkce = pkce
        self.redirectURI = redirectURI
    }

    /// `http://127.0.0.1:PORT/callback`: RFC 8252 §7.3 loopback redirect, any port.
    public static func redirectURI(port: Int) -> String { "http://127.0.0.1:\(port)/callback" }

    /// The authorize URL: the client's, with response_type, client_id, redirect_uri, scope,
    /// audience, state, the PKCE challenge and the extra parameters, the URL's own query kept.
    public func url(for credentials: OAuth2ClientCredentials, authorizationURL: String) -> String {
        var fields = [("response_type", "code"), ("client_id", credentials.clientID), ("redirect_uri", redirectURI)]
        if let scope = credentials.scope, !scope.isEmpty { fields.append(("scope", scope)) }
        if let audience = credentials.audience, !audience.isEmpty { fields.append(("audience", audience)) }
        fields.append(("state", state))
        if let pkce { fields += [("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method)] }
        fields += credentials.authorizeParameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let separator = authorizationURL.contains("?") ? "&" : "?"
        return authorizationURL + separator + PercentEncoding.query(fields)
    }

    /// What came back to the callback: its code, or why there is none. `target` is the request
    /// target the browser asked for (`/callback?code=...&state=...`).
    public func code(fromCallback target: String) -> Result<String, OAuth2CallbackError> {
        let query = target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let raw = parts.count > 1 ? String(parts[1]) : ""
            if values[name] == nil { values[name] = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw }
        }
        // The state first: an answer that is not to our request is not read further, error or not.
        guard values["state"] == state else { return .failure(.stateMismatch) }
        if let error = values["error"] {
            return .failure(.refused(code: TerminalSafeText.singleLine(error), description: values["error_description"].map(TerminalSafeText.singleLine)))
        }
        guard let code = values["code"], !code.isEmpty else { return .failure(.noCode) }
        return .success(code)
    }
}

/// Why the browser's callback brought no usable code.
public enum OAuth2CallbackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `state` is not the one sent: the answer belongs to another login (or to an attacker's, RFC 6749 §10.12).
    case stateMismatch
    case refused(code: String, description: String?)
    case noCode

    public var description: String {
        switch self {
        case .stateMismatch: "the callback's state does not match the one sent; login refused (another login's answer, or a forged one)"
        case .refused(let code, let description):
            "the authorization server answered \(code)\(description.map { " (\($0))" } ?? ""): \(OAuth2ErrorCode.explanation(of: code))"
        case .noCode: "the callback has no code"
        }
    }
}

/// The page the browser shows after the callback.
public enum OAuth2CallbackPage {
    public static func html(succeeded: Bool) -> String {
        let text = succeeded ? "Logged in. You can close this tab and go back to sonde." : "Login failed. sonde says why in the terminal."
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>sonde</title></head><body><p>\(text)</p></body></html>"
    }
}
