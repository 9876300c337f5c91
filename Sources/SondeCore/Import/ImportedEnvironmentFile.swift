/// What an importer makes of a file that holds only environments (a Postman environment or
/// globals export, `http-client.env.json`): the environments and the secrets taken out of them,
/// to add to a collection being imported or to an existing one.
public struct ImportedEnvironmentFile: Sendable, Equatable {
    public var environments: [ImportedEnvironment]
    /// Every `{{env:NAME}}` introduced, in order of first use (see `ImportedCollection.secretNames`).
    public var secretNames: [String]
    /// The secret values by name, for `.env` with `--secrets-to-dotenv` only, never for YAML.
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
    /// Adds the environments of `file`, its secrets and its warnings. A secret name already
    /// taken keeps its first value: both files named the same variable.
    public mutating func add(_ file: ImportedEnvironmentFile) {
        environments += file.environments
        for name in file.secretNames where !secretNames.contains(name) { secretNames.append(name) }
        secretValues.merge(file.secretValues) { first, _ in first }
        warnings += file.warnings
    }
}
