import Foundation

/// One conversion of a Postman file: what it has found so far (secrets, warnings, names of
/// dynamic variables already warned about) carried from item to item.
struct PostmanConverter {
    let sourceName: String
    var secrets = ImportSecrets()
    var warnings: [ImportWarning] = []
    private var warnedNames: Set<String> = []

    init(sourceName: String) {
        self.sourceName = sourceName
    }

    /// Postman's dynamic variables that sonde also has (`VariableResolver.dynamicValue`), by
    /// Postman's name. Others (`$randomEmail`, …) are kept as written and warned about.
    static let dynamicVariables = [
        "guid": "guid", "randomUUID": "uuid", "timestamp": "timestamp", "isoTimestamp": "isoTimestamp", "randomInt": "randomInt",
    ]

    static let collectionKeys: Set = ["info", "item", "auth", "event", "variable", "protocolProfileBehavior"]
    static let folderKeys: Set = [
        "name", "id", "_postman_id", "description", "item", "auth", "event", "protocolProfileBehavior", "_postman_isSubFolder",
    ]
    static let itemKeys: Set = ["name", "id", "_postman_id", "description", "request", "response", "event", "protocolProfileBehavior"]
    static let requestKeys: Set = ["url", "method", "header", "body", "auth", "description"]

    // MARK: - Collection, folders, requests

    mutating func collection(_ json: PostmanJSON) -> ImportedCollection {
        let info = json["info"]
        let place = sourceName
        var kept: [KeyValue] = []
        var defaults = RequestDefaults()
        let (auth, keptAuth) = auth(json["auth"], place: place)
        defaults.auth = auth
        kept += keptAuth
        kept += scripts(json["event"], place: place)
        defaults.options = options(json["protocolProfileBehavior"], place: place, kept: &kept)
        kept += unknownFields(json, known: Self.collectionKeys, place: place)
        let variables = variableRows(json["variable"], place: place)
        var root = ImportedFolder(name: "")
        fill(&root, items: json["item"], path: [])
        return ImportedCollection(
            name: info?["name"]?.text ?? baseName(sourceName), description: info?["description"]?.descriptionText ?? "",
            defaults: defaults, variables: variables, root: root, secretNames: secrets.names, secretValues: secrets.values,
            warnings: warnings, kept: kept)
    }

    /// Adds the items of a Postman `item` list to `folder`: a sub-folder for each item group, a
    /// request for each other item, in the source's order.
    private mutating func fill(_ folder: inout ImportedFolder, items: PostmanJSON?, path: [String]) {
        for item in items?.array ?? [] {
            let name = item["name"]?.text ?? "Untitled"
            if item["item"] != nil {
                folder.folders.append(self.folder(item, path: path + [name]))
            } else if item.object != nil {
                folder.requests.append(request(item, path: path + [name]))
            }
        }
    }

    private mutating func folder(_ json: PostmanJSON, path: [String]) -> ImportedFolder {
        let place = self.place(path)
        var folder = ImportedFolder(name: path.last ?? "", description: json["description"]?.descriptionText ?? "")
        let (auth, keptAuth) = auth(json["auth"], place: place)
        folder.defaults.auth = auth
        folder.kept += keptAuth
        folder.kept += scripts(json["event"], place: place)
        folder.defaults.options = options(json["protocolProfileBehavior"], place: place, kept: &folder.kept)
        if let variables = json["variable"], variables.array?.isEmpty == false {
            warn(place, "folder variables kept as text under x-postman-variable: sonde has collection and environment variables only")
            folder.kept.append(KeyValue("x-postman-variable", redacted(variables).jsonText()))
        }
        folder.kept += unknownFields(json, known: Self.folderKeys.union(["variable"]), place: place)
        fill(&folder, items: json["item"], path: path)
        return folder
    }

    private mutating func request(_ item: PostmanJSON, path: [String]) -> ImportedRequest {
        let place = self.place(path)
        // v2 allows a request to be just its URL.
        let request = item["request"].flatMap { $0.text.map { PostmanJSON.object(["url": .string($0)]) } ?? $0 } ?? .object([:])
        var kept: [KeyValue] = []
        var definition = RequestDefinition(name: path.last ?? "Untitled", url: "")

        let methodText = request["method"]?.text?.uppercased() ?? "GET"
        if let method = HTTPMethod(rawValue: methodText) {
            definition.method = method
        } else {
            warn(place, "sonde has no method \(methodText): imported as GET, the method kept under x-postman-method")
            kept.append(KeyValue("x-postman-method", methodText))
        }
        (definition.url, definition.params) = url(request["url"], place: place)
        if definition.url.isEmpty {
            warn(place, "the request has no URL: written as {{url}}, set it before sending")
            definition.url = "{{url}}"
        }
        definition.headers = headerRows(request["header"], place: place)
        var keptBody: [KeyValue] = []
        (definition.body, keptBody) = body(request["body"], headers: definition.headers, place: place)
        kept += keptBody
        var keptAuth: [KeyValue] = []
        (definition.auth, keptAuth) = auth(request["auth"], place: place)
        kept += keptAuth
        definition.options = options(item["protocolProfileBehavior"], place: place, kept: &kept)
        definition.description = (request["description"] ?? item["description"])?.descriptionText ?? ""
        var translation: PostmanScriptTranslator.Translation? = PostmanScriptTranslator.Translation()
        kept += scripts(item["event"], place: place, translation: &translation)
        definition.expectations = translation?.expectations ?? Expectations()
        definition.captures = translation?.captures ?? []
        if let responses = item["response"]?.array, !responses.isEmpty {
            // Saved examples hold whole responses (bodies with tokens, cookies): not copied into YAML.
            warn(place, "\(responses.count) saved example response\(responses.count == 1 ? "" : "s") not imported: sonde keeps no examples")
        }
        if let variables = item["variable"], variables.array?.isEmpty == false {
            warn(place, "request variables kept as text under x-postman-variable: sonde has collection and environment variables only")
            kept.append(KeyValue("x-postman-variable", redacted(variables).jsonText()))
        }
        kept += unknownFields(item, known: Self.itemKeys.union(["variable"]), place: place)
        kept += unknownFields(request, known: Self.requestKeys, place: place)
        var texts: [(what: String, text: String)] = [("url", definition.url), ("body", bodyText(definition.body))]
        texts += definition.params.map { ("params", $0.value) } + definition.headers.map { ("headers", $0.value) }
        for (what, text) in texts where Self.hasOpening(text) && Template.unclosedOpening(in: text) != nil {
            warn(place, "a {{ in the \(what) has no closing }}: sonde will report it until it is closed")
        }
        return ImportedRequest(definition: definition, kept: kept)
    }

    private func bodyText(_ body: RequestBody) -> String {
        switch body {
        case .json(let text), .text(let text, _): text
        default: ""
        }
    }

    // MARK: - Environments

    mutating func environment(_ json: PostmanJSON, isGlobals: Bool) -> ImportedEnvironment {
        let name = isGlobals ? "globals" : (json["name"]?.text).flatMap { $0.isEmpty ? nil : $0 } ?? baseName(sourceName)
        if isGlobals { warn(sourceName, "sonde has no globals: imported as the environment globals") }
        var variables: [KeyValue] = []
        for (index, value) in (json["values"]?.array ?? []).enumerated() {
            guard let key = value["key"]?.text ?? value["id"]?.text, !key.isEmpty else {
                warn(sourceName, "value \(index + 1) has no key: skipped")
                continue
            }
            let enabled = value["enabled"].map { $0.isTrue || $0 == .null } ?? true
            variables.append(variable(key: key, value: value["value"], enabled: enabled, isSecret: value["type"]?.text == "secret", place: sourceName))
        }
        return ImportedEnvironment(name: name, variables: variables)
    }

    // MARK: - Rows

    /// Collection variables (`variable`): named by `key`, or by `id` in older exports.
    private mutating func variableRows(_ json: PostmanJSON?, place: String) -> [KeyValue] {
        (json?.array ?? []).enumerated().compactMap { index, row in
            guard let key = row["key"]?.text ?? row["id"]?.text, !key.isEmpty else {
                warn(place, "variable \(index + 1) has no key or id: skipped")
                return nil
            }
            // `sonde export` declares each `{{env:NAME}}` it writes as a secret variable `env:NAME`
            // with no value: the placeholder stays as it is, the name is listed to set.
            if key.hasPrefix("env:"), row["value"]?.text?.isEmpty ?? true {
                secrets.noteReference(String(key.dropFirst(4)))
                return nil
            }
            return variable(key: key, value: row["value"], enabled: !(row["disabled"]?.isTrue ?? false), isSecret: row["type"]?.text == "secret", place: place)
        }
    }

    private mutating func variable(key: String, value: PostmanJSON?, enabled: Bool, isSecret: Bool, place: String) -> KeyValue {
        let name = variableName(key, place: place)
        let text = template(value.map { $0.text ?? ($0 == .null ? "" : $0.jsonText()) } ?? "", place: place)
        let stored = isSecret
            ? secrets.declaredReference(for: text, suggestedName: key)
            : ImportSecrets.looksSecret(name: key) ? secrets.reference(for: text, suggestedName: key) : text
        return KeyValue(name, stored, enabled: enabled)
    }

    /// Header rows: a list of `{key, value, disabled}`, or (v2.0) one `Name: value` per line.
    private mutating func headerRows(_ json: PostmanJSON?, place: String) -> [KeyValue] {
        if let text = json?.text {
            return text.split(whereSeparator: \.isNewline).compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                return secretRow(name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), enabled: true, place: place)
            }
        }
        return rows(json, place: place)
    }

    /// `{key, value, disabled}` rows (query, headers, urlencoded fields), with values that
    /// look secret moved to `{{env:}}`.
    mutating func rows(_ json: PostmanJSON?, place: String) -> [KeyValue] {
        (json?.array ?? []).compactMap { row in
            guard row.object != nil else { return nil }
            return secretRow(row["key"]?.text ?? "", row["value"]?.text ?? "", enabled: !(row["disabled"]?.isTrue ?? false), place: place)
        }
    }

    /// A row whose value is moved to `{{env:}}` when its name says it holds a secret. An
    /// Authorization value keeps its scheme in sight: `Bearer {{env:AUTHORIZATION}}`.
    mutating func secretRow(_ name: String, _ value: String, enabled: Bool, place: String) -> KeyValue {
        secrets.row(template(name, place: place), template(value, place: place), enabled: enabled)
    }

    // MARK: - Scripts, options, unknown fields

    /// Pre-request and test scripts, kept as text under `x-postman-prerequest` and
    /// `x-postman-test`, one warning each: sonde runs no JavaScript.
    private mutating func scripts(_ json: PostmanJSON?, place: String) -> [KeyValue] {
        var none: PostmanScriptTranslator.Translation?
        return scripts(json, place: place, translation: &none)
    }

    /// As `scripts(_:place:)`, a request's enabled test scripts first translated where they
    /// can be (`PostmanScriptTranslator`): what became `expect:`/`captures:` is neither kept
    /// nor warned about.
    private mutating func scripts(_ json: PostmanJSON?, place: String, translation: inout PostmanScriptTranslator.Translation?) -> [KeyValue] {
        var kept: [KeyValue] = []
        for event in json?.array ?? [] {
            let listen = event["listen"]?.text ?? "event"
            let exec = event["script"]?["exec"]
            var text = exec?.text ?? (exec?.array ?? []).compactMap(\.text).joined(separator: "\n")
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            let isDisabled = event["disabled"]?.isTrue == true
            if listen == "test", !isDisabled, translation != nil {
                let translated = PostmanScriptTranslator.translate(text)
                translation!.expectations.status += translated.expectations.status
                translation!.expectations.headers += translated.expectations.headers
                translation!.expectations.json += translated.expectations.json
                translation!.captures += translated.captures
                guard !translated.rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                text = translated.rest
            }
            let key = "x-postman-\(listen)"
            let disabled = isDisabled ? " (disabled in Postman)" : ""
            warn(place, "\(listen) script\(disabled) kept as text under \(key): sonde runs no scripts")
            if let index = kept.firstIndex(where: { $0.name == key }) {
                kept[index].value += "\n" + text
            } else {
                kept.append(KeyValue(key, text))
            }
        }
        return kept
    }

    /// `protocolProfileBehavior` as options where sonde has them (`followRedirects`,
    /// `maxRedirects`, `strictSSL`); the rest is kept as text.
    private mutating func options(_ json: PostmanJSON?, place: String, kept: inout [KeyValue]) -> OptionOverrides {
        var options = OptionOverrides()
        guard var fields = json?.object, !fields.isEmpty else { return options }
        if let value = fields.removeValue(forKey: "followRedirects") { options.followRedirects = value.isTrue }
        if let value = fields.removeValue(forKey: "strictSSL") { options.verifyTLS = value.isTrue }
        if let value = fields.removeValue(forKey: "maxRedirects"), let count = value.text.flatMap({ Int($0) }), count >= 0 {
            options.maxRedirects = count
        }
        // sonde sends a body with any method, so Postman's "don't drop the GET body" is what it does anyway.
        fields["disableBodyPruning"] = nil
        if !fields.isEmpty {
            warn(place, "protocolProfileBehavior \(fields.keys.sorted().joined(separator: ", ")) kept as text under x-postman-protocolProfileBehavior")
            kept.append(KeyValue("x-postman-protocolProfileBehavior", PostmanJSON.object(fields).jsonText()))
        }
        return options
    }

    /// Fields sonde does not know, kept as text under `x-postman-<key>` with a warning each.
    private mutating func unknownFields(_ json: PostmanJSON, known: Set<String>, place: String) -> [KeyValue] {
        guard let fields = json.object else { return [] }
        return fields.keys.sorted().filter { !known.contains($0) }.compactMap { key in
            let value = fields[key]!
            if value == .null || value.array?.isEmpty == true || value.object?.isEmpty == true { return nil }
            warn(place, "\(key) kept as text under x-postman-\(key): sonde has no such field")
            return KeyValue("x-postman-\(key)", value.text ?? redacted(value).jsonText())
        }
    }

    /// `json` with every value that looks secret replaced by its `{{env:}}` reference: what is
    /// kept as text goes into YAML too.
    mutating func redacted(_ json: PostmanJSON) -> PostmanJSON {
        switch json {
        case .array(let items):
            return .array(items.map { redacted($0) })
        case .object(var fields):
            // `{key, value}` rows (headers, auth attributes): the key names the value.
            if let key = fields["key"]?.text, let value = fields["value"]?.text,
               ImportSecrets.looksSecret(name: key) || key.lowercased() == "authorization" {
                fields["value"] = .string(secrets.reference(for: value, suggestedName: key))
            }
            // Sorted, so the same file names its secrets the same way on every import.
            for key in fields.keys.sorted() where key != "value" || fields["key"] == nil {
                let value = fields[key]!
                if let text = value.text, case .string = value, ImportSecrets.looksSecret(name: key) {
                    fields[key] = .string(secrets.reference(for: text, suggestedName: key))
                } else {
                    fields[key] = redacted(value)
                }
            }
            return .object(fields)
        default:
            return json
        }
    }

    // MARK: - Templates and names

    /// Postman's `{{…}}` as sonde writes it: dynamic variables sonde has under its own names,
    /// others kept (with one warning per name); names with spaces, which sonde would send as
    /// literal text, with `_` for each space.
    mutating func template(_ text: String, place: String) -> String {
        guard Self.hasOpening(text) else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("$") {
                let name = String(inner.dropFirst())
                if let sonde = Self.dynamicVariables[name] {
                    out += "{{$\(sonde)}}"
                } else {
                    if warnedNames.insert("$" + name).inserted {
                        warn(place, "sonde has no dynamic variable {{$\(name)}}: kept as written, it will not resolve until replaced")
                    }
                    out += rest[open.lowerBound..<close.upperBound]
                }
            } else if inner.contains(" "), inner.allSatisfy({ $0.isLetter || $0.isNumber || "_-. ".contains($0) }) {
                out += "{{\(variableName(inner, place: place))}}"
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Whether `text` has a `{{`: one pass over its bytes, as most values (and every large JSON
    /// body without placeholders) have none; Foundation's `contains` goes through NSString.
    static func hasOpening(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == byte { return true }
            previous = byte
        }
        return false
    }

    /// A Postman variable name as a sonde name: spaces become `_` (sonde's names are letters,
    /// digits, `_`, `-` and `.`), with one warning per renamed variable.
    private mutating func variableName(_ key: String, place: String) -> String {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        let name = String(trimmed.map { $0 == " " ? "_" : $0 })
        if name != key, warnedNames.insert(key).inserted {
            warn(place, "variable \"\(key)\" renamed \(name): sonde's variable names have no spaces")
        }
        return name
    }

    // MARK: - Places

    mutating func warn(_ place: String, _ message: String) {
        warnings.append(ImportWarning(place: place, message: message))
    }

    /// `collection.json item "Users" > "Create"`, as warnings name where they are.
    private func place(_ path: [String]) -> String {
        "\(sourceName) item " + path.map { "\"\($0)\"" }.joined(separator: " > ")
    }

    private func baseName(_ file: String) -> String {
        var name = String(file.split(separator: "/").last ?? Substring(file))
        for suffix in [".json", ".postman_collection", ".postman_environment", ".postman_globals"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        return name.isEmpty ? "imported" : name
    }
}
