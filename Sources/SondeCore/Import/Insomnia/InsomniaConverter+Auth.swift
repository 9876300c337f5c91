import Foundation

extension InsomniaConverter {
    /// An Insomnia `authentication` as sonde's, with what it adds elsewhere: a bearer token with
    /// a prefix other than `Bearer` is an Authorization header, an API key in a cookie a Cookie
    /// header. Empty means inherit (from the folder, as in
    /// Insomnia), `none` none. Secrets become `{{env:}}` references.
    struct Auth {
        var config: AuthConfig
        var headers: [KeyValue] = []
        var kept: [KeyValue] = []
    }

    mutating func auth(_ json: PostmanJSON?, place: String) -> Auth {
        guard let json, let type = json["type"]?.text, !type.isEmpty else { return Auth(config: .inherit) }
        func field(_ key: String) -> String { template(json[key]?.text ?? "", place: place) }
        func secret(_ key: String, _ name: String) -> String { secrets.reference(for: field(key), suggestedName: name) }
        if json["disabled"]?.isTrue == true {
            warn(place, "the \(type) auth is disabled in Insomnia: sends none, the settings kept as text under x-insomnia-auth")
            return Auth(config: .none, kept: [KeyValue("x-insomnia-auth", redacted(json).jsonText())])
        }
        switch type {
        case "none":
            return Auth(config: .none)
        case "inherit":
            return Auth(config: .inherit)
        case "basic":
            return Auth(config: .basic(username: field("username"), password: secret("password", "password")))
        case "bearer":
            let prefix = field("prefix").trimmingCharacters(in: .whitespaces)
            let token = secret("token", "token")
            if prefix.isEmpty || prefix.lowercased() == "bearer" { return Auth(config: .bearer(token: token)) }
            return Auth(config: .none, headers: [KeyValue("Authorization", "\(prefix) \(token)")])
        case "apikey":
            let name = field("key").isEmpty ? "X-API-Key" : field("key")
            let value = secrets.reference(for: field("value"), suggestedName: name)
            switch json["addTo"]?.text ?? "header" {
            case "queryParams", "query":
                return Auth(config: .apiKey(name: name, value: value, location: .query))
            case "cookie":
                return Auth(config: .none, headers: [KeyValue("Cookie", "\(name)=\(value)")])
            default:
                return Auth(config: .apiKey(name: name, value: value, location: .header))
            }
        case "digest":
            return Auth(config: .challenge(.digest, username: field("username"), password: secret("password", "password")))
        case "ntlm":
            let domain = field("domain")
            let user = domain.isEmpty ? field("username") : "\(domain)\\\(field("username"))"
            return Auth(config: .challenge(.ntlm, username: user, password: secret("password", "password")))
        case "oauth2" where json["grantType"]?.text == "client_credentials" && !field("accessTokenUrl").isEmpty:
            let scope = field("scope")
            return Auth(config: .oauth2ClientCredentials(OAuth2ClientCredentials(
                tokenURL: field("accessTokenUrl"), clientID: field("clientId"),
                clientSecret: secret("clientSecret", "client secret"), scope: scope.isEmpty ? nil : scope)))
        case "oauth2":
            let grant = json["grantType"]?.text ?? "(none)"
            warn(place, "oauth2 grant \(grant) is not run by sonde: sends no credentials, kept as text under x-insomnia-auth")
            return Auth(config: .none, kept: [KeyValue("x-insomnia-auth", redacted(json).jsonText())])
        default:
            warn(place, "auth \(type) is not supported by sonde: sends no credentials, kept as text under x-insomnia-auth")
            return Auth(config: .none, kept: [KeyValue("x-insomnia-auth", redacted(json).jsonText())])
        }
    }
}
