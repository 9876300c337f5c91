/// One row of the pretty view of a `JSONTree`: a node's own row (its scalar, or the opening
/// bracket or folded summary of a container), or the closing-bracket row of an expanded,
/// non-empty container.
public struct JSONRowPosition: Hashable, Sendable, Comparable {
    /// The node the row shows.
    public var node: Int
    /// Whether this is the container's closing `}` / `]` row.
    public var isClosing: Bool
    /// The node's `subtreeEnd`, which puts closing rows in document order (set by the view).
    let subtreeEnd: Int

    init(node: Int, isClosing: Bool, subtreeEnd: Int) {
        self.node = node
        self.isClosing = isClosing
        self.subtreeEnd = subtreeEnd
    }

    /// Document order: a closing row comes after its container's whole subtree, and inner
    /// closing rows before outer ones.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.orderKey < rhs.orderKey
    }

    /// (index, opening after closing, inner closing first): see `<`.
    private var orderKey: (Int, Int, Int) {
        isClosing ? (subtreeEnd, 0, -node) : (node, 1, 0)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.node == rhs.node && lhs.isClosing == rhs.isClosing
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(node)
        hasher.combine(isClosing)
    }
}
