import Foundation

/// What resolving a request needs besides the request: its collection, the chosen environment,
/// and where secrets come from.
public struct SendContext: Sendable, Equatable {
    public var collection: RequestCollection
    public var environment: Environment?
    public var secretSource: SecretSource
    /// Values given for this one send (`sonde send --var name=value`); they win over all others.
    public var overrides: [String: String]
    /// The folder of cookie jars (`CookieJarFile.defaultDirectory`); nil sends no cookies
    /// (`--no-cookies`, and tests that don't want a jar).
    public var cookieJars: URL?
    /// Values captured from earlier responses (`captures:`), by name, the latest last: they
    /// win over the environment's and the collection's variables, not over `--var`.
    public var captured: [CapturedValue]

    public init(
        collection: RequestCollection, environment: Environment?, secretSource: SecretSource, overrides: [String: String] = [:],
        cookieJars: URL? = nil, captured: [CapturedValue] = []
    ) {
        self.captured = captured
        self.collection = collection
        self.environment = environment
        self.secretSource = secretSource
        self.overrides = overrides
        self.cookieJars = cookieJars
    }

    /// Variables are looked up in the overrides, then the captured values, then the
    /// environment, then the collection.
    package var variableScopes: [VariableScope] {
        var scopes: [VariableScope] = []
        if !overrides.isEmpty { scopes.append(VariableScope(origin: "--var", values: overrides)) }
        if !captured.isEmpty {
            var values: [String: String] = [:]
            var secretNames: Set<String> = []
            for value in captured {
                values[value.name] = value.value
                if value.isSecret { secretNames.insert(value.name) } else { secretNames.remove(value.name) }
            }
            scopes.append(VariableScope(origin: "captured", values: values, isLiteral: true, secretNames: secretNames))
        }
        if let environment {
            scopes.append(VariableScope(origin: "environment \(environment.name)", values: Self.dictionary(environment.variables)))
        }
        scopes.append(VariableScope(origin: "collection \(collection.name)", values: Self.dictionary(collection.variables)))
        return scopes
    }

    private static func dictionary(_ rows: [KeyValue]) -> [String: String] {
        var values: [String: String] = [:]
        for row in rows where row.enabled { values[row.name] = row.value }
        return values
    }
}
