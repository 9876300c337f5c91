import Foundation

/// A Postman export's JSON as read, before it means anything: Postman writes the same field as
/// a string, a number or an object from one version to the next (`url`, `description`,
/// `value: 5`), so fields are looked at by what they hold rather than decoded into fixed types.
indirect enum PostmanJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written in the file (`50`, `1.5e3`).
    case number(String)
    case string(String)
    case array([PostmanJSON])
    case object([String: PostmanJSON])

    /// The deepest nesting read: Postman writes a few levels per folder, and converting is
    /// recursive, so a hostile file of a million `[` would otherwise run off the stack.
    static let maximumDepth = 512

    /// The value of `node` in `tree`, read with sonde's own parser (`JSONTree`): Foundation's
    /// decoders throw and catch an error for each type they try, many per value. Nil when
    /// nested deeper than `maximumDepth`.
    init?(_ tree: JSONTree, node: Int, depth: Int = 0) {
        guard depth <= Self.maximumDepth else { return nil }
        switch tree.kind(of: node) {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number: self = .number(tree.rawText(of: node))
        case .string: self = .string(tree.string(of: node) ?? "")
        case .array:
            var items: [PostmanJSON] = []
            for child in tree.children(of: node) {
                guard let item = PostmanJSON(tree, node: child, depth: depth + 1) else { return nil }
                items.append(item)
            }
            self = .array(items)
        case .object:
            var fields: [String: PostmanJSON] = [:]
            for child in tree.children(of: node) {
                guard let value = PostmanJSON(tree, node: child, depth: depth + 1) else { return nil }
                fields[tree.key(of: child) ?? ""] = value
            }
            self = .object(fields)
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
