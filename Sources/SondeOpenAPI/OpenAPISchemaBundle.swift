import SondeCore

/// An OpenAPI schema as a JSON Schema 2020-12 document that stands alone: every local `$ref`
/// (`#/components/schemas/User`) is copied under `$defs` and pointed at there, so cycles stay
/// references; OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum` are
/// written as 2020-12 says them (a type union, numeric bounds).
struct OpenAPISchemaBundle {
    let lookup: (String) -> JSONLiteral?
    let isVersion30: Bool
    private(set) var definitions: [(key: String, value: JSONLiteral)] = []
    private var names: [String: String] = [:]
    /// References that could not be bundled (another file, nothing at the pointer).
    private(set) var unresolved: [String] = []

    static let dialect = "https://json-schema.org/draft/2020-12/schema"
    /// Keys whose values are data, not schemas: never rewritten.
    static let dataKeys: Set = ["example", "examples", "enum", "const", "default"]

    init(isVersion30: Bool, lookup: @escaping (String) -> JSONLiteral?) {
        self.isVersion30 = isVersion30
        self.lookup = lookup
    }

    /// The document for `schema`: `$schema`, the schema's own keys, then `$defs`.
    mutating func document(for schema: JSONLiteral) -> JSONLiteral {
        let body = rewrite(schema, depth: 0)
        var members: [(key: String, value: JSONLiteral)] = [("$schema", .string(Self.dialect))]
        switch body {
        case .object(let own): members += own.filter { $0.key != "$schema" }
        case .bool(false): members.append(("not", .object([])))
        default: break
        }
        if !definitions.isEmpty { members.append(("$defs", .object(definitions))) }
        return .object(members)
    }

    private mutating func rewrite(_ value: JSONLiteral, depth: Int) -> JSONLiteral {
        guard depth < 128 else { return .object([]) }
        switch value {
        case .array(let items):
            return .array(items.map { rewrite($0, depth: depth + 1) })
        case .object(let members):
            var out: [(key: String, value: JSONLiteral)] = []
            for (key, member) in members {
                if key == "$ref", let ref = member.string {
                    out.append((key, .string(reference(ref, depth: depth))))
                } else if Self.dataKeys.contains(key) || (key == "nullable" && isVersion30) {
                    out.append((key, member))
                } else {
                    out.append((key, rewrite(member, depth: depth + 1)))
                }
            }
            return isVersion30 ? Self.translated30(.object(out)) : .object(out)
        default:
            return value
        }
    }

    /// `#/$defs/Name` for a local reference, bundling its target the first time; an
    /// unresolvable reference is left as written and noted.
    private mutating func reference(_ ref: String, depth: Int) -> String {
        if let name = names[ref] { return "#/$defs/\(name)" }
        guard ref.hasPrefix("#/"), let target = lookup(ref) else {
            if !unresolved.contains(ref) { unresolved.append(ref) }
            return ref
        }
        let last = ref.split(separator: "/").last.map(String.init) ?? "schema"
        var name = last.replacingOccurrences(of: "~1", with: "_").replacingOccurrences(of: "~0", with: "_")
        let base = name
        var counter = 2
        while names.values.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        names[ref] = name
        let index = definitions.count
        definitions.append((name, .object([])))
        definitions[index].value = rewrite(target, depth: depth + 1)
        return "#/$defs/\(name)"
    }

    /// A 3.0 schema object's `nullable: true` as a type union (or `anyOf` with null when it
    /// has no type), and its boolean exclusive bounds as numbers.
    static func translated30(_ schema: JSONLiteral) -> JSONLiteral {
        var schema = schema
        for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            guard case .bool(let on)? = schema[flag] else { continue }
            if on, let value = schema[bound] {
                schema = schema.removing(bound).setting(flag, value)
            } else {
                schema = schema.removing(flag)
            }
        }
        guard case .bool(let nullable)? = schema["nullable"] else { return schema }
        schema = schema.removing("nullable")
        guard nullable else { return schema }
        if let enumeration = schema["enum"]?.items, !enumeration.contains(.null) {
            schema = schema.setting("enum", .array(enumeration + [.null]))
        }
        if let type = schema["type"]?.string {
            return schema.setting("type", .array([.string(type), .string("null")]))
        }
        if let types = schema["type"]?.items {
            return types.contains(.string("null")) ? schema : schema.setting("type", .array(types + [.string("null")]))
        }
        return .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))])
    }
}
