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
