/// Which containers of a `JSONTree` are folded: one bit per node (a 50 MB body of about
/// 2.8 million nodes takes 350 KB), so testing a node is O(1) and the set is a plain value.
public struct JSONFoldSet: Equatable, Sendable {
    private var words: [UInt64]
    /// How many nodes are folded.
    public private(set) var count = 0

    /// No node folded, for a tree of `nodeCount` nodes.
    public init(nodeCount: Int) {
        words = Array(repeating: 0, count: (nodeCount + 63) / 64)
    }

    public func contains(_ node: Int) -> Bool {
        words[node >> 6] & (1 << UInt64(node & 63)) != 0
    }

    public mutating func insert(_ node: Int) {
        let bit: UInt64 = 1 << UInt64(node & 63)
        guard words[node >> 6] & bit == 0 else { return }
        words[node >> 6] |= bit
        count += 1
    }

    public mutating func remove(_ node: Int) {
        let bit: UInt64 = 1 << UInt64(node & 63)
        guard words[node >> 6] & bit != 0 else { return }
        words[node >> 6] &= ~bit
        count -= 1
    }

    public mutating func removeAll() {
        guard count > 0 else { return }
        for index in words.indices { words[index] = 0 }
        count = 0
    }

    /// Folds every node `isFolded` picks, in one pass with whole-word writes.
    mutating func setAll(nodeCount: Int, where isFolded: (Int) -> Bool) {
        var total = 0
        words.withUnsafeMutableBufferPointer { words in
            for wordIndex in words.indices {
                var word: UInt64 = 0
                let first = wordIndex << 6
                for bit in 0..<min(64, nodeCount - first) where isFolded(first + bit) {
                    word |= 1 << UInt64(bit)
                }
                words[wordIndex] = word
                total += word.nonzeroBitCount
            }
        }
        count = total
    }
}
