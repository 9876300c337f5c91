/// What an importer (curl, Postman, .http, …) makes of its source, before anything is written:
/// the one shape every format converts to, so writing files, naming them without overwriting,
/// moving secrets to `{{env:}}` and `--dry-run` are done once (`sonde import`).
public struct ImportedCollection: Sendable, Equatable {
    /// The source's own name for it (a Postman collection's `info.name`, a file's base name),
    /// from which the default folder name is made.
    public var name: String
    public var description: String
    /// Collection-level headers, auth and options (`collection.yaml`).
    public var defaults: RequestDefaults
    /// Collection variables (`collection.yaml`'s `variables:`), plain values only: a secret is
    /// a `{{env:NAME}}` reference here, its name in `secretNames`.
    public var variables: [KeyValue]
    public var root: ImportedFolder
    public var environments: [ImportedEnvironment]
    /// Every `{{env:NAME}}` the import introduced, in order of first use, for `.env.example`
    /// and the list of names to set.
    public var secretNames: [String]
    /// The secret values found in the source, by name: written to `.env` only with
    /// `--secrets-to-dotenv`, never to YAML.
    public var secretValues: [String: String]
    /// What could not be mapped or was kept as text, each with where it was in the source.
    public var warnings: [ImportWarning]
    /// What `collection.yaml` has no field for, as text under its own key (`x-postman-test`
    /// for a collection-level script): written as extra keys, as `ImportedRequest.kept`.
    public var kept: [KeyValue]

    public init(
        name: String, description: String = "", defaults: RequestDefaults = RequestDefaults(), variables: [KeyValue] = [],
        root: ImportedFolder = ImportedFolder(name: ""), environments: [ImportedEnvironment] = [],
        secretNames: [String] = [], secretValues: [String: String] = [:], warnings: [ImportWarning] = [], kept: [KeyValue] = []
    ) {
        self.kept = kept
        self.name = name
        self.description = description
        self.defaults = defaults
        self.variables = variables
        self.root = root
        self.environments = environments
        self.secretNames = secretNames
        self.secretValues = secretValues
        self.warnings = warnings
    }
}

/// A folder of imported requests; `defaults` become its `folder.yaml`.
public struct ImportedFolder: Sendable, Equatable {
    public var name: String
    public var defaults: RequestDefaults
    public var folders: [ImportedFolder]
    public var requests: [ImportedRequest]
    /// `folder.yaml`'s `description:`.
    public var description: String
    /// What `folder.yaml` has no field for (a folder's scripts), as `ImportedRequest.kept`.
    public var kept: [KeyValue]

    public init(
        name: String, defaults: RequestDefaults = RequestDefaults(), folders: [ImportedFolder] = [], requests: [ImportedRequest] = [],
        description: String = "", kept: [KeyValue] = []
    ) {
        self.description = description
        self.kept = kept
        self.name = name
        self.defaults = defaults
        self.folders = folders
        self.requests = requests
    }
}

/// One request as imported. `kept` holds what sonde has no field for, as text under its own
/// key (`scripts`, `x-postman-tests`, …): written into the YAML file so nothing is lost.
public struct ImportedRequest: Sendable, Equatable {
    public var definition: RequestDefinition
    public var kept: [KeyValue]
    /// Files written beside the request file, named after it (an OpenAPI response schema).
    public var companions: [ImportedCompanionFile]

    public init(definition: RequestDefinition, kept: [KeyValue] = [], companions: [ImportedCompanionFile] = []) {
        self.definition = definition
        self.kept = kept
        self.companions = companions
    }
}

/// A file that goes beside an imported request: `get-user.response.schema.json` for a request
/// written as `get-user.yaml`. Its name is only known when the plan has named the request, so
/// a response schema's `expect: {schema:}` is filled in then.
public struct ImportedCompanionFile: Sendable, Equatable {
    /// What follows the request's name: `response.schema.json`.
    public var suffix: String
    public var contents: String
    /// The request's `expect: {schema:}` names this file.
    public var isResponseSchema: Bool

    public init(suffix: String, contents: String, isResponseSchema: Bool = false) {
        self.suffix = suffix
        self.contents = contents
        self.isResponseSchema = isResponseSchema
    }
}

/// An environment file to write (`environments/NAME.yaml`).
public struct ImportedEnvironment: Sendable, Equatable {
    public var name: String
    public var variables: [KeyValue]
    public var defaults: RequestDefaults

    public init(name: String, variables: [KeyValue] = [], defaults: RequestDefaults = RequestDefaults()) {
        self.name = name
        self.variables = variables
        self.defaults = defaults
    }
}

/// Something the import could not carry over as it was, and where: `collection.json item
/// "Login" > event test: script kept as text`.
public struct ImportWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where in the source: a line (`requests.http:12`) or a path of names.
    public var place: String
    public var message: String

    public init(place: String, message: String) {
        self.place = place
        self.message = message
    }

    public var description: String { place.isEmpty ? message : "\(place): \(message)" }
}
