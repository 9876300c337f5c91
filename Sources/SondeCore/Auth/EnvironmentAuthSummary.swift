/// What one request sends as auth in one environment, masked: the row of the TUI's "effective
/// auth per environment" view, which answers "what will this request send in staging?" for
/// every environment at once. Credentials are never part of it, resolved or not: only the
/// kind, where it goes, the level it comes from and what is missing.
public struct EnvironmentAuthSummary: Sendable, Equatable {
    /// The environment's name; nil for a collection without environments.
    public var environment: String?
    /// The kind as written in YAML (`bearer`, `api_key`), `none` when nothing is sent.
    public var kind: String
    /// Where the credentials go: `header Authorization`, `query api_key`, `nothing sent`.
    public var placement: String
    /// The value as it goes out, every credential masked: `Bearer ••••`.
    public var maskedValue: String
    public var source: AuthSource
    /// Placeholders of the auth that would not resolve there: `{{env:STAGING_TOKEN}} is not set`.
    public var problems: [String]

    /// One summary per environment of `collection` (one without an environment when it has none).
    /// `{{cmd:}}` secrets are not run (`runsCommands` off): a summary never waits on a command.
    public static func rows(for request: SavedRequest, in collection: RequestCollection, secretSource: SecretSource,
                            captured: [CapturedValue] = []) -> [EnvironmentAuthSummary] {
        var source = secretSource
        source.runsCommands = false
        let environments: [Environment?] = collection.environments.isEmpty ? [nil] : collection.environments
        return environments.map { environment in
            let context = SendContext(collection: collection, environment: environment, secretSource: source, captured: captured)
            return summary(EffectiveAuth.resolve(request: request, in: collection, environment: environment),
                           environment: environment?.name, resolver: VariableResolver(scopes: context.variableScopes, secretSource: source))
        }
    }

    static func summary(_ effective: EffectiveAuth, environment: String?, resolver: VariableResolver) -> EnvironmentAuthSummary {
        var resolver = resolver
        let mask = SecretSet.mask
        let kind: String, placement: String, value: String
        switch effective.auth {
        case .inherit, .none:
            (kind, placement, value) = ("none", "nothing sent", "—")
        case .basic(let username, let password):
            _ = resolver.resolve(username, usedIn: "basic auth username")
            _ = resolver.resolve(password, usedIn: "basic auth password")
            (kind, placement, value) = ("basic", "header Authorization", "Basic \(mask)")
        case .challenge(let scheme, let username, let password):
            _ = resolver.resolve(username, usedIn: "\(scheme.rawValue) auth username")
            _ = resolver.resolve(password, usedIn: "\(scheme.rawValue) auth password")
            (kind, placement, value) = (scheme.rawValue, "header Authorization (\(scheme.rawValue) challenge)", mask)
        case .bearer(let token):
            _ = resolver.resolve(token, usedIn: "bearer token")
            (kind, placement, value) = ("bearer", "header Authorization", "Bearer \(mask)")
        case .apiKey(let name, let key, let location):
            let resolved = resolver.resolveTrackingSecrets(name, usedIn: "api key name")
            _ = resolver.resolve(key, usedIn: "api key value")
            let shown = resolved.isSecret ? name : TerminalSafeText.singleLine(resolved.value)
            (kind, placement, value) = ("api_key", "\(location.rawValue) \(shown)", mask)
        case .oauth2ClientCredentials(let credentials):
            _ = resolver.resolve(credentials.tokenURL, usedIn: "oauth2 token_url")
            _ = resolver.resolve(credentials.clientID, usedIn: "oauth2 client_id")
            _ = resolver.resolve(credentials.clientSecret, usedIn: "oauth2 client_secret")
            (kind, placement, value) = ("oauth2", "header Authorization", "Bearer \(mask) (fetched)")
        }
        let problems = resolver.problems.map { problem -> String in
            switch problem.kind {
            case .unsetSecret(let name): "{{env:\(name)}} is not set (\(problem.usedIn))"
            case .unknownVariable(let name): "{{\(name)}} is not defined (\(problem.usedIn))"
            default: TerminalSafeText.singleLine(problem.description)
            }
        }
        return EnvironmentAuthSummary(environment: environment, kind: kind, placement: placement, maskedValue: value,
                                      source: effective.source, problems: problems)
    }
}
