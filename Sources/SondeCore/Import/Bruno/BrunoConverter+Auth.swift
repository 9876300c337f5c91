extension BrunoConverter {
    /// The auth of `mode` (from `get { auth: … }` or a folder's `auth { mode: … }`) and its
    /// `auth:<mode>` block. A mode sonde has no equivalent for sends nothing and is kept as
    /// text, its secrets as `{{env:}}` references.
    mutating func auth(_ file: BruFile, mode: String, place: String) -> (config: AuthConfig, kept: [KeyValue]) {
        let block = file.block("auth:" + mode)
        func field(_ key: String) -> String { template(block?.pairs.first { $0.key == key }?.value ?? "", place: place) }
        func secret(_ key: String, _ name: String) -> String { secrets.reference(for: field(key), suggestedName: name) }
        switch mode {
        case "none": return (.none, [])
        case "inherit": return (.inherit, [])
        case "basic": return (.basic(username: field("username"), password: secret("password", "password")), [])
        case "bearer": return (.bearer(token: secret("token", "token")), [])
        case "apikey":
            let name = field("key").isEmpty ? "X-API-Key" : field("key")
            let location: APIKeyLocation = field("placement") == "queryparams" ? .query : .header
            return (.apiKey(name: name, value: secrets.reference(for: field("value"), suggestedName: name), location: location), [])
        case "digest": return (.challenge(.digest, username: field("username"), password: secret("password", "password")), [])
        case "ntlm":
            let domain = field("domain")
            let user = domain.isEmpty ? field("username") : "\(domain)\\\(field("username"))"
            return (.challenge(.ntlm, username: user, password: secret("password", "password")), [])
        case "oauth2" where field("grant_type") == "client_credentials" && !field("access_token_url").isEmpty:
            let scope = field("scope")
            return (.oauth2ClientCredentials(OAuth2ClientCredentials(
                tokenURL: field("access_token_url"), clientID: field("client_id"),
                clientSecret: secret("client_secret", "client secret"), scope: scope.isEmpty ? nil : scope)), [])
        default:
            let grant = mode == "oauth2" ? " grant \(field("grant_type").isEmpty ? "(none)" : field("grant_type"))" : ""
            warn(place, "auth \(mode)\(grant) is not run by sonde: sends no credentials, kept as text under x-bruno-auth")
            let kept = block.map { block in
                block.pairs.map { pair in
                    let value = ImportSecrets.shouldMove(name: pair.key, value: pair.value)
                        ? secrets.reference(for: pair.value, suggestedName: pair.key) : pair.value
                    return "\(pair.key): \(value)"
                }.joined(separator: "\n")
            } ?? ""
            return (.none, [KeyValue("x-bruno-auth", "mode: \(mode)" + (kept.isEmpty ? "" : "\n" + kept))])
        }
    }
}
