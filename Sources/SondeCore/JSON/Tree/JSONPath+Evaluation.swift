import Foundation

extension JSONPath {
    /// The nodes the path selects in `tree`, in RFC 9535 order. O(nodes visited): `$.data[*]`
    /// touches the root's members and the items, `$..id` every node once.
    public func evaluate(in tree: JSONTree) -> [Int] {
        tree.withUnsafe { unsafe in
            var current = [tree.root]
            for segment in segments {
                // Names as UTF-8 once, not once per node visited.
                let selectors = segment.selectors.map { selector -> (Selector, [UInt8]) in
                    if case .name(let name) = selector { (selector, Array(name.utf8)) } else { (selector, []) }
                }
                var next: [Int] = []
                for node in current {
                    if segment.isDescendant {
                        for descendant in node..<unsafe.subtreeEnd(node) where unsafe.nodes[descendant].isContainer {
                            Self.select(selectors, childrenOf: descendant, unsafe, into: &next)
                        }
                    } else {
                        Self.select(selectors, childrenOf: node, unsafe, into: &next)
                    }
                }
                current = next
            }
            return current
        }
    }

    /// The first node the path selects in `tree`, nil when it selects none: for reading one
    /// value such as a cursor.
    public func first(in tree: JSONTree) -> Int? {
        evaluate(in: tree).first
    }

    /// Appends the children of `node` that `selectors` (each with its name as UTF-8) pick.
    private static func select(
        _ selectors: [(Selector, [UInt8])], childrenOf node: Int, _ tree: UnsafeJSONTree, into result: inout [Int]
    ) {
        let stored = tree.nodes[node]
        guard stored.isContainer else { return }
        let isArray = stored.kindBits == UInt32(JSONTree.Kind.array.rawValue)
        let end = Int(stored.extent)
        for (selector, utf8) in selectors {
            switch selector {
            case .wildcard:
                var child = node + 1
                while child < end {
                    result.append(child)
                    child = tree.subtreeEnd(child)
                }
            case .name:
                guard !isArray else { continue }
                utf8.withUnsafeBufferPointer { name in
                    var child = node + 1
                    while child < end {
                        if Self.key(of: child, equals: name, tree) { result.append(child) }
                        child = tree.subtreeEnd(child)
                    }
                }
            case .index(let index):
                guard isArray else { continue }
                let count = tree.childCount(node)
                let position = index < 0 ? count + index : index
                guard position >= 0, position < count else { continue }
                var child = node + 1
                for _ in 0..<position { child = tree.subtreeEnd(child) }
                result.append(child)
            case .slice(let start, let stop, let step):
                guard isArray else { continue }
                let step = step ?? 1
                guard step != 0 else { continue }
                let count = tree.childCount(node)
                func normalized(_ value: Int) -> Int { value >= 0 ? value : count + value }
                if step > 0 {
                    let lower = min(max(normalized(start ?? 0), 0), count)
                    let upper = min(max(normalized(stop ?? count), 0), count)
                    var child = node + 1
                    var position = 0
                    while child < end, position < upper {
                        if position >= lower, (position - lower) % step == 0 { result.append(child) }
                        child = tree.subtreeEnd(child)
                        position += 1
                    }
                } else {
                    let upper = min(max(start.map(normalized) ?? count - 1, -1), count - 1)
                    let lower = min(max(stop.map(normalized) ?? -1, -1), count - 1)
                    guard upper > lower else { continue }
                    var children: [Int] = []
                    children.reserveCapacity(upper + 1)
                    var child = node + 1
                    while children.count <= upper {
                        children.append(child)
                        child = tree.subtreeEnd(child)
                    }
                    var position = upper
                    while position > lower {
                        result.append(children[position])
                        position += step
                    }
                }
            }
        }
    }

    /// Whether `node`'s key, decoded, is `name`: compared in place unless it has escapes, and
    /// without first finding where the key ends (`$..email` on 50 MB: 104 → see the bench).
    private static func key(of node: Int, equals name: UnsafeBufferPointer<UInt8>, _ tree: UnsafeJSONTree) -> Bool {
        let stored = tree.nodes[node]
        guard stored.isMember else { return false }
        let start = Int(stored.start) + 1
        if stored.info & JSONNode.keyEscapedBit == 0 {
            // An unescaped key has no quote or backslash inside, so matching bytes followed by
            // the closing quote are the whole key.
            guard start + name.count < tree.byteCount, tree.bytes[start + name.count] == UInt8(ascii: "\""),
                  let base = name.baseAddress ?? (name.isEmpty ? tree.bytes : nil) else { return false }
            return memcmp(tree.bytes + start, base, name.count) == 0 && !name.contains(UInt8(ascii: "\""))
        }
        guard let range = tree.keyRange(node) else { return false }
        let content = UnsafeBufferPointer(start: tree.bytes + range.lowerBound + 1, count: range.count - 2)
        return JSONStringLiteral.unescape(content).bytes.elementsEqual(name)
    }
}
