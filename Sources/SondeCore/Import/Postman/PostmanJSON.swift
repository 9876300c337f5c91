import Foundation

/// A Postman export's JSON as read, before it means anything: Postman writes the same field as
/// a string, a number or an object from one version to the next (`url`, `description`,
/// `value: 5`), so fields are looked at by what they hold rather than decoded into fixed types.
indirect enum PostmanJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([PostmanJSON])
    case object([String: PostmanJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PostmanJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PostmanJSON].self))
        }
    }

    subscript(key: String) -> PostmanJSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var object: [String: PostmanJSON]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    var array: [PostmanJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A scalar as text (`5`, `true`); nil for null, arrays and objects.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// Postman's `disabled: true` (also written as the string `"true"`).
    var isTrue: Bool {
        switch self {
        case .bool(let value): value
        case .string(let text): text == "true"
        default: false
        }
    }

    /// A `description` as text: a string, or `{content, type}`.
    var descriptionText: String {
        if let text { return text }
        return self["content"]?.text ?? ""
    }

    /// Indented JSON text with keys sorted, for what is kept as text: stable between imports.
    func jsonText(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return JSONText.quote(text)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.jsonText(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.keys.sorted().map { inner + JSONText.quote($0) + ": " + fields[$0]!.jsonText(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }
}
