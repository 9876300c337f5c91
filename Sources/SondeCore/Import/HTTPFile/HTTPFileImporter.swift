import Foundation

/// Converts JetBrains HTTP Client and VS Code REST Client files (`.http`, `.rest`) and their
/// environment files into an `ImportedCollection`. Pure: it reads no files, so a `< ./body.json`
/// include stays a relative path the writer must copy beside the request.
public enum HTTPFileImporter {
    /// The requests of one `.http` file. `sourceName` is the file's name as the user gave it
    /// (`api/requests.http`): every warning and error says `sourceName:line`, and the collection
    /// is named after its base name.
    public static func convert(_ text: String, sourceName: String) throws(HTTPFileImportError) -> ImportedCollection {
        var parser = HTTPFileParser(text: text, file: sourceName)
        return try parser.collection(name: collectionName(of: sourceName))
    }

    /// The JetBrains HTTP Client's environment files, read from beside the `.http` file.
    public static let publicEnvironmentFile = "http-client.env.json"
    public static let privateEnvironmentFile = "http-client.private.env.json"

    /// `http-client.env.json` and `http-client.private.env.json` as environments. Every private
    /// value is a secret (`{{env:NAME}}`, its value in `secretValues`); public values that look
    /// like credentials are too. `$shared` values go into every environment (its own win).
    public static func convertEnvironments(
        public publicData: Data, private privateData: Data?,
        publicName: String = publicEnvironmentFile, privateName: String = privateEnvironmentFile
    ) throws(HTTPFileImportError) -> ImportedEnvironments {
        var reader = HTTPClientEnvironmentReader()
        try reader.read(publicData, file: publicName, isPrivate: false)
        if let privateData { try reader.read(privateData, file: privateName, isPrivate: true) }
        return reader.result()
    }

    /// VS Code's `settings.json` block `rest-client.environmentVariables` as environments, read as
    /// `convertEnvironments` reads a public file (`//` and `/* */` comments and trailing commas
    /// allowed, as VS Code allows them). `{{$shared NAME}}` becomes `{{NAME}}`.
    public static func convertVSCodeSettings(_ data: Data, sourceName: String = "settings.json") throws(HTTPFileImportError) -> ImportedEnvironments {
        var reader = HTTPClientEnvironmentReader()
        try reader.readVSCodeSettings(data, file: sourceName)
        return reader.result()
    }

    /// `requests` for `api/requests.http`.
    static func collectionName(of sourceName: String) -> String {
        let base = sourceName.split(separator: "/").last.map(String.init) ?? sourceName
        for suffix in [".http", ".rest"] where base.lowercased().hasSuffix(suffix) && base.count > suffix.count {
            return String(base.dropLast(suffix.count))
        }
        return base.isEmpty ? "http" : base
    }
}

/// Environments read from http-client environment files, with the secrets taken out of them.
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
    /// Adds environments read beside the `.http` file. A secret name the collection already
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
