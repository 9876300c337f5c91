import Foundation

/// One conversion of an Insomnia export's resources: the tree rebuilt from `parentId` links,
/// and what has been found so far (secrets, warnings, template tags already warned about).
struct InsomniaConverter {
    let sourceName: String
    var secrets = ImportSecrets()
    var warnings: [ImportWarning] = []
    var warnedTemplates: Set<String> = []
    /// Resources by the `_id` of their parent, in Insomnia's order (`metaSortKey`).
    private var children: [String: [PostmanJSON]] = [:]
    /// The resources read so far, by index in the file: those never reached hang from a loop of `parentId`s.
    private var reached = Set<Int>()

    /// Folders nested deeper than this are not read: the tree is walked recursively, and a
    /// hostile file of a million nested groups would otherwise run off the stack.
    static let maximumDepth = 100

    init(sourceName: String) {
        self.sourceName = sourceName
    }

    /// Resource types that hold no requests sonde can send, and why they are left out.
    static let skippedTypes = [
        "grpc_request": "gRPC requests are not imported: sonde sends HTTP requests",
        "websocket_request": "WebSocket requests are not imported: sonde sends HTTP requests",
        "api_spec": "the API spec is not imported (import an OpenAPI file instead)",
        "unit_test_suite": "unit test suites are not imported: sonde runs no JavaScript (see expect: in request files)",
        "unit_test": "unit tests are not imported: sonde runs no JavaScript (see expect: in request files)",
        "proto_file": "proto files are not imported", "proto_directory": "proto files are not imported",
        "mock_server": "mock servers are not imported", "mock_route": "mock routes are not imported",
    ]

    mutating func collection(resources: [PostmanJSON], fallbackName: String) -> ImportedCollection {
        var ids = Set<String>()
        for resource in resources { if let id = resource["_id"]?.text { ids.insert(id) } }
        for (index, resource) in resources.enumerated() where resource.object != nil {
            // A resource whose parent is not in the file hangs from the top.
            let parent = resource["parentId"]?.text.flatMap { ids.contains($0) ? $0 : nil } ?? ""
            var fields = resource.object!
            fields["__order"] = .number(String(index))
            children[parent, default: []].append(.object(fields))
        }
        for key in children.keys {
            children[key]!.sort { Self.sortKey($0) < Self.sortKey($1) }
        }
        let workspaces = (children[""] ?? []).filter { $0["_type"]?.text == "workspace" }
        var imported = ImportedCollection(name: workspaces.first?["name"]?.text.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName)
        imported.description = workspaces.first?["description"]?.text ?? ""
        var root = ImportedFolder(name: "")
        fill(&root, parent: "", path: [], collection: &imported)
        let missed = resources.indices.filter { !reached.contains($0) && resources[$0].object != nil }.count
        if missed > 0 {
            warn(sourceName, "\(missed) resource\(missed == 1 ? "" : "s") not imported: not under the workspace (a loop of parentId, or nested over \(Self.maximumDepth) folders deep)")
        }
        if workspaces.count == 1, root.requests.isEmpty, root.folders.count == 1 {
            root = root.folders[0]
            root.name = ""
        }
        imported.root = root
        imported.defaults = root.defaults
        imported.root.defaults = RequestDefaults()
        imported.kept += root.kept
        imported.root.kept = []
        if !root.description.isEmpty, imported.description.isEmpty { imported.description = root.description }
        secrets.record(in: &imported)
        imported.warnings = warnings
        imported.referToSecretsEverywhere()
        return imported
    }

    private static func sortKey(_ json: PostmanJSON) -> (Double, Double) {
        (json["metaSortKey"]?.text.flatMap(Double.init) ?? 0, json["__order"]?.text.flatMap(Double.init) ?? 0)
    }

    /// Adds the children of `parent` to `folder`: a folder per workspace and request group,
    /// a request per request, environments to the collection, a warning for everything else.
    private mutating func fill(_ folder: inout ImportedFolder, parent: String, path: [String], collection: inout ImportedCollection) {
        guard path.count <= Self.maximumDepth else { return }
        for resource in children[parent] ?? [] {
            if let index = resource["__order"]?.text.flatMap({ Int($0) }) { reached.insert(index) }
            let type = resource["_type"]?.text ?? ""
            let name = resource["name"]?.text.flatMap { $0.isEmpty ? nil : $0 } ?? "Untitled"
            let id = resource["_id"]?.text ?? ""
            switch type {
            case "workspace", "request_group":
                var child = self.folder(resource, path: path + [name])
                // Places inside a workspace leave its name out: it is the collection's.
                let inner = type == "workspace" ? path : path + [name]
                if !id.isEmpty { fill(&child, parent: id, path: inner, collection: &collection) }
                folder.folders.append(child)
            case "request":
                folder.requests.append(request(resource, path: path + [name]))
            case "environment":
                environments(base: resource, collection: &collection)
            case "cookie_jar":
                let count = resource["cookies"]?.array?.count ?? 0
                if count > 0 {
                    warn(sourceName, "the cookie jar's \(count) cookie\(count == 1 ? "" : "s") not imported: sonde keeps cookies in its own jar, filled by responses")
                }
            default:
                warn(place(path + [name]), Self.skippedTypes[type] ?? "resource type \(type.isEmpty ? "(none)" : type) is not one sonde knows: not imported")
            }
        }
    }

    private mutating func folder(_ json: PostmanJSON, path: [String]) -> ImportedFolder {
        let place = self.place(path)
        var folder = ImportedFolder(name: path.last ?? "", description: json["description"]?.descriptionText ?? "")
        folder.defaults.headers = rows(json["headers"], place: place)
        let auth = self.auth(json["authentication"], place: place)
        folder.defaults.auth = auth.config
        folder.defaults.headers += auth.headers
        folder.kept += auth.kept
        if let environment = json["environment"], environment.object?.isEmpty == false {
            warn(place, "folder environment kept as text under x-insomnia-environment: sonde has collection and environment variables only")
            folder.kept.append(KeyValue("x-insomnia-environment", redacted(environment).jsonText()))
        }
        folder.kept += scripts(json, place: place)
        return folder
    }

    private mutating func request(_ json: PostmanJSON, path: [String]) -> ImportedRequest {
        let place = self.place(path)
        var kept: [KeyValue] = []
        var definition = RequestDefinition(name: path.last ?? "Untitled", url: "")
        let methodText = (json["method"]?.text ?? "GET").uppercased()
        if let method = HTTPMethod(rawValue: methodText) {
            definition.method = method
        } else {
            warn(place, "sonde has no method \(methodText): imported as GET, the method kept under x-insomnia-method")
            kept.append(KeyValue("x-insomnia-method", methodText))
        }
        let (base, query) = PostmanConverter.split(template(json["url"]?.text ?? "", place: place))
        definition.url = base
        for parameter in json["pathParameters"]?.array ?? [] {
            guard let name = parameter["name"]?.text, !name.isEmpty else { continue }
            let value = template(parameter["value"]?.text ?? "", place: place)
            definition.url = PostmanConverter.replacingPathSegment(":" + name, with: value.isEmpty ? "{{\(name)}}" : value, in: definition.url)
        }
        if definition.url.isEmpty {
            warn(place, "the request has no URL: written as {{url}}, set it before sending")
            definition.url = "{{url}}"
        }
        definition.params = (query.map(Self.queryRows) ?? []).map { secrets.row($0.name, template($0.value, place: place), enabled: true) }
        definition.params += rows(json["parameters"], place: place)
        definition.headers = rows(json["headers"], place: place)
        let body = self.body(json["body"], headers: definition.headers, place: place)
        definition.body = body.body
        kept += body.kept
        let auth = self.auth(json["authentication"], place: place)
        definition.auth = auth.config
        definition.headers += auth.headers
        kept += auth.kept
        definition.options = options(json, place: place)
        definition.description = json["description"]?.descriptionText ?? ""
        kept += scripts(json, place: place)
        return ImportedRequest(definition: definition, kept: kept)
    }

    /// `settingFollowRedirects` (v4) or `settings.followRedirects` (v5): `on`, `off`, or
    /// `global` (the app's setting, which is sonde's default too); cookies sent or not.
    private mutating func options(_ json: PostmanJSON, place: String) -> OptionOverrides {
        var options = OptionOverrides()
        switch (json["settingFollowRedirects"] ?? json["settings"]?["followRedirects"])?.text {
        case "on": options.followRedirects = true
        case "off": options.followRedirects = false
        default: break
        }
        if let send = json["settingSendCookies"] ?? json["settings"]?["cookies"]?["send"], send.text == "false" {
            options.cookies = false
        }
        return options
    }

    /// Pre-request and after-response scripts (`preRequestScript`/`afterResponseScript` in v4,
    /// `scripts: {preRequest, afterResponse}` in v5), kept as text: sonde runs no JavaScript.
    private mutating func scripts(_ json: PostmanJSON, place: String) -> [KeyValue] {
        var kept: [KeyValue] = []
        let pairs = [
            ("pre-request", json["preRequestScript"] ?? json["scripts"]?["preRequest"]),
            ("after-response", json["afterResponseScript"] ?? json["scripts"]?["afterResponse"]),
        ]
        for (what, script) in pairs {
            guard let text = script?.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            let key = "x-insomnia-\(what)"
            warn(place, "\(what) script kept as text under \(key): sonde runs no scripts")
            kept.append(KeyValue(key, text))
        }
        return kept
    }

    // MARK: - Environments

    /// The base environment becomes the collection's variables (every sub-environment starts
    /// from it in Insomnia, as every sonde environment starts from the collection's), each
    /// sub-environment an environment. Private ones (`isPrivate`) hold secrets only.
    private mutating func environments(base: PostmanJSON, collection: inout ImportedCollection) {
        let place = "\(sourceName) environment \"\(base["name"]?.text ?? "Base Environment")\""
        collection.variables += variables(base["data"], isPrivate: base["isPrivate"]?.isTrue == true, place: place)
        guard let id = base["_id"]?.text else { return }
        for sub in children[id] ?? [] where sub["_type"]?.text == "environment" {
            if let index = sub["__order"]?.text.flatMap({ Int($0) }) { reached.insert(index) }
            let name = sub["name"]?.text.flatMap { $0.isEmpty ? nil : $0 } ?? "environment"
            let place = "\(sourceName) environment \"\(name)\""
            collection.environments.append(ImportedEnvironment(
                name: name, variables: variables(sub["data"], isPrivate: sub["isPrivate"]?.isTrue == true, place: place)))
        }
    }

    /// An environment's `data` as rows: nested objects flattened to dotted names
    /// (`{{ _.api.host }}` reads `api.host`, which sonde's names allow), lists as JSON text.
    private mutating func variables(_ data: PostmanJSON?, isPrivate: Bool, place: String) -> [KeyValue] {
        var rows: [KeyValue] = []
        func add(_ json: PostmanJSON, name: String) {
            if let fields = json.object, !fields.isEmpty {
                for key in fields.keys.sorted() { add(fields[key]!, name: name.isEmpty ? key : "\(name).\(key)") }
                return
            }
            let value = template(json.text ?? (json == .null ? "" : json.jsonText()), place: place)
            let stored = isPrivate
                ? secrets.declaredReference(for: value, suggestedName: name)
                : ImportSecrets.shouldMove(name: name, value: value) ? secrets.reference(for: value, suggestedName: name) : value
            rows.append(KeyValue(name, stored))
        }
        for key in (data?.object ?? [:]).keys.sorted() { add(data![key]!, name: key) }
        return rows
    }

    // MARK: - Rows

    /// `{name, value, disabled}` rows (headers, query parameters, form fields), with values that
    /// look secret moved to `{{env:}}`.
    mutating func rows(_ json: PostmanJSON?, place: String) -> [KeyValue] {
        (json?.array ?? []).compactMap { row in
            guard row.object != nil else { return nil }
            let name = template(row["name"]?.text ?? "", place: place)
            let value = template(row["value"]?.text ?? "", place: place)
            if name.isEmpty, value.isEmpty { return nil }
            let enabled = !(row["disabled"]?.isTrue ?? false)
            // A template tag (`{% response … %}`) fetches the value when sending: it holds no secret itself.
            if value.contains("{%") { return KeyValue(name, value, enabled: enabled) }
            return secrets.row(name, value, enabled: enabled)
        }
    }

    /// The query written in a URL as rows, percent-encoding undone (sonde encodes when sending).
    static func queryRows(_ query: String) -> [KeyValue] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func plain(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }
            return KeyValue(plain(parts[0]), parts.count > 1 ? plain(parts[1]) : "")
        }
    }

    /// `json` with the values of secret-looking keys replaced by `{{env:}}` references, for
    /// what is kept as text.
    mutating func redacted(_ json: PostmanJSON) -> PostmanJSON {
        switch json {
        case .array(let items): return .array(items.map { redacted($0) })
        case .object(var fields):
            for key in fields.keys.sorted() {
                if let text = fields[key]?.text, case .string = fields[key]!, ImportSecrets.shouldMove(name: key, value: text) {
                    fields[key] = .string(secrets.reference(for: text, suggestedName: key))
                } else {
                    fields[key] = redacted(fields[key]!)
                }
            }
            return .object(fields)
        default: return json
        }
    }

    // MARK: - Places

    mutating func warn(_ place: String, _ message: String) {
        warnings.append(ImportWarning(place: place, message: message))
    }

    /// `export.json "Users" > "Get user"`, as warnings name where they are.
    private func place(_ path: [String]) -> String {
        path.isEmpty ? sourceName : "\(sourceName) " + path.map { "\"\($0)\"" }.joined(separator: " > ")
    }
}
