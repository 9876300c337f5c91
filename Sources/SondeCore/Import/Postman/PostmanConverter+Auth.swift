extension PostmanConverter {
    /// A Postman `auth` as sonde's: absent means inherit (as in Postman, from the folder, then
    /// the collection), `noauth` none. Passwords, tokens, key values and client secrets become
    /// `{{env:}}` references. A type sonde has no equivalent for sends nothing (not the parent's
    /// credentials) and is kept as text under `x-postman-auth`, its secrets redacted.
    mutating func auth(_ json: PostmanJSON?, place: String) -> (AuthConfig, kept: [KeyValue]) {
        guard let json, json != .null, let type = json["type"]?.text else { return (.inherit, []) }
        let fields = attributes(json[type], place: place)
        func field(_ key: String) -> String { fields[key] ?? "" }
        switch type {
        case "noauth":
            return (.none, [])
        case "inherit":
            return (.inherit, [])
        case "basic":
            return (.basic(username: field("username"), password: secret(field("password"), "password")), [])
        case "bearer":
            return (.bearer(token: secret(field("token"), "token")), [])
        case "apikey":
            let name = fields["key"].flatMap { $0.isEmpty ? nil : $0 } ?? "X-API-Key"
            var location = APIKeyLocation.header
            switch fields["in"] ?? "header" {
            case "header": break
            case "query": location = .query
            case let other: warn(place, "api key in \(other) is not supported: sent in a header instead")
            }
            return (.apiKey(name: name, value: secret(field("value"), name), location: location), [])
        case "digest":
            return (.challenge(.digest, username: field("username"), password: secret(field("password"), "password")), [])
        case "ntlm":
            let domain = field("domain")
            let username = domain.isEmpty ? field("username") : "\(domain)\\\(field("username"))"
            return (.challenge(.ntlm, username: username, password: secret(field("password"), "password")), [])
        case "oauth2":
            return oauth2(fields, json: json, place: place)
        default:
            warn(place, "auth \(type) is not supported by sonde: sends no credentials, kept as text under x-postman-auth")
            return (.none, [KeyValue("x-postman-auth", redacted(json).jsonText())])
        }
    }

    /// OAuth2 in its one grant sonde runs itself (client credentials); any other grant with a
    /// saved access token sends that token as a bearer token, as Postman does until it expires.
    private mutating func oauth2(_ fields: [String: String], json: PostmanJSON, place: String) -> (AuthConfig, kept: [KeyValue]) {
        let grant = fields["grant_type"] ?? ""
        if var oauth = PostmanOAuth2.settings(from: fields) {
            oauth.clientSecret = secret(oauth.clientSecret, "client secret")
            if let password = oauth.password { oauth.password = secret(password, "password") }
            if let token = oauth.refreshToken { oauth.refreshToken = secret(token, "refresh token") }
            return (.oauth2ClientCredentials(oauth), [])
        }
        let kept = [KeyValue("x-postman-auth", redacted(json).jsonText())]
        if let token = fields["accessToken"], !token.isEmpty {
            warn(place, "oauth2 grant \(grant.isEmpty ? "(none)" : grant) is not run by sonde: its saved access token is sent as a bearer token, the settings kept as text under x-postman-auth")
            return (.bearer(token: secret(token, "access token")), kept)
        }
        warn(place, "oauth2 grant \(grant.isEmpty ? "(none)" : grant) is not run by sonde: sends no credentials, kept as text under x-postman-auth")
        return (.none, kept)
    }

    /// Auth attributes by key: v2.1 writes a list of `{key, value, type}`, v2.0 an object.
    private mutating func attributes(_ json: PostmanJSON?, place: String) -> [String: String] {
        var fields: [String: String] = [:]
        if let rows = json?.array {
            for row in rows {
                if let key = row["key"]?.text { fields[key] = row["value"].map { $0.text ?? $0.jsonText() } ?? "" }
            }
        } else if let object = json?.object {
            for (key, value) in object { fields[key] = value.text ?? value.jsonText() }
        }
        return fields.mapValues { template($0, place: place) }
    }

    private mutating func secret(_ value: String, _ name: String) -> String {
        secrets.reference(for: value, suggestedName: name)
    }
}
