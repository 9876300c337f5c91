/// What a renderer needs to draw one row of a `JSONTreeView`, all text already decoded,
/// shortened and made single-line and inert for a terminal (newlines as `\n`, other control
/// characters as `\x1b`-style escapes).
public struct JSONRow: Equatable, Sendable {
    /// Where the row is, to anchor the next frame or move the cursor to.
    public var position: JSONRowPosition
    /// Nesting level: 0 for the root, children one more than their container (also for a
    /// closing row, which sits at its container's depth).
    public var depth: Int
    /// The kind of the node shown (the container's, on a closing row).
    public var kind: JSONTree.Kind
    /// The member's key, decoded; nil for array elements, the root and closing rows.
    public var key: String?
    /// Strings: the decoded text without quotes. Numbers exactly as written; `true`, `false`,
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

    static func summary(_ kind: JSONTree.Kind, childCount: Int) -> String? {
        switch kind {
        case .object: "{\(childCount) \(childCount == 1 ? "key" : "keys")}"
        case .array: "[\(childCount) \(childCount == 1 ? "item" : "items")]"
        default: nil
        }
    }
}
