extension JSONTree {
    /// `node`'s value as indented JSON (`indent` spaces a level, nil for compact), keys in
    /// order, numbers exactly as sent; string escapes too when compact, while indented output
    /// decodes those of printable characters. The same text as `JSONText.prettyPrinted`, from
    /// the tree without scanning the bytes again.
    public func prettyText(of node: Int, indent: Int? = 2) -> String {
        String(decoding: prettyBytes(of: node, indent: indent), as: UTF8.self)
    }

    /// `prettyText(of:indent:)` as UTF-8 bytes, one copy fewer for large output.
    public func prettyBytes(of node: Int, indent: Int? = 2) -> [UInt8] {
        var out = ByteWriter()
        withUnsafe { JSONTree.write(node, in: $0, level: 0, indent: indent, into: &out) }
        return out.finish()
    }

    /// A JSON array of the values of `nodes` (such as a path's matches), indented.
    public func arrayText(of nodes: [Int], indent: Int? = 2) -> String {
        JSONTree.arrayText(of: nodes.map { (self, $0) }, indent: indent)
    }

    /// A JSON array of values taken from several trees, in order: the items of all pages of a
    /// paginated listing as one array.
    public static func arrayText(of items: [(tree: JSONTree, node: Int)], indent: Int? = 2) -> String {
        String(decoding: arrayBytes(of: items, indent: indent), as: UTF8.self)
    }

    /// `arrayText(of:indent:)` as UTF-8 bytes.
    public static func arrayBytes(of items: [(tree: JSONTree, node: Int)], indent: Int? = 2) -> [UInt8] {
        guard !items.isEmpty else { return Array("[]".utf8) }
        var out = ByteWriter()
        out.append(UInt8(ascii: "["))
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            newline(level: 1, indent: indent, into: &out)
            item.tree.withUnsafe { write(item.node, in: $0, level: 1, indent: indent, into: &out) }
        }
        newline(level: 0, indent: indent, into: &out)
        out.append(UInt8(ascii: "]"))
        return out.finish()
    }

    /// Writes `node`'s subtree, its first line already indented to `level`. Iterative: the open
    /// containers are those on `open`, so deep nesting cannot overflow the stack.
    private static func write(_ node: Int, in tree: UnsafeJSONTree, level: Int, indent: Int?, into out: inout ByteWriter) {
        let stop = tree.subtreeEnd(node)
        var open: [Int] = []
        var current = node
        while current < stop || !open.isEmpty {
            // Close the containers that end before `current`.
            if let last = open.last, tree.subtreeEnd(last) <= current {
                open.removeLast()
                newline(level: level + open.count, indent: indent, into: &out)
                out.append(tree.nodes[last].kindBits == 0 ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                continue
            }
            let stored = tree.nodes[current]
            if current != node {
                if current != Int(stored.parent) + 1 { out.append(UInt8(ascii: ",")) }
                newline(level: level + open.count, indent: indent, into: &out)
                if stored.isMember, let key = tree.keyRange(current) {
                    if indent != nil, stored.info & JSONNode.keyEscapedBit != 0 {
                        out.appendDecodingPrintableEscapes(tree.bytes + key.lowerBound, count: key.count)
                    } else {
                        out.append(tree.bytes + key.lowerBound, count: key.count)
                    }
                    out.append(UInt8(ascii: ":"))
                    if indent != nil { out.append(UInt8(ascii: " ")) }
                }
            }
            if stored.isContainer {
                let isObject = stored.kindBits == 0
                out.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
                if Int(stored.extent) > current + 1 {
                    open.append(current)
                } else {
                    out.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                }
            } else if indent != nil, stored.info & JSONNode.valueEscapedBit != 0 {
                out.appendDecodingPrintableEscapes(tree.bytes + tree.valueStart(current), count: Int(stored.extent))
            } else {
                out.append(tree.bytes + tree.valueStart(current), count: Int(stored.extent))
            }
            current += 1
        }
    }

    @inline(__always)
    private static func newline(level: Int, indent: Int?, into out: inout ByteWriter) {
        guard let indent else { return }
        out.appendLine(indentedBy: level * indent)
    }
}
