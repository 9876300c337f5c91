import Foundation

/// A JSON value as a Swift value: what an `expect:` block compares with (written in YAML) and
/// what it is compared against (read from the response's `JSONTree`). Small values only: the
/// response stays a `JSONTree`, and only the nodes a path selects become literals.
///
/// Numbers compare by value (`1` equals `1.0`, as in JSON Schema and Hurl); object members
/// compare without regard to order.
public indirect enum JSONLiteral: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// The value, and the text as written for printing it back unchanged.
    case number(Double, text: String)
    case string(String)
    case array([JSONLiteral])
    case object([(key: String, value: JSONLiteral)])

    /// The value of `node` in `tree`, depth-first over its subtree.
    public init(_ tree: JSONTree, node: Int) {
        switch tree.kind(of: node) {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number:
            let text = tree.rawText(of: node)
            self = .number(Double(text) ?? .nan, text: text)
        case .string: self = .string(tree.string(of: node) ?? "")
        case .array: self = .array(tree.children(of: node).map { JSONLiteral(tree, node: $0) })
        case .object: self = .object(tree.children(of: node).map { (tree.key(of: $0) ?? "", JSONLiteral(tree, node: $0)) })
        }
    }

    /// The value of a JSON text; nil when it is not one JSON value.
    public init?(json text: String) {
        guard let tree = try? JSONTree(text: text) else { return nil }
        self.init(tree, node: tree.root)
    }

    /// The JSON type name as `type:` spells it: string, number, boolean, array, object or null.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compact JSON text, for messages: `"Ada"`, `42`, `[1,2]`, `{"a":true}`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(_, let text): text
        case .string(let text): JSONText.quote(text)
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { JSONText.quote($0.key) + ":" + $0.value.description }.joined(separator: ",") + "}"
        }
    }

    public static func == (lhs: JSONLiteral, rhs: JSONLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a, _), .number(let b, _)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { member in b.contains { $0.key == member.key && $0.value == member.value } }
        default: false
        }
    }
}
