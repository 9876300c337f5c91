import Foundation

extension JSONTree {
    /// The nodes whose key or scalar value contains `text`, ascending (document order).
    ///
    /// Keys and strings are matched as decoded (`caf\u00e9` matches "café"), numbers as written,
    /// `true`, `false` and `null` as those words; a container matches by its key only.
    /// `caseInsensitive` folds ASCII letters in place; a needle with non-ASCII letters is
    /// compared on lowercased decoded text, which is slower (see the bench).
    ///
    /// The body is scanned once for the needle and each hit mapped to its node, instead of
    /// searching every key and value apart (50 MB on a busy machine: 230 -> 45 ms wall; see
    /// bench/json-tree-vs-jq.sh). Strings with escapes are decoded and searched on their own.
    public func matches(of text: String, caseInsensitive: Bool = false) -> [Int] {
        guard !text.isEmpty else { return [] }
        if caseInsensitive, text.utf8.contains(where: { $0 >= 0x80 }) {
            return lowercasedMatches(of: text.lowercased())
        }
        let matcher = ByteMatcher(needle: Array(text.utf8), foldsASCII: caseInsensitive)
        return withUnsafe { tree in
            let raw = rawMatches(matcher, tree)
            let escaped = escapedMatches(matcher, tree)
            return escaped.isEmpty ? raw : Self.union(raw, escaped)
        }
    }

    /// Hits in the bytes as they are: keys and values without escapes.
    private func rawMatches(_ matcher: ByteMatcher, _ tree: UnsafeJSONTree) -> [Int] {
        var found: [Int] = []
        let body = UnsafeBufferPointer(start: tree.bytes, count: tree.byteCount)
        var from = 0
        var node = 0
        while let hit = matcher.firstOccurrence(in: body, from: from) {
            node = tree.lastNode(startingAtOrBefore: hit, from: node)
            let hitEnd = hit + matcher.count
            let stored = tree.nodes[node]
            var matched = false
            var resume = hit + 1
            if stored.isMember, stored.info & JSONNode.keyEscapedBit == 0, let key = tree.keyRange(node) {
                matched = hit > key.lowerBound && hitEnd < key.upperBound
            }
            if !matched, !stored.isContainer, stored.info & JSONNode.valueEscapedBit == 0 {
                let start = tree.valueStart(node)
                let isString = stored.kindBits == UInt32(Kind.string.rawValue)
                let content = isString ? (start + 1)..<(start + Int(stored.extent) - 1) : start..<(start + Int(stored.extent))
                matched = hit >= content.lowerBound && hitEnd <= content.upperBound
            }
            if matched {
                found.append(node)
                // Nothing more to find in this node.
                resume = max(resume, tree.valueEndOfScalarOrKey(node))
            }
            from = resume
        }
        return found
    }

    /// Hits in keys and strings that have escapes, decoded one by one.
    private func escapedMatches(_ matcher: ByteMatcher, _ tree: UnsafeJSONTree) -> [Int] {
        var found: [Int] = []
        let escapes = JSONNode.keyEscapedBit | JSONNode.valueEscapedBit
        for node in 0..<tree.count where tree.nodes[node].info & escapes != 0 {
            let stored = tree.nodes[node]
            if stored.info & JSONNode.keyEscapedBit != 0, let key = tree.keyRange(node) {
                let decoded = JSONStringLiteral.unescape(UnsafeBufferPointer(start: tree.bytes + key.lowerBound + 1, count: key.count - 2))
                if decoded.bytes.withUnsafeBufferPointer({ matcher.firstOccurrence(in: $0, from: 0) != nil }) {
                    found.append(node)
                    continue
                }
            }
            if stored.info & JSONNode.valueEscapedBit != 0 {
                let start = tree.valueStart(node)
                let decoded = JSONStringLiteral.unescape(UnsafeBufferPointer(start: tree.bytes + start + 1, count: Int(stored.extent) - 2))
                if decoded.bytes.withUnsafeBufferPointer({ matcher.firstOccurrence(in: $0, from: 0) != nil }) { found.append(node) }
            }
        }
        return found
    }

    /// Every key and scalar decoded and lowercased before searching, for needles with
    /// non-ASCII letters. When the lowercased needle has non-ASCII characters, keys and strings
    /// of plain ASCII (most of an API body) cannot match and are not decoded.
    private func lowercasedMatches(of needle: String) -> [Int] {
        let matcher = ByteMatcher(needle: Array(needle.utf8), foldsASCII: false)
        let skipsASCII = needle.utf8.contains { $0 >= 0x80 }
        return withUnsafe { tree in
            func contains(_ content: UnsafeBufferPointer<UInt8>, escaped: Bool) -> Bool {
                if skipsASCII, !escaped, !content.contains(where: { $0 >= 0x80 }) { return false }
                var text = JSONStringLiteral.decode(content, escaped: escaped).text.lowercased()
                return text.withUTF8 { matcher.firstOccurrence(in: $0, from: 0) != nil }
            }
            var found: [Int] = []
            for node in 0..<tree.count {
                let stored = tree.nodes[node]
                if let key = tree.keyRange(node),
                   contains(UnsafeBufferPointer(start: tree.bytes + key.lowerBound + 1, count: key.count - 2),
                            escaped: stored.info & JSONNode.keyEscapedBit != 0) {
                    found.append(node)
                    continue
                }
                guard !stored.isContainer else { continue }
                let start = tree.valueStart(node)
                if stored.kindBits == UInt32(Kind.string.rawValue) {
                    let content = UnsafeBufferPointer(start: tree.bytes + start + 1, count: Int(stored.extent) - 2)
                    if contains(content, escaped: stored.info & JSONNode.valueEscapedBit != 0) { found.append(node) }
                } else if !skipsASCII, contains(UnsafeBufferPointer(start: tree.bytes + start, count: Int(stored.extent)), escaped: false) {
                    found.append(node)
                }
            }
            return found
        }
    }

    /// Two ascending lists merged without repeats.
    private static func union(_ first: [Int], _ second: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            let next: Int
            if j == second.count || (i < first.count && first[i] < second[j]) {
                next = first[i]
                i += 1
            } else {
                next = second[j]
                j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }
}

extension UnsafeJSONTree {
    /// The last node whose `start` is at or before `offset`, searching forward from `from`
    /// (a node known to start at or before it): galloping, so a scan's many hits cost
    /// O(log gap) each.
    func lastNode(startingAtOrBefore offset: Int, from: Int) -> Int {
        var low = from
        var step = 1
        var high = from + 1
        while high < count, Int(nodes[high].start) <= offset {
            low = high
            step *= 2
            high = low + step
        }
        high = min(high, count)
        // nodes[low].start <= offset < nodes[high].start (or high == count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(nodes[middle].start) <= offset { low = middle } else { high = middle }
        }
        return low
    }

    /// Where a node's own text ends: a scalar's value, or a container's key.
    func valueEndOfScalarOrKey(_ node: Int) -> Int {
        let stored = nodes[node]
        if !stored.isContainer { return valueStart(node) + Int(stored.extent) }
        return keyRange(node)?.upperBound ?? Int(stored.start)
    }
}

/// Substring search over bytes, optionally folding ASCII case.
struct ByteMatcher {
    private let needle: [UInt8]
    private let foldsASCII: Bool

    var count: Int { needle.count }

    init(needle: [UInt8], foldsASCII: Bool) {
        // Folding only matters when the needle has letters.
        let folds = foldsASCII && needle.contains { Self.lower($0) != $0 || Self.upper($0) != $0 }
        self.foldsASCII = folds
        self.needle = folds ? needle.map(Self.lower) : needle
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }

    @inline(__always)
    static func upper(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "a") < 26 ? byte & ~0x20 : byte }

    /// The offset of the first occurrence at or after `from`.
    func firstOccurrence(in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = needle.count
        guard let base = haystack.baseAddress, haystack.count - from >= count, count > 0 else { return nil }
        let last = haystack.count - count
        return needle.withUnsafeBufferPointer { needle -> Int? in
            let first = needle[0]
            var position = from
            while position <= last {
                guard let candidate = foldsASCII
                    ? Self.firstFolded(first, in: base, from: position, through: last)
                    : memchr(base + position, Int32(first), last - position + 1).map({ base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) })
                else { return nil }
                if rest(matchesAt: candidate, base, needle) { return candidate }
                position = candidate + 1
            }
            return nil
        }
    }

    @inline(__always)
    private func rest(matchesAt position: Int, _ base: UnsafePointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if !foldsASCII { return needle.count == 1 || memcmp(base + position + 1, needle.baseAddress! + 1, needle.count - 1) == 0 }
        for index in 1..<needle.count where Self.lower(base[position + index]) != needle[index] { return false }
        return true
    }

    /// The first byte at or after `from` that is `lowered` in either case: eight bytes at a
    /// time, as `byte | 0x20 == lowered` picks exactly the two cases of a letter.
    private static func firstFolded(_ lowered: UInt8, in base: UnsafePointer<UInt8>, from: Int, through last: Int) -> Int? {
        guard lowered &- UInt8(ascii: "a") < 26 else {
            return memchr(base + from, Int32(lowered), last - from + 1).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        }
        var position = from
        let pattern = UInt64(lowered) &* 0x0101_0101_0101_0101
        while position + 8 <= last + 1 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) | 0x2020_2020_2020_2020
            let difference = word ^ pattern
            let found = (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080
            if found != 0 { return position + found.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position <= last {
            if base[position] | 0x20 == lowered { return position }
            position += 1
        }
        return nil
    }
}
