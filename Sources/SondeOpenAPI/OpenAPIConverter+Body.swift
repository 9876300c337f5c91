import Foundation
import SondeCore

extension OpenAPIConverter {
    /// How deep a generated example goes: deeper objects are `{}`, deeper arrays `[]`.
    static let exampleDepth = 8

    /// A `requestBody` as a body: JSON from its example, the first of its examples or one made
    /// from its schema; form and multipart fields from the schema's properties; any other
    /// media type as text with its content type. Other media types are listed in a warning.
    mutating func requestBody(_ raw: JSONLiteral, place: String) -> (RequestBody, kept: [KeyValue]) {
        guard let body = resolve(raw, place: place), let content = body["content"]?.members, !content.isEmpty else { return (.none, []) }
        let chosen = content.first { Self.isJSON($0.key) }
            ?? content.first { $0.key.hasPrefix("application/x-www-form-urlencoded") }
            ?? content.first { $0.key.hasPrefix("multipart/") }
            ?? content[0]
        if content.count > 1 {
            let others = content.map(\.key).filter { $0 != chosen.key }
            warn(place, "the body is sent as \(chosen.key); the API also takes \(others.joined(separator: ", "))")
        }
        let type = chosen.key
        let media = chosen.value
        let schema = media["schema"].flatMap { resolve($0, place: place) }
        let example = mediaExample(media, place: place) ?? schema.map { generated($0) }
        if Self.isJSON(type) {
            let text = (example ?? .object([])).prettyText
            return type.lowercased().hasPrefix("application/json") ? (.json(text), []) : (.text(text, contentType: type), [])
        }
        if type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/") {
            let fields = formFields(schema: schema, example: example, encoding: media["encoding"])
            if type.hasPrefix("multipart/") {
                return (.multipart(fields.map { field in
                    if field.isFile {
                        warn(place, "multipart part \(field.name) is a file: written with an empty path, choose one before sending")
                    }
                    return MultipartField(name: field.name, value: field.isFile ? "" : field.value, isFile: field.isFile, contentType: field.contentType)
                }), [])
            }
            return (.form(fields.map { KeyValue($0.name, $0.value) }), [])
        }
        let text = example.map { $0.string ?? $0.prettyText } ?? ""
        if schema?["format"]?.string == "binary" || type == "application/octet-stream" {
            warn(place, "the body is a file (\(type)): written with an empty path, choose one before sending")
            return (.file(path: "", contentType: type), [])
        }
        return (.text(text, contentType: type), [])
    }

    static func isJSON(_ type: String) -> Bool {
        let lower = type.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return lower == "application/json" || lower.hasSuffix("+json")
    }

    /// A media type's `example`, or the value of the first of its `examples`.
    private mutating func mediaExample(_ media: JSONLiteral, place: String) -> JSONLiteral? {
        if let example = media["example"] { return example }
        if let first = media["examples"]?.members?.first?.value, let resolved = resolve(first, place: place) {
            if let value = resolved["value"] { return value }
            if let external = resolved["externalValue"]?.string {
                warn(place, "the example is in another file (\(external)), which sonde does not read: the body is made from the schema")
            }
        }
        return nil
    }

    private struct FormField {
        var name: String
        var value: String
        var isFile: Bool
        var contentType: String?
    }

    /// One field per schema property (a string for each value; a binary property is a file).
    private func formFields(schema: JSONLiteral?, example: JSONLiteral?, encoding: JSONLiteral?) -> [FormField] {
        var properties = (schema.map { mergedProperties($0, depth: 0) }) ?? []
        if properties.isEmpty, let members = example?.members { properties = members.map { ($0.key, JSONLiteral.object([])) } }
        return properties.map { name, property in
            let property = resolvedSchema(property)
            // 3.0 marks a file `format: binary`; 3.1 by a `contentMediaType` (or nothing at all).
            let isFile = property["format"]?.string == "binary" || property["contentMediaType"] != nil
            let value = example?[name] ?? generated(property)
            let text = value.scalarText ?? (value == .null ? "" : value.description)
            return FormField(
                name: name, value: text, isFile: isFile,
                contentType: encoding?[name]?["contentType"]?.string)
        }
    }

    private func resolvedSchema(_ schema: JSONLiteral) -> JSONLiteral {
        var current = schema
        var hops = 0
        while let ref = current["$ref"]?.string, hops < 32, let target = lookup(ref) {
            current = target
            hops += 1
        }
        return current
    }

    /// The properties of an object schema, `allOf` parts merged in.
    private func mergedProperties(_ schema: JSONLiteral, depth: Int) -> [(String, JSONLiteral)] {
        guard depth < 16 else { return [] }
        let schema = resolvedSchema(schema)
        var result = (schema["properties"]?.members ?? []).map { ($0.key, $0.value) }
        for part in schema["allOf"]?.items ?? [] {
            for (name, value) in mergedProperties(part, depth: depth + 1) where !result.contains(where: { $0.0 == name }) {
                result.append((name, value))
            }
        }
        return result
    }

    /// An example value made from a schema: its `example`/`examples`/`default`/`const`, its
    /// first `enum` value, else a value of its type (objects with every property, arrays of one
    /// item). References are followed; a reference already being expanded, or more than
    /// `exampleDepth` levels, ends as an empty object or array, so cycles end.
    func generated(_ schema: JSONLiteral) -> JSONLiteral {
        var budget = Self.exampleBudget
        return generated(schema, depth: 0, expanding: [], budget: &budget)
    }

    /// How many schema nodes one generated example may visit: a large API's schemas reach one
    /// another in many ways, and an example of every path to depth 8 could take billions.
    static let exampleBudget = 5_000

    private func generated(_ schema: JSONLiteral, depth: Int, expanding: Set<String>, budget: inout Int) -> JSONLiteral {
        budget -= 1
        guard budget > 0 else { return .null }
        var expanding = expanding
        var schema = schema
        var hops = 0
        while let ref = schema["$ref"]?.string {
            hops += 1
            guard hops < 32, !expanding.contains(ref), let target = lookup(ref) else { return .null }
            expanding.insert(ref)
            schema = target
        }
        if case .bool = schema { return .null }
        if let value = schema["example"] ?? schema["examples"]?.items?.first ?? schema["default"] ?? schema["const"] ?? schema["enum"]?.items?.first {
            return value
        }
        let next = depth + 1
        if let parts = schema["allOf"]?.items, !parts.isEmpty {
            let values = parts.map { generated($0, depth: next, expanding: expanding, budget: &budget) }
            guard values.allSatisfy({ $0.members != nil }) else { return values[0] }
            var members: [(key: String, value: JSONLiteral)] = []
            for member in values.flatMap({ $0.members ?? [] }) where !members.contains(where: { $0.key == member.key }) {
                members.append(member)
            }
            for (name, property) in schema["properties"]?.members ?? [] where !members.contains(where: { $0.key == name }) {
                members.append((name, generated(property, depth: next, expanding: expanding, budget: &budget)))
            }
            return .object(members)
        }
        for key in ["oneOf", "anyOf"] {
            if let first = schema[key]?.items?.first(where: { resolvedType($0) != "null" }) {
                return generated(first, depth: next, expanding: expanding, budget: &budget)
            }
        }
        var type = schema["type"]?.string
        if type == nil, let types = schema["type"]?.items { type = types.compactMap(\.string).first { $0 != "null" } ?? "null" }
        if type == nil { type = schema["properties"] != nil ? "object" : schema["items"] != nil ? "array" : nil }
        switch type {
        case "object":
            guard depth < Self.exampleDepth else { return .object([]) }
            var members: [(key: String, value: JSONLiteral)] = []
            for (name, property) in (schema["properties"]?.members ?? []).prefix(50) {
                members.append((name, generated(property, depth: next, expanding: expanding, budget: &budget)))
            }
            return .object(members)
        case "array":
            guard depth < Self.exampleDepth, let items = schema["items"] else { return .array([]) }
            let item = generated(items, depth: next, expanding: expanding, budget: &budget)
            return item == .null && items["$ref"] != nil ? .array([]) : .array([item])
        case "string": return .string(Self.exampleString(format: schema["format"]?.string))
        case "integer": return .number(Double(Self.minimum(schema) ?? 0), text: String(Self.minimum(schema) ?? 0))
        case "number": return .number(Double(Self.minimum(schema) ?? 0), text: String(Self.minimum(schema) ?? 0))
        case "boolean": return .bool(true)
        case "null": return .null
        default: return depth == 0 ? .object([]) : .null
        }
    }

    private func resolvedType(_ schema: JSONLiteral) -> String? {
        resolvedSchema(schema)["type"]?.string
    }

    private static func minimum(_ schema: JSONLiteral) -> Int? {
        guard case .number(let value, _)? = schema["minimum"], value.isFinite, abs(value) < 1e15 else { return nil }
        return Int(value.rounded(.up))
    }

    /// A string of the shape a `format` asks for.
    static func exampleString(format: String?) -> String {
        switch format {
        case "date-time": "2024-01-01T00:00:00Z"
        case "date": "2024-01-01"
        case "time": "00:00:00Z"
        case "email": "user@example.com"
        case "uuid": "00000000-0000-0000-0000-000000000000"
        case "uri", "url": "https://example.com"
        case "hostname": "example.com"
        case "ipv4": "192.0.2.1"
        case "ipv6": "2001:db8::1"
        case "byte": "c3RyaW5n"
        case "password": ""
        default: "string"
        }
    }
}
