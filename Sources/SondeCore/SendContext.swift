import Foundation

/// What resolving a request needs besides the request: its collection, the chosen environment,
/// and where secrets come from.
public struct SendContext: Sendable {
    public var collection: RequestCollection
    public var environment: Environment?
    public var secretSource: SecretSource

    public init(collection: RequestCollection, environment: Environment?, secretSource: SecretSource) {
        self.collection = collection
        self.environment = environment
        self.secretSource = secretSource
    }

    /// Variables are looked up in the environment first, then in the collection.
    var variableScopes: [VariableScope] {
        var scopes: [VariableScope] = []
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
