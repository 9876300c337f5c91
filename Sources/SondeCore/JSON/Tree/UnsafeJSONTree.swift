/// A `JSONTree`'s bytes and nodes as raw pointers, valid only inside `JSONTree.withUnsafe`:
/// the one place that finds key ends, value starts and closing brackets again from the bytes,
/// shared by the accessors and by the passes over many nodes (search, paths, printing).
struct UnsafeJSONTree {
    let bytes: UnsafePointer<UInt8>
    let byteCount: Int
    let nodes: UnsafeMutablePointer<JSONNode>
    let count: Int

    @inline(__always)
    func subtreeEnd(_ node: Int) -> Int {
        let stored = nodes[node]
        return stored.isContainer ? Int(stored.extent) : node + 1
    }

    /// The index just past the string literal whose opening quote is at `quote`.
    func stringEnd(_ quote: Int, escaped: Bool) -> Int {
        var position = quote + 1
        while position < byteCount {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { return position + 1 }
            position += (escaped && byte == UInt8(ascii: "\\")) ? 2 : 1
        }
        return byteCount
    }

    func keyRange(_ node: Int) -> Range<Int>? {
        let stored = nodes[node]
        guard stored.isMember else { return nil }
        let start = Int(stored.start)
        return start..<stringEnd(start, escaped: stored.info & JSONNode.keyEscapedBit != 0)
    }

    func valueStart(_ node: Int) -> Int {
        let stored = nodes[node]
        guard stored.isMember else { return Int(stored.start) }
        if !stored.isContainer, stored.payload < JSONNode.payloadLimit { return Int(stored.start + stored.payload) }
        var position = stringEnd(Int(stored.start), escaped: stored.info & JSONNode.keyEscapedBit != 0)
        position = skipSpace(position)
        // The parser saw the colon here.
        return skipSpace(position + 1)
    }

    /// The index just past `node`'s value: O(1) for a scalar; for a container, O(levels it
    /// closes at once), found from its last descendant.
    func valueEnd(_ node: Int) -> Int {
        let stored = nodes[node]
        guard stored.isContainer else { return valueStart(node) + Int(stored.extent) }
        let last = Int(stored.extent) - 1
        if last == node { return skipSpace(valueStart(node) + 1) + 1 }
        var position: Int
        var closers = 0
        let lastNode = nodes[last]
        if lastNode.isContainer {
            // The last descendant of a non-empty container is a scalar or an empty container.
            position = skipSpace(valueStart(last) + 1) + 1
        } else {
            position = valueStart(last) + Int(lastNode.extent)
        }
        var ancestor = lastNode.parent
        while ancestor != JSONNode.noParent {
            closers += 1
            if Int(ancestor) == node { break }
            ancestor = nodes[Int(ancestor)].parent
        }
        for _ in 0..<closers { position = skipSpace(position) + 1 }
        return position
    }

    @inline(__always)
    func skipSpace(_ from: Int) -> Int {
        var position = from
        while position < byteCount {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return position
            }
        }
        return position
    }

    func childCount(_ node: Int) -> Int {
        let stored = nodes[node]
        guard stored.isContainer else { return 0 }
        guard stored.payload == JSONNode.payloadLimit else { return Int(stored.payload) }
        var count = 0
        var child = node + 1
        while child < Int(stored.extent) {
            count += 1
            child = subtreeEnd(child)
        }
        return count
    }

    func depth(_ node: Int) -> Int {
        var depth = 0
        var current = nodes[node].parent
        while current != JSONNode.noParent {
            depth += 1
            current = nodes[Int(current)].parent
        }
        return depth
    }

    /// The text of the string literal at `literal` (quotes included), decoded; at most about
    /// `limit` UTF-8 bytes of it when a limit is given, cut at a character boundary.
    func decodeString(_ literal: Range<Int>, escaped: Bool, limit: Int = .max) -> (text: String, truncated: Bool) {
        let content = UnsafeBufferPointer(start: bytes + literal.lowerBound + 1, count: max(0, literal.count - 2))
        return JSONStringLiteral.decode(content, escaped: escaped, limit: limit)
    }
}
