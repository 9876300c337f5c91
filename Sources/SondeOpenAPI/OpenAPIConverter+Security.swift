import Foundation
import SondeCore

extension OpenAPIConverter {
    /// A `security` requirement list as auth: its first alternative's first scheme; `[]` or an
    /// empty alternative (`{}`, auth optional) is no auth. Credentials are `{{env:}}` references
    /// named after the scheme, never the document's example values.
    mutating func auth(_ security: JSONLiteral, place: String, kept: inout [KeyValue]) -> AuthConfig {
        guard let alternatives = security.items else {
            warn(place, "security is not a list: ignored")
            return .inherit
        }
        guard let first = alternatives.first else { return .none }
        guard let schemes = first.members, let (name, scopes) = schemes.first.map({ ($0.key, $0.value) }) else {
            if alternatives.count > 1 { warn(place, "auth is optional (an empty requirement comes first): imported without auth") }
            return .none
        }
        if schemes.count > 1 {
            warn(place, "the requirement asks for \(schemes.map(\.key).joined(separator: " and ")) together: sonde sends one auth, \(name)")
        }
        if alternatives.count > 1 {
            let others = alternatives.dropFirst().compactMap { $0.members?.map(\.key).joined(separator: "+") }.map { $0.isEmpty ? "none" : $0 }
            warn(place, "security alternatives \(others.joined(separator: ", ")) not used: sonde sends the first, \(name)")
        }
        guard let raw = root["components"]?["securitySchemes"]?[name], let scheme = resolve(raw, place: place) else {
            warn(place, "security scheme \(name) is not in components.securitySchemes: no auth")
            return .none
        }
        let scopeList = (scopes.items ?? []).compactMap(\.string)
        return auth(scheme: scheme, name: name, scopes: scopeList, place: place, kept: &kept)
    }

    private mutating func auth(scheme: JSONLiteral, name: String, scopes: [String], place: String, kept: inout [KeyValue]) -> AuthConfig {
        func secret(_ suffix: String) -> String {
            secrets.declaredReference(for: "", suggestedName: suffix.isEmpty ? name : "\(name) \(suffix)")
        }
        let type = scheme["type"]?.string ?? ""
        switch type {
        case "apiKey":
            let keyName = scheme["name"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "X-API-Key"
            switch scheme["in"]?.string {
            case "query": return .apiKey(name: keyName, value: secret(""), location: .query)
            case "cookie":
                warn(place, "api key \(name) goes in a cookie: sent as the header Cookie: \(keyName)=…")
                return .apiKey(name: "Cookie", value: "\(keyName)=\(secret(""))", location: .header)
            default: return .apiKey(name: keyName, value: secret(""), location: .header)
            }
        case "http":
            switch (scheme["scheme"]?.string ?? "").lowercased() {
            case "basic": return .basic(username: secret("username"), password: secret("password"))
            case "bearer": return .bearer(token: secret(""))
            case "digest": return .challenge(.digest, username: secret("username"), password: secret("password"))
            case let other:
                return unsupported(scheme, name: name, why: "http auth scheme \(other) is not one sonde sends", bearer: false, place: place, kept: &kept)
            }
        case "oauth2":
            if let flow = scheme["flows"]?["clientCredentials"], let tokenURL = flow["tokenUrl"]?.string {
                let allScopes = (flow["scopes"]?.members ?? []).map(\.key)
                let scope = (scopes.isEmpty ? allScopes : scopes).joined(separator: " ")
                let others = (scheme["flows"]?.members ?? []).map(\.key).filter { $0 != "clientCredentials" }
                if !others.isEmpty { warn(place, "oauth2 \(name): sonde runs the clientCredentials flow; \(others.joined(separator: ", ")) not used") }
                return .oauth2ClientCredentials(OAuth2ClientCredentials(
                    tokenURL: tokenURL, clientID: secret("client id"), clientSecret: secret("client secret"),
                    scope: scope.isEmpty ? nil : scope))
            }
            let flows = (scheme["flows"]?.members ?? []).map(\.key)
            return unsupported(scheme, name: name, why: "oauth2 flow \(flows.isEmpty ? "(none)" : flows.joined(separator: ", ")) is not run by sonde", bearer: true, place: place, kept: &kept)
        case "openIdConnect":
            return unsupported(scheme, name: name, why: "OpenID Connect is not run by sonde", bearer: true, place: place, kept: &kept)
        default:
            return unsupported(scheme, name: name, why: "security type \(type.isEmpty ? "(none)" : type) is not one sonde sends", bearer: false, place: place, kept: &kept)
        }
    }

    /// A scheme sonde cannot run, kept as text under `x-openapi-security`; a token-based one
    /// sends a token obtained elsewhere (`{{env:NAME_ACCESS_TOKEN}}`) as a bearer token.
    private mutating func unsupported(
        _ scheme: JSONLiteral, name: String, why: String, bearer: Bool, place: String, kept: inout [KeyValue]
    ) -> AuthConfig {
        if !kept.contains(where: { $0.name == "x-openapi-security" }) {
            kept.append(KeyValue("x-openapi-security", JSONLiteral.object([(name, scheme)]).prettyText))
        }
        if bearer {
            let token = secrets.declaredReference(for: "", suggestedName: "\(name) access token")
            warn(place, "\(why): sends \(token) as a bearer token (get one elsewhere), the scheme kept as text under x-openapi-security")
            return .bearer(token: token)
        }
        warn(place, "\(why): sends no credentials, the scheme kept as text under x-openapi-security")
        return .none
    }
}
