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

    /// How deep a literal built from a response may nest. Building, comparing and printing one
    /// recurse once a level, and a body of 100,000 nested arrays parses (the tree is flat) but
    /// would run a background thread's 512 KB stack out; no API nests a compared value this deep.
    public static let maximumDepth = 256

    /// The value of `node` in `tree`, depth-first over its subtree; nil when it nests deeper
    /// than `maximumDepth`.
    public init?(_ tree: JSONTree, node: Int) {
        guard let value = Self.make(tree, node: node, depth: 0) else { return nil }
        self = value
    }

    private static func make(_ tree: JSONTree, node: Int, depth: Int) -> JSONLiteral? {
        switch tree.kind(of: node) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number:
            let text = tree.rawText(of: node)
            return .number(Double(text) ?? .nan, text: text)
        case .string: return .string(tree.string(of: node) ?? "")
        case .array, .object:
            guard depth < maximumDepth else { return nil }
            var items: [JSONLiteral] = []
            var members: [(key: String, value: JSONLiteral)] = []
            for child in tree.children(of: node) {
                guard let value = make(tree, node: child, depth: depth + 1) else { return nil }
                if tree.kind(of: node) == .array { items.append(value) } else { members.append((tree.key(of: child) ?? "", value)) }
            }
            return tree.kind(of: node) == .array ? .array(items) : .object(members)
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
