/// What a renderer needs to draw one row of a `JSONTreeView`, all text already decoded,
/// shortened and made single-line and inert for a terminal: keys and strings are shown as JSON
/// writes them (`\"`, `\\`, `\n`, `\u001b`) with other characters decoded (`ü`, not `\u00fc`).
public struct JSONRow: Equatable, Sendable {
    /// Where the row is, to anchor the next frame or move the cursor to.
    public var position: JSONRowPosition
    /// Nesting level: 0 for the root, children one more than their container (also for a
    /// closing row, which sits at its container's depth).
    public var depth: Int
    /// The kind of the node shown (the container's, on a closing row).
    public var kind: JSONTree.Kind
    /// The member's key, decoded and JSON-escaped (`shown(_:)`); nil for array elements, the
    /// root and closing rows.
    public var key: String?
    /// Strings: the decoded text, JSON-escaped (`shown(_:)`), without quotes. Numbers exactly as written; `true`, `false`,
    /// `null`. Containers: `{` / `[` when expanded, `}` / `]` on closing rows, `{}` / `[]` when
    /// empty, and `summary` when folded.
    public var text: String
    /// Whether `text` (or `key`) was cut at the view's preview limit.
    public var isTruncated: Bool
    /// Whether this is a folded container (drawn as one row with its summary).
    public var isFolded: Bool
    /// Members or elements of a container; 0 for scalars.
    public var childCount: Int
    /// Whether this is the closing `}` / `]` row of an expanded container.
    public var isClosing: Bool { position.isClosing }
    /// The node shown.
    public var node: Int { position.node }

    /// "{7 keys}", "[42 items]", "{1 key}", "[1 item]" for a container; nil for a scalar.
    public var summary: String? { Self.summary(kind, childCount: childCount) }

    /// A decoded key or string as the inside of a JSON string literal, inert on a terminal: `"`,
    /// `\` and control characters escaped as JSON does, so `"{\"token\": 1}"` reads as one string
    /// and not as nested quotes; DEL, C1 controls and invisible characters as `TerminalSafeText`
    /// shows them.
    static func shown(_ decoded: String) -> String {
        TerminalSafeText.make(JSONText.escaped(decoded))
    }

    static func summary(_ kind: JSONTree.Kind, childCount: Int) -> String? {
        switch kind {
        case .object: "{\(childCount) \(childCount == 1 ? "key" : "keys")}"
        case .array: "[\(childCount) \(childCount == 1 ? "item" : "items")]"
        default: nil
        }
    }
}
