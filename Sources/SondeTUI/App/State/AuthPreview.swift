import SondeCore

/// What the Auth tab shows: the auth the open request will really use, where it comes from
/// (request, folder, collection or environment), its fields as written, and what it sends.
///
/// Preparing the request draws `{{$uuid}}`, random numbers and the clock, so it happens in
/// `update` (`AppState.refreshAuthPreview`), once each time the request or its context changes,
/// never in render: one state always draws the same frame, and a `{{$uuid}}` token doesn't
/// change on every tick. Both forms of each secret line are kept, so revealing needs no new
/// preparation.
package struct AuthPreview: Sendable, Equatable {
    /// How a line's value is drawn.
    package enum Emphasis: Sendable, Equatable { case title, plain, secret, muted, problem }

    package struct Line: Sendable, Equatable {
        package var label: String
        /// The value as shown normally, secrets masked; terminal-safe.
        package var value: String
        /// The value while secrets are revealed; nil when it is the same as `value`.
        package var revealed: String?
        package var emphasis: Emphasis
    }

    package var lines: [Line]
    /// What the preview was prepared from: a change to either prepares it again.
    package var request: SavedRequest
    package var context: SendContext

    package init(request: SavedRequest, context: SendContext) {
        self.request = request
        self.context = context
        let effective = EffectiveAuth.resolve(request: request, in: context.collection, environment: context.environment)
        var lines = [
            Line(label: "auth", value: Self.describe(effective.auth), emphasis: .title),
            Line(label: "from", value: effective.source.description, emphasis: .plain),
        ]
        for (name, template) in Self.fields(of: effective.auth) {
            lines.append(Line(label: name, value: template, emphasis: .plain))
        }
        // What goes on the wire, resolved through the environment; secrets from {{env:…}} masked.
        do {
            let preparation = try RequestPreparer.prepare(request, in: context)
            for header in preparation.request.headers where Self.isAuthHeader(header.name, auth: effective.auth) {
                let clear = "\(header.name): \(TerminalSafeText.make(header.value))"
                lines.append(header.isSecret
                    ? Line(label: "sends", value: "\(header.name): \(SecretSet.mask)", revealed: clear, emphasis: .secret)
                    : Line(label: "sends", value: clear, emphasis: .plain))
            }
            if case .apiKey(let name, _, .query) = effective.auth {
                let url = preparation.request.url
                lines.append(Line(
                    label: "sends", value: "query \(name) in \(TerminalSafeText.make(preparation.request.secrets.redact(url)))",
                    revealed: "query \(name) in \(TerminalSafeText.make(url))", emphasis: .secret))
            }
            if preparation.pendingOAuth2 != nil {
                lines.append(Line(label: "sends", value: "Authorization: Bearer <token fetched when sending>", emphasis: .muted))
            }
        } catch {
            lines.append(Line(label: "problem", value: String(describing: error), emphasis: .problem))
        }
        self.lines = lines
    }

    static func describe(_ auth: AuthConfig) -> String {
        switch auth {
        case .inherit: "inherit"
        case .none: "none"
        case .basic: "Basic"
        case .challenge(.digest, _, _): "Digest"
        case .challenge(.ntlm, _, _): "NTLM"
        case .bearer: "Bearer token"
        case .apiKey(_, _, let location): "API key in \(location.rawValue)"
        case .oauth2ClientCredentials: "OAuth2 client credentials"
        }
    }

    /// The configured fields, as written in the YAML (templates like `{{env:TOKEN}}`, never values).
    static func fields(of auth: AuthConfig) -> [(String, String)] {
        switch auth {
        case .inherit, .none: []
        case .basic(let username, let password), .challenge(_, let username, let password):
            [("username", username), ("password", password)]
        case .bearer(let token): [("token", token)]
        case .apiKey(let name, let value, _): [("name", name), ("value", value)]
        case .oauth2ClientCredentials(let credentials):
            [("token url", credentials.tokenURL), ("client", credentials.clientID), ("secret", credentials.clientSecret)]
                + (credentials.scope.map { [("scope", $0)] } ?? [])
        }
    }

    private static func isAuthHeader(_ name: String, auth: AuthConfig) -> Bool {
        switch auth {
        case .basic, .bearer, .oauth2ClientCredentials: name.lowercased() == "authorization"
        case .apiKey(let key, _, .header): name.lowercased() == key.lowercased()
        default: false
        }
    }
}
