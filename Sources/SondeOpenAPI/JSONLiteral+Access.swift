import SondeCore

/// Reading an OpenAPI document's values: members by key, scalars as text.
extension JSONLiteral {
    subscript(key: String) -> JSONLiteral? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    var members: [(key: String, value: JSONLiteral)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var items: [JSONLiteral]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A scalar as a parameter value or URL part would write it: `5`, `true`, `Ada`.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(_, let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    var isTrue: Bool { self == .bool(true) }

    /// The value with `key` set (replaced in place, or appended).
    func setting(_ key: String, _ value: JSONLiteral) -> JSONLiteral {
        guard var members else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) { members[index].value = value } else { members.append((key, value)) }
        return .object(members)
    }

    func removing(_ key: String) -> JSONLiteral {
        guard let members else { return self }
        return .object(members.filter { $0.key != key })
    }

    /// Indented JSON text, for bodies and schema files.
    var prettyText: String {
        (try? JSONText.prettyPrinted(Array(description.utf8)).get()) ?? description
    }
}
