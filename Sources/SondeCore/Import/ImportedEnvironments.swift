/// Environments read from an environment file (http-client.env.json, a Postman environment
/// or globals export), with the secrets taken out of them.
public struct ImportedEnvironments: Sendable, Equatable {
    public var environments: [ImportedEnvironment]
    /// Every `{{env:NAME}}` the environments refer to, in order of first use.
    public var secretNames: [String]
    /// The secret values found, by name: for `.env`, never for YAML.
    public var secretValues: [String: String]
    public var warnings: [ImportWarning]

    public init(environments: [ImportedEnvironment] = [], secretNames: [String] = [], secretValues: [String: String] = [:], warnings: [ImportWarning] = []) {
        self.environments = environments
        self.secretNames = secretNames
        self.secretValues = secretValues
        self.warnings = warnings
    }
}

extension ImportedCollection {
    /// Adds imported environments (read beside a `.http` file, or a Postman environment file),
    /// their secrets and warnings. A secret name the collection already
    /// uses for another value is renamed in the environments (`TOKEN` becomes `TOKEN_2`), so
    /// each name has one value to set.
    public mutating func add(_ imported: ImportedEnvironments) {
        var added = imported.environments
        for name in imported.secretNames {
            var target = name
            if let value = imported.secretValues[name], let existing = secretValues[name], existing != value {
                var suffix = 2
                while secretNames.contains("\(name)_\(suffix)") || imported.secretNames.contains("\(name)_\(suffix)") { suffix += 1 }
                target = "\(name)_\(suffix)"
                for index in added.indices {
                    added[index].variables = added[index].variables.map { row in
                        KeyValue(row.name, row.value.replacingOccurrences(of: "{{env:\(name)}}", with: "{{env:\(target)}}"), enabled: row.enabled)
                    }
                }
            }
            if !secretNames.contains(target) { secretNames.append(target) }
            if let value = imported.secretValues[name] { secretValues[target] = value }
        }
        environments += added
        warnings += imported.warnings
        referToSecretsEverywhere()
    }
}
