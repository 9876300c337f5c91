import Foundation
import Yams

/// Reads Insomnia exports: v4 (`_type: export`, `__export_format: 4`, a flat `resources` list
/// linked by `parentId`) in JSON or YAML, and v5 YAML (`type: collection.insomnia.rest/5.0`, a
/// `collection` tree). Pure: bytes in, an `ImportedCollection` out.
public enum InsomniaImporter {
    /// The export as sonde's import model: folders at any depth with their headers and auth,
    /// requests, the base environment as collection variables and each sub-environment as an
    /// environment, secrets moved to `{{env:NAME}}`, a warning for what is kept as text.
    public static func convert(_ data: Data, sourceName: String) throws(InsomniaImportError) -> ImportedCollection {
        let document = try parse(data, sourceName: sourceName)
        guard document.object != nil else { throw .notInsomnia(file: sourceName, reason: "the top level is not a mapping") }
        var converter = InsomniaConverter(sourceName: sourceName)
        if let type = document["type"]?.text, type.contains("insomnia.rest/") {
            return converter.collection(resources: InsomniaV5.resources(document), fallbackName: baseName(sourceName))
        }
        guard let resources = document["resources"]?.array else {
            throw .notInsomnia(file: sourceName, reason: "it has no `resources` list (v4) and no `type: collection.insomnia.rest/5.0` (v5)")
        }
        if let format = document["__export_format"]?.text, let version = Int(format), version < 4 {
            throw .exportFormat(file: sourceName, version: format)
        }
        return converter.collection(resources: resources, fallbackName: baseName(sourceName))
    }

    /// The file's tree: JSON read with sonde's parser (errors at a line and column), anything
    /// else as YAML.
    static func parse(_ data: Data, sourceName: String) throws(InsomniaImportError) -> PostmanJSON {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let isJSON = bytes.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } == UInt8(ascii: "{")
        if isJSON {
            do {
                return try PostmanImporter.parse(Data(bytes), sourceName: sourceName)
            } catch {
                if case .invalidJSON(let file, let line, let column, let reason) = error {
                    throw .invalidJSON(file: file, line: line, column: column, reason: reason)
                }
                throw .notInsomnia(file: sourceName, reason: "\(error)")
            }
        }
        guard let text = String(data: Data(bytes), encoding: .utf8) else { throw .invalidYAML(file: sourceName, reason: "not UTF-8 text") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .invalidYAML(file: sourceName, reason: "\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        if let node, let (beyond, message) = YAMLExpansionLimit.check(node, text: text) {
            throw .invalidYAML(file: sourceName, reason: "line \(beyond.mark?.line ?? 1): " + message)
        }
        guard let node, let tree = PostmanJSON(yaml: node) else {
            throw .notInsomnia(file: sourceName, reason: "empty, or nested more than \(PostmanJSON.maximumDepth) levels deep")
        }
        return tree
    }

    private static func baseName(_ file: String) -> String {
        var name = String(file.split(separator: "/").last ?? Substring(file))
        for suffix in [".json", ".yaml", ".yml"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name.isEmpty ? "imported" : name
    }
}

/// Insomnia v5's tree (`collection` with `children`, `environments` with `subEnvironments`,
/// `cookieJar`) as the v4 resources it stands for, so one converter reads both.
enum InsomniaV5 {
    static let workspaceID = "__v5_workspace"
    static let baseEnvironmentID = "__v5_base_environment"

    static func resources(_ document: PostmanJSON) -> [PostmanJSON] {
        var resources: [PostmanJSON] = [.object([
            "_type": .string("workspace"), "_id": .string(workspaceID),
            "name": document["name"] ?? .string(""), "description": document["description"] ?? .string(""),
        ])]
        var counter = 0
        func add(_ items: [PostmanJSON], parent: String) {
            for (index, item) in items.enumerated() {
                guard var fields = item.object else { continue }
                counter += 1
                let id = item["meta"]?["id"]?.text ?? "__v5_\(counter)"
                fields["_id"] = .string(id)
                fields["parentId"] = .string(parent)
                fields["metaSortKey"] = .number(String(index))
                if let description = item["meta"]?["description"], fields["description"] == nil { fields["description"] = description }
                let children = fields.removeValue(forKey: "children")
                fields["_type"] = .string(children != nil ? "request_group" : "request")
                resources.append(.object(fields))
                if let children { add(children.array ?? [], parent: id) }
            }
        }
        add(document["collection"]?.array ?? [], parent: workspaceID)
        if let base = document["environments"], base.object != nil {
            var fields = base.object ?? [:]
            let subs = fields.removeValue(forKey: "subEnvironments")?.array ?? []
            fields["_type"] = .string("environment")
            fields["_id"] = .string(baseEnvironmentID)
            fields["parentId"] = .string(workspaceID)
            resources.append(.object(fields))
            for (index, sub) in subs.enumerated() {
                guard var subFields = sub.object else { continue }
                subFields["_type"] = .string("environment")
                subFields["_id"] = .string("__v5_environment_\(index)")
                subFields["parentId"] = .string(baseEnvironmentID)
                subFields["metaSortKey"] = .number(String(index))
                resources.append(.object(subFields))
            }
        }
        if var jar = document["cookieJar"]?.object {
            jar["_type"] = .string("cookie_jar")
            jar["parentId"] = .string(workspaceID)
            resources.append(.object(jar))
        }
        return resources
    }
}
