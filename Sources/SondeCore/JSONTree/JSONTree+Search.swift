import Foundation

extension JSONTree {
    /// The nodes whose key or scalar value contains `text`, ascending (document order).
    ///
    /// Keys and strings are matched as decoded (`caf\u00e9` matches "café"), numbers as written,
    /// `true`, `false` and `null` as those words; a container matches by its key only. Without
    /// escapes the raw bytes are compared in place, so a 50 MB body is one pass over its bytes
    /// (see bench/json-tree-vs-jq.sh). `caseInsensitive` folds ASCII letters in place; a needle
    /// with non-ASCII letters is compared on lowercased decoded text, which is slower.
    public func matches(of text: String, caseInsensitive: Bool = false) -> [Int] {
        guard !text.isEmpty else { return [] }
        let needle = Array(text.utf8)
        let unicodeFolding = caseInsensitive && needle.contains { $0 >= 0x80 }
        let matcher = ByteMatcher(needle: unicodeFolding ? Array(text.lowercased().utf8) : needle, foldsASCII: caseInsensitive)
        var found: [Int] = []
        withUnsafe { tree in
            func contains(_ content: UnsafeBufferPointer<UInt8>, escaped: Bool) -> Bool {
                if unicodeFolding {
                    var decoded = JSONStringLiteral.decode(content, escaped: escaped).text.lowercased()
                    return decoded.withUTF8 { matcher.occurs(in: $0) }
                }
                guard escaped else { return matcher.occurs(in: content) }
                return JSONStringLiteral.unescape(content).bytes.withUnsafeBufferPointer { matcher.occurs(in: $0) }
            }
            for node in 0..<tree.count {
                let stored = tree.nodes[node]
                if stored.isMember {
                    let start = Int(stored.start)
                    let keyEnd = tree.stringEnd(start, escaped: stored.info & JSONNode.keyEscapedBit != 0)
                    let content = UnsafeBufferPointer(start: tree.bytes + start + 1, count: max(0, keyEnd - start - 2))
                    if contains(content, escaped: stored.info & JSONNode.keyEscapedBit != 0) {
                        found.append(node)
                        continue
                    }
                }
                guard !stored.isContainer else { continue }
                let start = tree.valueStart(node)
                let length = Int(stored.extent)
                if stored.kindBits == UInt32(Kind.string.rawValue) {
                    let content = UnsafeBufferPointer(start: tree.bytes + start + 1, count: max(0, length - 2))
                    if contains(content, escaped: stored.info & JSONNode.valueEscapedBit != 0) { found.append(node) }
                } else if matcher.occurs(in: UnsafeBufferPointer(start: tree.bytes + start, count: length)) {
                    found.append(node)
                }
            }
        }
        return found
    }
}

/// Substring search over bytes, optionally folding ASCII case: a scan for the first byte, then
/// a compare of the rest.
struct ByteMatcher {
    private let needle: [UInt8]
    private let foldsASCII: Bool

    init(needle: [UInt8], foldsASCII: Bool) {
        self.foldsASCII = foldsASCII
        self.needle = foldsASCII ? needle.map(Self.lower) : needle
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count > 0, haystack.count >= count, let base = haystack.baseAddress else { return count == 0 }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            let last = haystack.count - count
            if !foldsASCII {
                var from = 0
                while from <= last {
                    guard let hit = memchr(base + from, Int32(first), last - from + 1) else { return false }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if count == 1 || memcmp(base + offset + 1, needle.baseAddress! + 1, count - 1) == 0 { return true }
                    from = offset + 1
                }
                return false
            }
            var index = 0
            while index <= last {
                if Self.lower(base[index]) == first {
                    var matched = 1
                    while matched < count, Self.lower(base[index + matched]) == needle[matched] { matched += 1 }
                    if matched == count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
