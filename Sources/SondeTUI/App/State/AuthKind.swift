import SondeCore

/// The kinds of auth the editor offers, in the order it cycles through them. API keys in a
/// header and in the query are two kinds here (one choice, not a kind and a sub-choice).
package enum AuthKind: Int, Sendable, CaseIterable {
    case inherit, none, basic, bearer, apiKeyHeader, apiKeyQuery, oauth2, digest, ntlm

    package var title: String {
        switch self {
        case .inherit: "inherit"
        case .none: "none"
        case .basic: "basic"
        case .bearer: "bearer token"
        case .apiKeyHeader: "API key in a header"
        case .apiKeyQuery: "API key in the query"
        case .oauth2: "OAuth2 client credentials"
        case .digest: "digest"
        case .ntlm: "NTLM"
        }
    }

    /// The fields this kind is made of, in the order the form shows them.
    package var fields: [AuthField] {
        switch self {
        case .inherit, .none: []
        case .basic, .digest, .ntlm: [.username, .password]
        case .bearer: [.token]
        case .apiKeyHeader, .apiKeyQuery: [.name, .value]
        case .oauth2: [.tokenURL, .clientID, .clientSecret, .scope]
        }
    }

    package init(_ auth: AuthConfig) {
        switch auth {
        case .inherit: self = .inherit
        case .none: self = .none
        case .basic: self = .basic
        case .challenge(.digest, _, _): self = .digest
        case .challenge(.ntlm, _, _): self = .ntlm
        case .bearer: self = .bearer
        case .apiKey(_, _, .header): self = .apiKeyHeader
        case .apiKey(_, _, .query): self = .apiKeyQuery
        case .oauth2ClientCredentials: self = .oauth2
        }
    }
}

/// One field of the auth form. The same field keeps its text across kinds (a username typed for
/// basic stays when switching to digest).
package enum AuthField: String, Sendable, CaseIterable {
    case username, password, token, name, value, tokenURL, clientID, clientSecret, scope

    package var title: String {
        switch self {
        case .username: "username"
        case .password: "password"
        case .token: "token"
        case .name: "name"
        case .value: "value"
        case .tokenURL: "token url"
        case .clientID: "client id"
        case .clientSecret: "client secret"
        case .scope: "scope"
        }
    }

    /// Fields that hold a credential: the form offers secret references for them.
    package var holdsSecret: Bool {
        switch self {
        case .password, .token, .value, .clientSecret: true
        default: false
        }
    }

    /// The fields' text as written in `auth` (templates, never resolved values).
    package static func values(of auth: AuthConfig) -> [AuthField: String] {
        switch auth {
        case .inherit, .none: [:]
        case .basic(let username, let password), .challenge(_, let username, let password):
            [.username: username, .password: password]
        case .bearer(let token): [.token: token]
        case .apiKey(let name, let value, _): [.name: name, .value: value]
        case .oauth2ClientCredentials(let credentials):
            [.tokenURL: credentials.tokenURL, .clientID: credentials.clientID, .clientSecret: credentials.clientSecret,
             .scope: credentials.scope ?? ""]
        }
    }
}
