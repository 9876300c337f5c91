import Foundation

/// A JSON document as a flat array of nodes in document order, for viewing, searching and
/// querying bodies of any size (tens of MB) without building Swift values for them.
///
/// One iterative pass over the bytes builds 16 bytes per value (see `nodeByteSize`); the body
/// stays as it came, and keys and strings are decoded only when asked for, such as for the rows
/// on screen. Key order and number spelling are exactly as sent. Node 0 is the root; a node's
/// subtree is the index range `node..<subtreeEnd(of: node)`, so skipping a folded container is
/// O(1). Byte offsets are 0-based from the body's first byte.
///
///     let tree = try JSONTree(response.body)
///     for child in tree.children(of: tree.root) { print(tree.key(of: child) ?? "", tree.kind(of: child)) }
public struct JSONTree: Sendable {
    /// What a node holds.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case object, array, string, number, `true`, `false`, null

        /// Whether the node has children (an object or an array).
        public var isContainer: Bool { self == .object || self == .array }
    }

    /// The UTF-8 bytes the tree points into.
    public let body: Data
    let nodes: JSONNodeBuffer

    /// Parses `body`; throws where and why the JSON is invalid. Surrounding white space is fine;
    /// anything else after the value is not.
    public init(_ body: Data) throws(JSONSyntaxError) {
        self.body = body
        // Data.withUnsafeBytes only rethrows untyped errors, hence the Result.
        nodes = try body.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) in try JSONTreeParser.parse(raw.bindMemory(to: UInt8.self)) }
        }.get()
    }

    /// Parses UTF-8 bytes (copied once into the tree's `body`).
    public init(_ bytes: [UInt8]) throws(JSONSyntaxError) {
        try self.init(Data(bytes))
    }

    /// Parses a string's UTF-8.
    public init(text: String) throws(JSONSyntaxError) {
        try self.init(Data(text.utf8))
    }

    /// The number of nodes (values, including the root and every member value).
    public var count: Int { nodes.count }

    /// The root node's index.
    public var root: Int { 0 }

    /// Bytes of one node in memory.
    public static var nodeByteSize: Int { MemoryLayout<JSONNode>.stride }

    /// Bytes held by the nodes (the body not counted).
    public var nodeBytes: Int { count * Self.nodeByteSize }

    /// Runs `body` with pointers to the bytes and nodes, for the passes that visit many nodes.
    func withUnsafe<R>(_ body: (UnsafeJSONTree) throws -> R) rethrows -> R {
        try self.body.withUnsafeBytes { raw in
            // The parser proved the body is not empty, so there is a base address.
            let bytes = raw.bindMemory(to: UInt8.self)
            return try body(UnsafeJSONTree(bytes: bytes.baseAddress!, byteCount: bytes.count, nodes: nodes.base, count: nodes.count))
        }
    }

    // MARK: - Structure

    /// What `node` holds.
    public func kind(of node: Int) -> Kind { JSONTree.kind(nodes.base[node]) }

    /// The enclosing container, nil for the root.
    public func parent(of node: Int) -> Int? {
        let parent = nodes.base[node].parent
        return parent == JSONNode.noParent ? nil : Int(parent)
    }

    /// How many containers enclose `node` (0 for the root): O(depth).
    public func depth(of node: Int) -> Int {
        var depth = 0
        var current = nodes.base[node].parent
        while current != JSONNode.noParent {
            depth += 1
            current = nodes.base[Int(current)].parent
        }
        return depth
    }

    /// The index just past `node`'s subtree: its next sibling, or where its parent's next sibling
    /// would be.
    public func subtreeEnd(of node: Int) -> Int {
        let stored = nodes.base[node]
        return stored.isContainer ? Int(stored.extent) : node + 1
    }

    /// The number of members or elements of a container; 0 for a scalar.
    public func childCount(of node: Int) -> Int {
        let stored = nodes.base[node]
        guard stored.isContainer else { return 0 }
        guard stored.payload == JSONNode.payloadLimit else { return Int(stored.payload) }
        // Over 67 million children: counted by hopping from sibling to sibling.
        return children(of: node).reduce(0) { count, _ in count + 1 }
    }

    /// Whether `node` is an object member (has a key).
    public func isMember(_ node: Int) -> Bool { nodes.base[node].isMember }

    /// The children of a container in document order (empty for a scalar), each found in O(1).
    public func children(of node: Int) -> Children { Children(tree: self, parent: node) }

    /// Ancestors of `node` from its parent up to the root.
    public func ancestors(of node: Int) -> [Int] {
        var result: [Int] = []
        var current = nodes.base[node].parent
        while current != JSONNode.noParent {
            result.append(Int(current))
            current = nodes.base[Int(current)].parent
        }
        return result
    }

    /// The children of one container, lazily.
    public struct Children: Sequence, Sendable {
        let tree: JSONTree
        let parent: Int

        public func makeIterator() -> Iterator {
            let isContainer = tree.kind(of: parent).isContainer
            return Iterator(tree: tree, upcoming: parent + 1, end: isContainer ? tree.subtreeEnd(of: parent) : parent + 1)
        }

        public struct Iterator: IteratorProtocol, Sendable {
            let tree: JSONTree
            var upcoming: Int
            let end: Int

            public mutating func next() -> Int? {
                guard upcoming < end else { return nil }
                defer { upcoming = tree.subtreeEnd(of: upcoming) }
                return upcoming
            }
        }
    }

    // MARK: - Bytes and text

    /// The byte range of `node`'s key literal, quotes included; nil when it is not a member.
    public func keyRange(of node: Int) -> Range<Int>? { withUnsafe { $0.keyRange(node) } }

    /// The byte range of `node`'s value: the whole literal, or a container from its opening to
    /// its closing bracket. O(1) for scalars, O(depth) for containers.
    public func valueRange(of node: Int) -> Range<Int> { withUnsafe { $0.valueStart(node)..<$0.valueEnd(node) } }

    /// `node`'s key, decoded; nil when it is not a member. Invalid UTF-8 becomes U+FFFD.
    public func key(of node: Int) -> String? {
        withUnsafe { tree in tree.keyRange(node).map { tree.decodeString($0, escaped: tree.nodes[node].info & JSONNode.keyEscapedBit != 0).text } }
    }

    /// A string node's text, decoded (escapes resolved, invalid UTF-8 as U+FFFD); nil for other kinds.
    public func string(of node: Int) -> String? {
        guard kind(of: node) == .string else { return nil }
        return withUnsafe { tree in
            let start = tree.valueStart(node)
            return tree.decodeString(start..<tree.valueEnd(node), escaped: tree.nodes[node].info & JSONNode.valueEscapedBit != 0).text
        }
    }

    /// A scalar as text: a string decoded, a number exactly as written, `true` or `false`; nil for
    /// `null` and containers. What pagination reads a cursor or next-page URL with.
    public func scalarText(of node: Int) -> String? {
        switch kind(of: node) {
        case .string: string(of: node)
        case .number, .true, .false: rawText(of: node)
        case .null, .object, .array: nil
        }
    }

    /// The exact JSON text of `node`'s value (a subtree as sent, white space and all).
    public func rawText(of node: Int) -> String {
        String(decoding: rawBytes(of: node), as: UTF8.self)
    }

    /// The exact bytes of `node`'s value.
    public func rawBytes(of node: Int) -> Data {
        let range = valueRange(of: node)
        return body.subdata(in: (body.startIndex + range.lowerBound)..<(body.startIndex + range.upperBound))
    }

    static func kind(_ node: JSONNode) -> Kind {
        // The parser only stores the seven kinds' raw values.
        Kind(rawValue: UInt8(truncatingIfNeeded: node.kindBits)) ?? .null
    }
}
