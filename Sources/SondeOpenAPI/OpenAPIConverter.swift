import Foundation
import SondeCore

/// One conversion of an OpenAPI document: what it has found so far (secrets, warnings, path
/// variables) carried from operation to operation.
struct OpenAPIConverter {
    let source: OpenAPISource
    let sourceName: String
    var secrets = ImportSecrets()
    var warnings: [ImportWarning] = []
    /// Path parameters' values by name, as collection variables: `{{id}}` in the URLs.
    var pathVariables: [KeyValue] = []

    /// The methods a path item holds, in the specification's order, by their key.
    static let methodKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]
    static let pathItemKeys: Set = Set(methodKeys + ["$ref", "summary", "description", "servers", "parameters", "additionalOperations"])
    static let operationKeys: Set = [
        "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses",
        "callbacks", "deprecated", "security", "servers",
    ]

    init(source: OpenAPISource, sourceName: String) {
        self.source = source
        self.sourceName = sourceName
    }

    var root: JSONLiteral { source.root }

    mutating func collection() -> ImportedCollection {
        let info = root["info"]
        var description = info?["description"]?.string ?? ""
        if let version = info?["version"]?.scalarText, !version.isEmpty {
            description += (description.isEmpty ? "" : "\n\n") + "API version \(version) (OpenAPI \(source.version))."
        }
        var kept: [KeyValue] = []
        for (key, value) in info?.members ?? [] where !["title", "description", "version"].contains(key) {
            if let contact = value["email"]?.string ?? value["url"]?.string ?? value["name"]?.string, key == "contact" {
                description += (description.isEmpty ? "" : "\n\n") + "Contact: \(contact)"
            } else if key == "license", let name = value["name"]?.string {
                description += (description.isEmpty ? "" : "\n\n") + "License: \(name)"
            } else if let text = value.scalarText, key == "termsOfService" || key == "summary" {
                description += (description.isEmpty ? "" : "\n\n") + "\(key == "summary" ? "" : "Terms of service: ")\(text)"
            } else {
                warn("\(sourceName) info", "\(key) kept as text under x-openapi-info-\(key) in collection.yaml")
                kept.append(KeyValue("x-openapi-info-\(key)", value.scalarText ?? value.prettyText))
            }
        }
        var defaults = RequestDefaults()
        let servers = self.servers(root["servers"], place: "\(sourceName) servers")
        description += servers.notes.map { "\n\n" + $0 }.joined()
        var variables: [KeyValue] = []
        if let first = servers.environments.first {
            variables.append(KeyValue("baseUrl", first.variables.first?.value ?? ""))
        } else {
            warn(sourceName, "no servers: the requests start with {{baseUrl}}, set it in collection.yaml or an environment")
            variables.append(KeyValue("baseUrl", ""))
        }
        if let security = root["security"] {
            defaults.auth = auth(security, place: "\(sourceName) security", kept: &kept)
        }
        var root = ImportedFolder(name: "")
        var folders: [String: Int] = [:]
        let tagDescriptions = Dictionary((self.root["tags"]?.items ?? []).compactMap { tag in
            tag["name"]?.string.map { ($0, tag["description"]?.string ?? "") }
        }, uniquingKeysWith: { first, _ in first })
        // Folders in the order the document lists its tags, then as operations bring new ones.
        for tag in self.root["tags"]?.items ?? [] {
            guard let name = tag["name"]?.string else { continue }
            folders[name] = root.folders.count
            root.folders.append(ImportedFolder(name: name, description: tagDescriptions[name] ?? ""))
        }
        for (path, item) in self.root["paths"]?.members ?? [] {
            for (tag, request) in requests(path: path, item: item) {
                guard let tag else {
                    root.requests.append(request)
                    continue
                }
                if folders[tag] == nil {
                    folders[tag] = root.folders.count
                    root.folders.append(ImportedFolder(name: tag))
                }
                root.folders[folders[tag]!].requests.append(request)
            }
        }
        root.folders.removeAll { $0.requests.isEmpty }
        if self.root["paths"]?.members?.isEmpty ?? true {
            warn(sourceName, "the document has no paths: no requests imported")
        }
        kept += unmappedRootKeys()
        for variable in pathVariables where !variables.contains(where: { $0.name == variable.name }) {
            variables.append(variable)
        }
        var collection = ImportedCollection(
            name: info?["title"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? baseName(sourceName),
            description: description, defaults: defaults, variables: variables, root: root,
            environments: servers.environments, warnings: [], kept: kept)
        secrets.record(in: &collection)
        collection.warnings = warnings
        return collection
    }

    /// The requests of one path item, each with its first tag (nil: at the root).
    private mutating func requests(path: String, item rawItem: JSONLiteral) -> [(String?, ImportedRequest)] {
        let place = "\(sourceName) paths \(path)"
        guard let item = resolve(rawItem, place: place), item.members != nil else {
            warn(place, "not a path item object: skipped")
            return []
        }
        let shared = item["parameters"]?.items ?? []
        var pathServers: [JSONLiteral]?
        if let servers = item["servers"]?.items, !servers.isEmpty { pathServers = servers }
        for (key, value) in item.members ?? [] where !Self.pathItemKeys.contains(key) {
            if key.hasPrefix("x-") {
                warn(place, "\(key) is an extension sonde has no place for: not imported (\(value.description.prefix(60)))")
            }
        }
        var operations: [(method: String, operation: JSONLiteral)] = Self.methodKeys.compactMap { key in item[key].map { (key.uppercased(), $0) } }
        for (method, operation) in item["additionalOperations"]?.members ?? [] { operations.append((method.uppercased(), operation)) }
        var result: [(String?, ImportedRequest)] = []
        for (methodName, operation) in operations {
            let operationPlace = "\(place) \(methodName.lowercased())"
            guard let method = HTTPMethod(rawValue: methodName) else {
                warn(operationPlace, "sonde has no method \(methodName): the operation is not imported")
                continue
            }
            guard operation.members != nil else {
                warn(operationPlace, "not an operation object: skipped")
                continue
            }
            let request = self.request(
                method: method, path: path, operation: operation, shared: shared, pathServers: pathServers, place: operationPlace)
            result.append((operation["tags"]?.items?.first?.string, request))
        }
        return result
    }

    private mutating func request(
        method: HTTPMethod, path: String, operation: JSONLiteral, shared: [JSONLiteral], pathServers: [JSONLiteral]?, place: String
    ) -> ImportedRequest {
        let summary = operation["summary"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let operationID = operation["operationId"]?.string ?? ""
        let name = !summary.isEmpty ? summary : !operationID.isEmpty ? operationID : "\(method.rawValue) \(path)"
        var definition = RequestDefinition(name: String(name.prefix(120)), method: method, url: "")
        var kept: [KeyValue] = []
        var notes: [String] = []
        if let text = operation["description"]?.string, !text.isEmpty { notes.append(text) }
        if !operationID.isEmpty, name != operationID { notes.append("operationId: \(operationID)") }
        if operation["deprecated"]?.isTrue == true {
            notes.append("Deprecated.")
            warn(place, "the operation is deprecated: imported, with a note in its description")
        }
        if let tags = operation["tags"]?.items, tags.count > 1 {
            let others = tags.dropFirst().compactMap(\.string)
            notes.append("Also tagged: \(others.joined(separator: ", ")).")
            warn(place, "tagged \(tags.compactMap(\.string).joined(separator: ", ")): put in the folder of the first tag")
        }

        var base = "{{baseUrl}}"
        if let servers = operation["servers"]?.items ?? pathServers, let first = servers.first {
            let url = serverURL(first, place: place).url
            base = url.hasSuffix("/") ? String(url.dropLast()) : url
            let all = servers.compactMap { $0["url"]?.string }
            warn(place, "servers of its own (\(all.joined(separator: ", "))): the request uses \(url) instead of {{baseUrl}}")
        }
        definition.url = base + Self.templatedPath(path)

        let parameters = mergedParameters(shared: shared, own: operation["parameters"]?.items ?? [], place: place)
        apply(parameters, to: &definition, path: path, place: place)

        if let body = operation["requestBody"] {
            let (converted, keptBody) = requestBody(body, place: place)
            definition.body = converted
            kept += keptBody
        }
        if let security = operation["security"] {
            definition.auth = auth(security, place: "\(place) security", kept: &kept)
        }
        let (expectations, companion) = responses(operation["responses"], place: place, kept: &kept)
        definition.expectations = expectations
        if let callbacks = operation["callbacks"], callbacks.members?.isEmpty == false {
            warn(place, "callbacks have no place in sonde: kept as text under x-openapi-callbacks")
            kept.append(KeyValue("x-openapi-callbacks", callbacks.prettyText))
        }
        if let docs = operation["externalDocs"]?["url"]?.string { notes.append("See \(docs)") }
        for (key, value) in operation.members ?? [] where !Self.operationKeys.contains(key) {
            warn(place, "\(key) kept as text under \(key.hasPrefix("x-") ? key : "x-openapi-" + key): sonde has no such field")
            kept.append(KeyValue(key.hasPrefix("x-") ? key : "x-openapi-" + key, value.scalarText ?? value.prettyText))
        }
        definition.description = notes.joined(separator: "\n\n")
        return ImportedRequest(definition: definition, kept: kept, companions: companion.map { [$0] } ?? [])
    }

    /// `/users/{id}` as `/users/{{id}}`.
    static func templatedPath(_ path: String) -> String {
        var out = ""
        var rest = path[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            out += name.isEmpty ? "{}" : "{{\(name)}}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Top-level keys with no place in a collection (webhooks, x- extensions, externalDocs):
    /// kept as text under `x-openapi-…` in collection.yaml.
    private mutating func unmappedRootKeys() -> [KeyValue] {
        var kept: [KeyValue] = []
        for (key, value) in root.members ?? [] {
            let known = ["openapi", "info", "servers", "paths", "components", "security", "tags"].contains(key)
            guard !known else { continue }
            if value.members?.isEmpty == true || value.items?.isEmpty == true { continue }
            let keptKey = key.hasPrefix("x-") ? key : "x-openapi-\(key)"
            warn(sourceName, "\(key) \(key == "webhooks" ? "(requests the API sends, not receives) " : "")kept as text under \(keptKey) in collection.yaml")
            kept.append(KeyValue(keptKey, value.scalarText ?? value.prettyText))
        }
        return kept
    }

    // MARK: - References

    /// `value` with a local `$ref` followed (through chains, at most 32 hops); nil when the
    /// reference points outside the document or nowhere, with a warning.
    mutating func resolve(_ value: JSONLiteral, place: String) -> JSONLiteral? {
        var current = value
        var hops = 0
        while let ref = current["$ref"]?.string {
            hops += 1
            guard hops <= 32 else {
                warn(place, "$ref \(ref) goes round in a circle: not resolved")
                return nil
            }
            guard let target = lookup(ref) else {
                warn(place, ref.hasPrefix("#") ? "$ref \(ref) points at nothing in the document: left out" : "$ref \(ref) points into another file, which sonde does not read: left out")
                return nil
            }
            current = target
        }
        return current
    }

    /// The value a local JSON pointer (`#/components/schemas/User`) names.
    func lookup(_ ref: String) -> JSONLiteral? {
        Self.lookup(ref, in: root)
    }

    static func lookup(_ ref: String, in root: JSONLiteral) -> JSONLiteral? {
        guard ref.hasPrefix("#") else { return nil }
        var current = root
        for part in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                .removingPercentEncoding ?? String(part)
            if let next = current[key] {
                current = next
            } else if let items = current.items, let index = Int(key), items.indices.contains(index) {
                current = items[index]
            } else {
                return nil
            }
        }
        return current
    }

    // MARK: - Places

    mutating func warn(_ place: String, _ message: String) {
        warnings.append(ImportWarning(place: place, message: message))
    }

    private func baseName(_ file: String) -> String {
        var name = String(file.split(separator: "/").last ?? Substring(file))
        for suffix in [".json", ".yaml", ".yml"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name.isEmpty ? "imported" : name
    }
}
