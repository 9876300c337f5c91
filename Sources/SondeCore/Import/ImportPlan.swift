import Yams

/// What `sonde import` will write, worked out before anything is written: every file with its
/// path below the collection folder and its text. Pure, so `--dry-run` shows exactly what a real
/// import writes, and tests need no disk.
///
/// Nothing is overwritten: a request, folder or environment whose name is taken gets `-2`, `-3`;
/// an existing `collection.yaml` is kept. Only `.env`, `.env.example` and `.gitignore` are
/// merged into: their lines are kept and missing ones added.
public struct ImportPlan: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// Below the collection folder, `/`-separated: `users/get-user.yaml`.
        public var path: String
        public var contents: String
        /// Written 0600: the `.env` of secret values.
        public var isPrivate: Bool
        /// The file exists and this is its merged text; any other file must not exist yet.
        public var updatesExisting: Bool
        /// A copy of this file (absolute path), not `contents`: a file a request body names,
        /// read only when written, as bytes (`ImportFileCopies`).
        public var copiedFrom: String?

        public init(path: String, contents: String, isPrivate: Bool = false, updatesExisting: Bool = false, copiedFrom: String? = nil) {
            self.path = path
            self.contents = contents
            self.isPrivate = isPrivate
            self.updatesExisting = updatesExisting
            self.copiedFrom = copiedFrom
        }
    }

    /// What is in the target folder already.
    public struct Target: Sendable, Equatable {
        /// Every file and folder below it, `/`-separated.
        public var paths: Set<String>
        /// The text of the files the plan merges into (`.env`, `.env.example`, `.gitignore`), when present.
        public var texts: [String: String]

        public init(paths: Set<String> = [], texts: [String: String] = [:]) {
            self.paths = paths
            self.texts = texts
        }
    }

    /// A secret value would have been written into a YAML file: a bug in an importer, and never written.
    public struct SecretInFile: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var name: String
        public var description: String {
            "refusing to write \(file): it would contain the value of the secret \(name); nothing was written"
        }
    }

    public var files: [File] = []
    /// The ids of the written requests, below the collection folder (`users/get-user`).
    public var requestIDs: [String] = []
    public var secretNames: [String] = []
    public var warnings: [ImportWarning] = []
    private var copies: [String: String] = [:]

    static let dotEnv = ".env"
    static let dotEnvExample = ".env.example"
    static let gitignore = ".gitignore"

    /// The plan for writing `imported` into a folder holding `target`; with `secretsToDotEnv`
    /// the secret values go into `.env`, which is then git-ignored. `copies` are the files
    /// bodies name that are copied beside their request (path as written → absolute path,
    /// from `ImportFileCopies.check`); the request then names its copy.
    public static func make(
        _ imported: ImportedCollection, into target: Target, secretsToDotEnv: Bool, copies: [String: String] = [:]
    ) throws(SecretInFile) -> ImportPlan {
        var plan = ImportPlan()
        plan.copies = copies
        plan.secretNames = imported.secretNames
        plan.warnings = imported.warnings
        var taken = target.paths

        var defaults = imported.defaults
        if defaults == RequestDefaults() { defaults = imported.root.defaults }
        if target.paths.contains(CollectionLoader.collectionFileName) {
            if defaults != RequestDefaults() || !imported.variables.isEmpty || !imported.description.isEmpty || !imported.kept.isEmpty {
                plan.warnings.append(ImportWarning(
                    place: CollectionLoader.collectionFileName,
                    message: "exists and was kept: the imported collection's description, variables, headers, auth and options are not in it"))
            }
        } else {
            var pairs: [(Node, Node)] = [(Node("name"), Node(imported.name))]
            if !imported.description.isEmpty { pairs.append((Node("description"), Node(imported.description))) }
            if !imported.variables.isEmpty { pairs.append((Node("variables"), RequestFileWriter.encode(imported.variables))) }
            pairs += defaultsPairs(defaults)
            pairs += keptPairs(imported.kept, used: Set(YAMLReader.collectionKeys))
            plan.files.append(File(path: CollectionLoader.collectionFileName, contents: yaml(pairs)))
        }

        plan.add(imported.root, at: "", taken: &taken, isRoot: true)

        for environment in imported.environments {
            let folder = CollectionLoader.environmentsFolderName
            let name = uniqueName(slug(environment.name, fallback: "environment"), in: folder, taken: &taken)
            var pairs: [(Node, Node)] = [(Node("name"), Node(environment.name))]
            if !environment.variables.isEmpty { pairs.append((Node("variables"), RequestFileWriter.encode(environment.variables))) }
            pairs += defaultsPairs(environment.defaults)
            plan.files.append(File(path: "\(folder)/\(name).yaml", contents: yaml(pairs)))
        }

        if !imported.secretNames.isEmpty {
            plan.addDotEnvFiles(imported, target: target, secretsToDotEnv: secretsToDotEnv)
        }
        try plan.checkNoSecretInYAML(imported)
        return plan
    }

    private mutating func add(_ folder: ImportedFolder, at path: String, taken: inout Set<String>, isRoot: Bool) {
        func join(_ name: String) -> String { path.isEmpty ? name : "\(path)/\(name)" }
        if !isRoot {
            var pairs: [(Node, Node)] = [(Node("name"), Node(folder.name))]
            if !folder.description.isEmpty { pairs.append((Node("description"), Node(folder.description))) }
            pairs += Self.defaultsPairs(folder.defaults)
            pairs += Self.keptPairs(folder.kept, used: Set(YAMLReader.folderKeys))
            files.append(File(path: join(CollectionLoader.folderFileName), contents: Self.yaml(pairs)))
        }
        for var request in folder.requests {
            let name = Self.uniqueName(Self.slug(request.definition.name, fallback: "request"), in: path, taken: &taken)
            for companion in request.companions {
                let fileName = Self.uniqueFileName(name, suffix: companion.suffix, in: path, taken: &taken)
                files.append(File(path: join(fileName), contents: companion.contents))
                if companion.isResponseSchema { request.definition.expectations.schema = .file(fileName) }
            }
            request.definition.body = copyFiles(of: request.definition.body, in: path, taken: &taken)
            files.append(File(path: join(name + ".yaml"), contents: Self.requestYAML(request)))
            requestIDs.append(join(name))
        }
        for child in folder.folders {
            let name = Self.uniqueName(Self.slug(child.name, fallback: "folder"), in: path, taken: &taken)
            add(child, at: join(name), taken: &taken, isRoot: false)
        }
    }

    /// `body` naming copies of its files, each planned beside the request; a file named twice
    /// in one body is copied once.
    private mutating func copyFiles(of body: RequestBody, in path: String, taken: inout Set<String>) -> RequestBody {
        var named: [String: String] = [:]
        func copy(_ written: String) -> String {
            guard let source = copies[written] else { return written }
            if let name = named[written] { return name }
            let name = ImportFileCopies.copyName(written, in: path, taken: &taken)
            files.append(File(path: path.isEmpty ? name : "\(path)/\(name)", contents: "", copiedFrom: source))
            named[written] = name
            return name
        }
        switch body {
        case .file(let written, let contentType):
            return .file(path: copy(written), contentType: contentType)
        case .multipart(var fields):
            for index in fields.indices where fields[index].isFile { fields[index].value = copy(fields[index].value) }
            return .multipart(fields)
        default:
            return body
        }
    }

    /// A request file: what `RequestFileWriter` writes, then the kept keys, each as text under a
    /// `scripts` or `x-` key (the loader reads past both).
    static func requestYAML(_ request: ImportedRequest) -> String {
        var text = (try? RequestFileWriter.yaml(for: request.definition, original: nil)) ?? ""
        guard !request.kept.isEmpty else { return text }
        if !text.hasSuffix("\n") { text += "\n" }
        return text + yaml(keptPairs(request.kept, used: Set(RequestFileWriter.knownKeys)), styled: false)
    }

    /// What a file has no field for, each as text under a `scripts` or `x-` key (the loader
    /// reads past both) not among `used`: a request's, a folder's or the collection's.
    static func keptPairs(_ kept: [KeyValue], used: Set<String>) -> [(Node, Node)] {
        var used = used
        var pairs: [(Node, Node)] = []
        for entry in kept {
            var key = entry.name == "scripts" || entry.name.hasPrefix("x-") ? entry.name : "x-" + slug(entry.name, fallback: "kept")
            let base = key
            var counter = 2
            while used.contains(key) {
                key = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(key)
            // Script text reads best as a literal block, as it was written.
            let value = entry.value.contains("\n") ? Node(entry.value, .implicit, .literal) : YAMLSplice.styled(Node(entry.value))
            pairs.append((Node(key), value))
        }
        return pairs
    }

    /// `.env.example` with every secret name, and with `secretsToDotEnv` the values in `.env`
    /// and `.env` in `.gitignore`. Existing lines and values are never changed.
    private mutating func addDotEnvFiles(_ imported: ImportedCollection, target: Target, secretsToDotEnv: Bool) {
        let example = target.texts[Self.dotEnvExample]
        let listed = DotEnv.parse(example ?? "")
        let missing = imported.secretNames.filter { listed[$0] == nil }
        if !missing.isEmpty {
            var text = example.map(Self.endingInNewline) ?? "# The secrets this collection needs: copy to .env and fill in (never commit .env).\n"
            text += missing.map { "\($0)=\n" }.joined()
            files.append(File(path: Self.dotEnvExample, contents: text, updatesExisting: example != nil))
        }
        guard secretsToDotEnv else { return }
        let existing = target.texts[Self.dotEnv]
        let present = DotEnv.parse(existing ?? "")
        var added = ""
        for name in imported.secretNames {
            guard let value = imported.secretValues[name] else { continue }
            if let old = present[name] {
                if old != value {
                    warnings.append(ImportWarning(place: Self.dotEnv, message: "\(name) is set already, to another value: kept it, the imported value is not written"))
                }
                continue
            }
            added += "\(name)=\(Self.dotEnvValue(value))\n"
        }
        if !added.isEmpty {
            files.append(File(path: Self.dotEnv, contents: (existing.map(Self.endingInNewline) ?? "") + added, isPrivate: true, updatesExisting: existing != nil))
        }
        let ignore = target.texts[Self.gitignore]
        if !Self.ignoresDotEnv(ignore ?? "") {
            files.append(File(path: Self.gitignore, contents: (ignore.map(Self.endingInNewline) ?? "") + ".env\n", updatesExisting: ignore != nil))
        }
    }

    /// A value as `DotEnv.parse` reads it back: bare when plain, in single quotes otherwise, in
    /// double quotes (newlines as `\n`) when it has a newline.
    static func dotEnvValue(_ value: String) -> String {
        if !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:+=@,~".contains($0)) }) { return value }
        if value.contains("\n") { return "\"" + value.replacingOccurrences(of: "\n", with: "\\n") + "\"" }
        return "'" + value + "'"
    }

    /// Whether a `.gitignore` has a line that ignores `.env` in its folder.
    static func ignoresDotEnv(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            [".env", "/.env", ".env*", "/.env*", "*.env", ".env/"].contains(line.trimmingCharacters(in: .whitespaces))
        }
    }

    private static func endingInNewline(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Refuses a plan whose YAML holds a secret value, in any encoding, by the rules masking
    /// follows (`SecretSet.occurs(in:)`: a short value counts only where it stands alone, not
    /// inside unrelated words).
    private func checkNoSecretInYAML(_ imported: ImportedCollection) throws(SecretInFile) {
        let secrets = imported.secretValues.sorted { $0.key < $1.key }.map { (name: $0.key, set: SecretSet([$0.value])) }
        for file in files where !file.isPrivate && !file.updatesExisting {
            for secret in secrets where secret.set.occurs(in: file.contents) {
                throw SecretInFile(file: file.path, name: secret.name)
            }
        }
    }

    static func defaultsPairs(_ defaults: RequestDefaults) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if !defaults.headers.isEmpty { pairs.append((Node("headers"), RequestFileWriter.encode(defaults.headers))) }
        if let auth = RequestFileWriter.encode(defaults.auth) { pairs.append((Node("auth"), auth)) }
        if !defaults.options.isEmpty { pairs.append((Node("options"), RequestFileWriter.encode(defaults.options))) }
        return pairs
    }

    private static func yaml(_ pairs: [(Node, Node)], styled: Bool = true) -> String {
        (try? YAMLSplice.serialize(styled ? YAMLSplice.styled(Node(pairs)) : Node(pairs))) ?? ""
    }

    /// `name` in `folder`, or `name-2`, `name-3` when a file or folder of that name is there
    /// (a request `x.yaml` and a folder `x` would share the id `x`); the chosen name is taken.
    static func uniqueName(_ name: String, in folder: String, taken: inout Set<String>) -> String {
        func isTaken(_ candidate: String) -> Bool {
            // Names the loader gives a meaning to: a request file collection.yaml would be read as the collection.
            if candidate == "collection" || candidate == "folder" || (folder.isEmpty && candidate == "environments") { return true }
            let path = folder.isEmpty ? candidate : "\(folder)/\(candidate)"
            return taken.contains(path) || taken.contains(path + ".yaml") || taken.contains(path + ".yml")
        }
        var candidate = name
        var base = name
        var counter = 2
        // `get-users-2` taken goes on to `get-users-3`, not `get-users-2-2`.
        if isTaken(name), let dash = name.lastIndex(of: "-"), let number = Int(name[name.index(after: dash)...]), number < 1_000_000 {
            base = String(name[..<dash])
            counter = number + 1
        }
        while isTaken(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        let path = folder.isEmpty ? candidate : "\(folder)/\(candidate)"
        taken.insert(path)
        return candidate
    }

    /// `name.suffix` in `folder`, or `name-2.suffix`, … when taken; the chosen name is taken.
    static func uniqueFileName(_ name: String, suffix: String, in folder: String, taken: inout Set<String>) -> String {
        func path(_ file: String) -> String { folder.isEmpty ? file : "\(folder)/\(file)" }
        var candidate = "\(name).\(suffix)"
        var counter = 2
        while taken.contains(path(candidate)) {
            candidate = "\(name)-\(counter).\(suffix)"
            counter += 1
        }
        taken.insert(path(candidate))
        return candidate
    }

    /// A file name made of `name`: lower-case ASCII letters and digits joined by `-`, at most 60
    /// characters, so no name (`../../etc`, `a/b`, `CON`, a control character) can leave the
    /// folder or trouble a file system; `fallback` when nothing is left.
    public static func slug(_ name: String, fallback: String) -> String {
        var slug = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug += String(scalar).lowercased()
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = String(slug.prefix(60))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? fallback : slug
    }
}
