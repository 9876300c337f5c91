/// sonde's OAuth2 settings as Postman's `oauth2` auth attributes and back: one table for the
/// exporter and the importer, so a collection makes the round trip.
///
/// Postman's grant types are `client_credentials`, `password_credentials`, `authorization_code`
/// and `authorization_code_with_pkce`; the device code and refresh token grants, which Postman
/// cannot run, are written with sonde's own names (`device_code`, `refresh_token`) so that sonde
/// reads them back. Settings Postman has no field for go under keys it ignores (`sonde…`).
enum PostmanOAuth2 {
    static func attributes(of oauth: OAuth2ClientCredentials) -> [(String, String)] {
        let grant: String = switch oauth.grant {
        case .clientCredentials: "client_credentials"
        case .password: "password_credentials"
        case .authorizationCode: oauth.pkce ? "authorization_code_with_pkce" : "authorization_code"
        case .deviceCode: "device_code"
        case .refreshToken: "refresh_token"
        }
        var pairs = [("grant_type", grant), ("accessTokenUrl", oauth.tokenURL), ("clientId", oauth.clientID), ("clientSecret", oauth.clientSecret)]
        func add(_ key: String, _ value: String?) { if let value { pairs.append((key, value)) } }
        add("scope", oauth.scope)
        add("authUrl", oauth.authorizationURL)
        add("username", oauth.username)
        add("password", oauth.password)
        add("refreshToken", oauth.refreshToken)
        add("audience", oauth.audience)
        if oauth.grant == .authorizationCode, oauth.pkce { pairs.append(("challengeAlgorithm", "S256")) }
        if let auth = oauth.tokenAuth { pairs.append(("client_authentication", auth == .clientSecretBasic ? "header" : "body")) }
        add("sondeDeviceAuthorizationUrl", oauth.deviceAuthorizationURL)
        add("sondeIssuer", oauth.issuer)
        add("sondeRedirectPort", oauth.redirectPort.map(String.init))
        add("sondeLoginTimeout", oauth.loginTimeout.map { String($0) })
        for (key, value) in oauth.authorizeParameters.sorted(by: { $0.key < $1.key }) { pairs.append(("sondeAuthorize." + key, value)) }
        return pairs
    }

    /// The settings the attributes describe; nil for a grant sonde does not run (implicit) or
    /// one that lacks its token URL and issuer.
    static func settings(from fields: [String: String]) -> OAuth2ClientCredentials? {
        func value(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        let grant: OAuth2Grant
        var pkce = true
        switch fields["grant_type"] ?? "" {
        case "client_credentials": grant = .clientCredentials
        case "password_credentials": grant = .password
        case "authorization_code_with_pkce": grant = .authorizationCode
        case "authorization_code":
            grant = .authorizationCode
            pkce = false
        case "device_code": grant = .deviceCode
        case "refresh_token": grant = .refreshToken
        default: return nil
        }
        let issuer = value("sondeIssuer")
        guard value("accessTokenUrl") != nil || issuer != nil else { return nil }
        var parameters: [String: String] = [:]
        for (key, text) in fields where key.hasPrefix("sondeAuthorize.") { parameters[String(key.dropFirst("sondeAuthorize.".count))] = text }
        let tokenAuth: OAuth2TokenAuth? = switch fields["client_authentication"] {
        case "header": .clientSecretBasic
        case "body": .clientSecretPost
        default: nil
        }
        return OAuth2ClientCredentials(
            tokenURL: fields["accessTokenUrl"] ?? "", clientID: fields["clientId"] ?? "", clientSecret: fields["clientSecret"] ?? "",
            scope: value("scope"), grant: grant, authorizationURL: value("authUrl"),
            deviceAuthorizationURL: value("sondeDeviceAuthorizationUrl"), username: value("username"), password: value("password"),
            refreshToken: value("refreshToken"), audience: value("audience"), authorizeParameters: parameters,
            redirectPort: value("sondeRedirectPort").flatMap { Int($0) }, pkce: pkce, tokenAuth: tokenAuth, issuer: issuer,
            loginTimeout: value("sondeLoginTimeout").flatMap { Double($0) })
    }
}
