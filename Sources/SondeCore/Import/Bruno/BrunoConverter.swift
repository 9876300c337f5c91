import Foundation

/// One conversion of a Bruno collection's parsed files: the folder tree from their paths, and
/// what has been found so far (secrets, warnings).
struct BrunoConverter {
    /// Put before a file's path in warnings: the collection folder as the user named it.
    let placePrefix: String
    var secrets = ImportSecrets()
    var warnings: [ImportWarning] = []
    private var warnedNames: Set<String> = []

    init(placePrefix: String) {
        self.placePrefix = placePrefix
    }

    static let methods: [String] = ["get", "post", "put", "delete", "patch", "options", "head", "connect", "trace"]

    mutating func collection(name: String, files: [String: BruFile]) -> ImportedCollection {
        var imported = ImportedCollection(name: name)
        if let collection = files[BrunoImporter.collectionFile] {
            let place = placePrefix + BrunoImporter.collectionFile
            imported.defaults = defaults(collection, place: place)
            imported.description = collection.block("docs")?.text ?? ""
            imported.variables = (collection.block("vars:pre-request")?.pairs ?? []).map { variable($0, place: place) }
            let auth = "auth:" + (collection.value("mode", in: "auth") ?? "none")
            imported.kept = kept(collection, consumed: ["meta", "headers", "auth", auth, "docs", "vars:pre-request"], place: place)
        }
        let requestPaths = files.keys.filter(BrunoImporter.isRequestPath)
        imported.root = folder(at: "", requestPaths: requestPaths, files: files)
        imported.environments = environments(files)
        secrets.record(in: &imported)
        imported.warnings = warnings
        imported.referToSecretsEverywhere()
        return imported
    }

    /// The folder at `directory` (`""` for the top): its `folder.bru`, its requests in `seq`
    /// order, and its sub-folders in theirs.
    private mutating func folder(at directory: String, requestPaths: [String], files: [String: BruFile]) -> ImportedFolder {
        func parent(_ path: String) -> String {
            path.split(separator: "/").dropLast().joined(separator: "/")
        }
        var result = ImportedFolder(name: directory.split(separator: "/").last.map(String.init) ?? "")
        if !directory.isEmpty, let file = files[directory + "/" + BrunoImporter.folderFile] {
            let place = placePrefix + directory + "/" + BrunoImporter.folderFile
            if let name = file.value("name", in: "meta"), !name.isEmpty { result.name = name }
            result.defaults = defaults(file, place: place)
            result.description = file.block("docs")?.text ?? ""
            let auth = "auth:" + (file.value("mode", in: "auth") ?? "none")
            result.kept = kept(file, consumed: ["meta", "headers", "auth", auth, "docs"], place: place)
        }
        let here = requestPaths.filter { parent($0) == directory }
            .sorted { (Self.sequence(files[$0]), $0) < (Self.sequence(files[$1]), $1) }
        for path in here {
            if let request = request(files[path]!, path: path) { result.requests.append(request) }
        }
        var children = Set<String>()
        for path in requestPaths where path.hasPrefix(directory.isEmpty ? "" : directory + "/") {
            let rest = path.split(separator: "/").dropFirst(directory.isEmpty ? 0 : directory.split(separator: "/").count)
            if rest.count > 1 { children.insert(directory.isEmpty ? String(rest.first!) : directory + "/" + rest.first!) }
        }
        let ordered = children.sorted {
            (Self.sequence(files[$0 + "/" + BrunoImporter.folderFile]), $0) < (Self.sequence(files[$1 + "/" + BrunoImporter.folderFile]), $1)
        }
        for child in ordered {
            result.folders.append(folder(at: child, requestPaths: requestPaths, files: files))
        }
        return result
    }

    private static func sequence(_ file: BruFile?) -> Int {
        file?.value("seq", in: "meta").flatMap { Int($0) } ?? Int.max
    }

    // MARK: - Requests

    private mutating func request(_ file: BruFile, path: String) -> ImportedRequest? {
        let place = placePrefix + path
        guard let methodBlock = file.blocks.first(where: { Self.methods.contains($0.name) }) else {
            warn(place, "no request block (get {, post { …): not imported")
            return nil
        }
        var name = file.value("name", in: "meta") ?? ""
        if name.isEmpty {
            name = String(path.split(separator: "/").last ?? "request")
            if name.hasSuffix(".bru") { name.removeLast(4) }
        }
        var definition = RequestDefinition(name: name, method: HTTPMethod(rawValue: methodBlock.name.uppercased()) ?? .GET, url: "")
        var kept: [KeyValue] = []
        if HTTPMethod(rawValue: methodBlock.name.uppercased()) == nil {
            warn(place, "sonde has no method \(methodBlock.name.uppercased()): imported as GET, the method kept under x-bruno-method")
            kept.append(KeyValue("x-bruno-method", methodBlock.name.uppercased()))
        }
        func field(_ key: String) -> String? { methodBlock.pairs.first { $0.key == key }?.value }
        let (base, query) = PostmanConverter.split(template(field("url") ?? "", place: place))
        definition.url = base
        if let rows = file.block("params:query")?.pairs {
            definition.params = rows.map { secrets.row(template($0.key, place: place), template($0.value, place: place), enabled: $0.enabled) }
        } else {
            definition.params = (query.map(InsomniaConverter.queryRows) ?? []).map { secrets.row($0.name, $0.value, enabled: true) }
        }
        for row in file.block("params:path")?.pairs ?? [] {
            let value = template(row.value, place: place)
            definition.url = PostmanConverter.replacingPathSegment(":" + row.key, with: value.isEmpty ? "{{\(row.key)}}" : value, in: definition.url)
        }
        if definition.url.isEmpty {
            warn(place, "the request has no URL: written as {{url}}, set it before sending")
            definition.url = "{{url}}"
        }
        definition.headers = headers(file, place: place)
        let bodyMode = field("body") ?? "none"
        definition.body = body(file, mode: bodyMode, headers: definition.headers, place: place)
        let authMode = field("auth") ?? "none"
        let auth = self.auth(file, mode: authMode, place: place)
        definition.auth = auth.config
        kept += auth.kept
        definition.description = file.block("docs")?.text ?? ""
        var consumed: Set<String> = ["meta", methodBlock.name, "params:query", "params:path", "headers", "docs", "body:" + bodyMode, "auth:" + authMode]
        if bodyMode == "graphql" { consumed.insert("body:graphql:vars") }
        if let settings = file.block("settings") {
            consumed.insert("settings")
            let rest = settings.pairs.filter { $0.key != "encodeUrl" }
            if !rest.isEmpty {
                warn(place, "settings \(rest.map(\.key).joined(separator: ", ")) kept as text under x-bruno-settings")
                kept.append(KeyValue("x-bruno-settings", BruBlock(name: "settings", line: settings.line, content: .pairs(rest)).text))
            }
        }
        kept += self.kept(file, consumed: consumed, place: place)
        return ImportedRequest(definition: definition, kept: kept)
    }

    private mutating func headers(_ file: BruFile, place: String) -> [KeyValue] {
        (file.block("headers")?.pairs ?? []).map { secrets.row(template($0.key, place: place), template($0.value, place: place), enabled: $0.enabled) }
    }

    /// Headers and auth of a `folder.bru` or `collection.bru` (`auth { mode: … }`).
    private mutating func defaults(_ file: BruFile, place: String) -> RequestDefaults {
        var defaults = RequestDefaults(headers: headers(file, place: place))
        let mode = file.value("mode", in: "auth") ?? "none"
        let auth = self.auth(file, mode: mode, place: place)
        defaults.auth = auth.config
        if !auth.kept.isEmpty {
            warn(place, "the unsupported auth settings of a folder or collection are not kept: set the auth by hand")
        }
        return defaults
    }

    /// Every block not turned into a field, as text under `x-bruno-<name>` (scripts, tests,
    /// assertions, request variables), one warning each: sonde runs no JavaScript.
    private mutating func kept(_ file: BruFile, consumed: Set<String>, place: String) -> [KeyValue] {
        var kept: [KeyValue] = []
        for block in file.blocks where !consumed.contains(block.name) {
            let key = "x-bruno-" + block.name.replacingOccurrences(of: ":", with: "-")
            let text = redactedText(block, place: place)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            let why: String
            if block.name.hasPrefix("script:") || block.name == "tests" {
                why = "sonde runs no scripts"
            } else if block.name.hasPrefix("vars:") {
                why = "sonde has no request or folder variables"
            } else if block.name.hasPrefix("body:") || block.name.hasPrefix("auth:") {
                why = "not in use in Bruno either (another mode is chosen)"
            } else {
                why = "sonde has no such field"
            }
            warn("\(place):\(block.line)", "\(block.name) kept as text under \(key): \(why)")
            if let index = kept.firstIndex(where: { $0.name == key }) {
                kept[index].value += "\n" + text
            } else {
                kept.append(KeyValue(key, text))
            }
        }
        return kept
    }

    /// A block's text for keeping, with secret-looking rows' values as `{{env:}}` references.
    private mutating func redactedText(_ block: BruBlock, place: String) -> String {
        guard case .pairs(let pairs) = block.content else { return block.text }
        let safe = pairs.map { pair in
            var pair = pair
            if ImportSecrets.shouldMove(name: pair.key, value: pair.value) {
                pair.value = secrets.reference(for: pair.value, suggestedName: pair.key)
            }
            return pair
        }
        return BruBlock(name: block.name, line: block.line, content: .pairs(safe)).text
    }

    // MARK: - Environments and variables

    /// `environments/NAME.bru`: `vars { }` as the environment's variables, `vars:secret [ ]`
    /// as `{{env:}}` references whose values Bruno keeps outside the file. A secret declared in
    /// several environments gets a name per environment (`DEV_TOKEN`, `PROD_TOKEN`): each has
    /// its own value.
    private mutating func environments(_ files: [String: BruFile]) -> [ImportedEnvironment] {
        let paths = files.keys.filter {
            let parts = $0.split(separator: "/")
            return parts.count == 2 && parts[0] == Substring(BrunoImporter.environmentsFolder)
        }.sorted()
        var declaredIn: [String: Int] = [:]
        for path in paths {
            for name in Set((files[path]!.block("vars:secret")?.pairs ?? []).map(\.key)) { declaredIn[name, default: 0] += 1 }
        }
        return paths.map { path in
            let file = files[path]!
            let place = placePrefix + path
            var name = String(path.split(separator: "/").last!)
            name.removeLast(4)
            var variables = (file.block("vars")?.pairs ?? []).map { variable($0, place: place) }
            for secret in file.block("vars:secret")?.pairs ?? [] {
                let suggested = declaredIn[secret.key, default: 0] > 1 ? "\(name)_\(secret.key)" : secret.key
                variables.append(KeyValue(secret.key, secrets.declaredReference(for: "", suggestedName: suggested), enabled: secret.enabled))
            }
            return ImportedEnvironment(name: name, variables: variables)
        }
    }

    private mutating func variable(_ pair: BruPair, place: String) -> KeyValue {
        let value = template(pair.value, place: place)
        let stored = ImportSecrets.shouldMove(name: pair.key, value: value) ? secrets.reference(for: value, suggestedName: pair.key) : value
        return KeyValue(pair.key, stored, enabled: pair.enabled)
    }

    // MARK: - Templates

    /// Bruno's `{{…}}` as sonde's: `{{process.env.NAME}}` is `{{env:NAME}}` (a secret to set),
    /// Postman-style dynamic variables (`{{$guid}}`) map as Postman's do, others are kept.
    mutating func template(_ text: String, place: String) -> String {
        guard PostmanConverter.hasOpening(text) else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("process.env."), inner.count > 12 {
                let name = String(inner.dropFirst(12))
                secrets.noteReference(name)
                out += "{{env:\(name)}}"
            } else if inner.hasPrefix("$") {
                let name = String(inner.dropFirst())
                if let sonde = PostmanConverter.dynamicVariables[name] {
                    out += "{{$\(sonde)}}"
                } else {
                    if warnedNames.insert(inner).inserted {
                        warn(place, "sonde has no dynamic variable {{\(inner)}}: kept as written, it will not resolve until replaced")
                    }
                    out += rest[open.lowerBound..<close.upperBound]
                }
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    mutating func warn(_ place: String, _ message: String) {
        warnings.append(ImportWarning(place: place, message: message))
    }
}
