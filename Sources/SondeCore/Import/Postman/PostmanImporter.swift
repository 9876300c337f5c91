import Foundation

/// Reads Postman exports: collections (v2.1 and v2.0), environments and globals. Pure: bytes
/// in, an `ImportedCollection` out; `sonde import` writes the files.
public enum PostmanImporter {
    /// What a Postman JSON file is, as far as its content tells.
    public enum FileKind: Sendable, Equatable {
        case collection
        /// The pre-2017 format sonde does not read (`PostmanImportError.collectionVersion1`).
        case collectionVersion1
        case environment
        case globals
    }

    /// The kind of Postman file `data` holds, or nil when it is not one (or not JSON): for
    /// format detection, which must not throw.
    public static func kind(of data: Data) -> FileKind? {
        guard let json = try? parse(data, sourceName: "") else { return nil }
        return kind(of: json)
    }

    /// A collection export as sonde's import model: folders, requests, auth with Postman's
    /// inheritance, collection variables, secrets moved to `{{env:NAME}}` references, and a
    /// warning for each thing kept as text or not carried over.
    public static func convertCollection(_ data: Data, sourceName: String) throws(PostmanImportError) -> ImportedCollection {
        let json = unwrapped(try parse(data, sourceName: sourceName), key: "collection")
        switch kind(of: json) {
        case .collection: break
        case .collectionVersion1: throw .collectionVersion1(file: sourceName)
        case .environment, .globals: throw .environmentNotCollection(file: sourceName)
        case nil: throw .notPostman(file: sourceName, reason: reason(json))
        }
        var converter = PostmanConverter(sourceName: sourceName)
        return converter.collection(json)
    }

    /// An environment or globals export: its variables, with `secret`-typed values and values
    /// that look like passwords or tokens moved to `{{env:NAME}}` references. Globals become an
    /// environment named `globals`: sonde has no other place for them.
    public static func convertEnvironment(_ data: Data, sourceName: String) throws(PostmanImportError) -> ImportedEnvironments {
        let json = unwrapped(try parse(data, sourceName: sourceName), key: "environment")
        let isGlobals: Bool
        switch kind(of: json) {
        case .environment: isGlobals = false
        case .globals: isGlobals = true
        case .collection, .collectionVersion1: throw .collectionNotEnvironment(file: sourceName)
        case nil: throw .notPostman(file: sourceName, reason: reason(json))
        }
        var converter = PostmanConverter(sourceName: sourceName)
        let environment = converter.environment(json, isGlobals: isGlobals)
        return ImportedEnvironments(
            environments: [environment], secretNames: converter.secrets.names, secretValues: converter.secrets.values,
            warnings: converter.warnings)
    }

    /// The JSON of `data`, with the line and column of the first syntax error when it is not JSON.
    static func parse(_ data: Data, sourceName: String) throws(PostmanImportError) -> PostmanJSON {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let tree: JSONTree
        do {
            tree = try JSONTree(Data(bytes))
        } catch {
            throw .invalidJSON(file: sourceName, line: error.line, column: error.column, reason: error.message)
        }
        guard let json = PostmanJSON(tree, node: tree.root) else {
            throw .notPostman(file: sourceName, reason: "values are nested more than \(PostmanJSON.maximumDepth) levels deep")
        }
        return json
    }

    /// The Postman API wraps an export in `{"collection": {...}}` or `{"environment": {...}}`.
    private static func unwrapped(_ json: PostmanJSON, key: String) -> PostmanJSON {
        if let fields = json.object, fields.count == 1, let inner = fields[key], inner.object != nil { return inner }
        return json
    }

    private static func kind(of json: PostmanJSON) -> FileKind? {
        let json = json.object?.count == 1 ? (json["collection"] ?? json["environment"] ?? json) : json
        guard let fields = json.object else { return nil }
        if let info = fields["info"]?.object {
            let schema = info["schema"]?.text ?? ""
            if schema.contains("/v1") { return .collectionVersion1 }
            if schema.contains("getpostman.com/json/collection") || schema.contains("postman.com/json/collection") || fields["item"] != nil {
                return .collection
            }
        }
        if fields["requests"]?.array != nil, fields["order"] != nil || fields["folders"] != nil { return .collectionVersion1 }
        if fields["values"]?.array != nil {
            if fields["_postman_variable_scope"]?.text == "globals" { return .globals }
            if fields["_postman_variable_scope"] != nil || fields["name"] != nil { return .environment }
        }
        return nil
    }

    private static func reason(_ json: PostmanJSON) -> String {
        guard json.object != nil else { return "the top level is not a JSON object" }
        return "it has no `info` with a Postman schema (a collection) and no `values` (an environment)"
    }
}
