import SondeCore

/// The Auth tab: the auth the request will really use, where it comes from (request, folder,
/// collection or environment), and what it sends — secret values masked unless revealed.
enum AuthTabRenderer {
    static func render(_ state: AppState, editor: RequestEditorState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        var saved = editor.saved
        saved.definition = editor.draft
        let context = state.sendContext(for: editor.reference.collection)
        let effective = EffectiveAuth.resolve(request: saved, in: context.collection, environment: context.environment)
        var lines: [(String, String, TextStyle)] = []
        lines.append(("auth", describe(effective.auth), theme.title))
        lines.append(("from", effective.source.description, theme.text))
        for (name, template) in fields(of: effective.auth) {
            lines.append((name, template, theme.text))
        }
        // What goes on the wire, resolved through the environment; secrets from {{env:…}} masked.
        switch Result(catching: { try RequestPreparer.prepare(saved, in: context) }) {
        case .success(let preparation):
            for header in preparation.request.headers where isAuthHeader(header.name, auth: effective.auth) {
                let value = header.isSecret && !state.isRevealingSecrets ? SecretSet.mask : header.value
                lines.append(("sends", "\(header.name): \(TerminalSafeText.make(value))", header.isSecret ? theme.secret : theme.text))
            }
            if case .apiKey(let name, _, .query) = effective.auth {
                let url = state.isRevealingSecrets ? preparation.request.url : preparation.request.secrets.redact(preparation.request.url)
                lines.append(("sends", "query \(name) in \(TerminalSafeText.make(url))", theme.secret))
            }
            if preparation.pendingOAuth2 != nil {
                lines.append(("sends", "Authorization: Bearer <token fetched when sending>", theme.muted))
            }
        case .failure(let error):
            lines.append(("problem", String(describing: error), theme.error))
        }
        let labelWidth = min(8, rect.width / 3)
        var y = rect.y
        for (label, value, style) in lines where y < rect.maxY {
            grid.write(DisplayWidth.pad(label, to: labelWidth), x: rect.x, y: y, style: theme.muted)
            grid.write(value, x: rect.x + labelWidth + 1, y: y, style: style, limit: rect.width - labelWidth - 1)
            y += 1
        }
        if y + 1 < rect.maxY {
            grid.write(DisplayWidth.truncate("Ctrl-T reveals secrets for 3 s. Auth is edited in the YAML file.", to: rect.width),
                       x: rect.x, y: y + 1, style: theme.muted)
        }
    }

    static func describe(_ auth: AuthConfig) -> String {
        switch auth {
        case .inherit: "inherit"
        case .none: "none"
        case .basic: "Basic"
        case .bearer: "Bearer token"
        case .apiKey(_, _, let location): "API key in \(location.rawValue)"
        case .oauth2ClientCredentials: "OAuth2 client credentials"
        }
    }

    /// The configured fields, as written in the YAML (templates like `{{env:TOKEN}}`, never values).
    static func fields(of auth: AuthConfig) -> [(String, String)] {
        switch auth {
        case .inherit, .none: []
        case .basic(let username, let password): [("username", username), ("password", password)]
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
