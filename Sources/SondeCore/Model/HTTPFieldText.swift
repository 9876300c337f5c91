extension StringProtocol {
    /// Whether this equals `other` with ASCII letters compared case-insensitively, as HTTP
    /// compares field names (RFC 9110 §5.1); any other byte must match exactly.
    ///
    /// Byte by byte over UTF-8, without allocating: Foundation's `caseInsensitiveCompare` bridges
    /// to NSString on Linux, and header lookups run several times per request in `sonde run`.
    public func equalsIgnoringASCIICase<Other: StringProtocol>(_ other: Other) -> Bool {
        var mine = utf8.makeIterator()
        var theirs = other.utf8.makeIterator()
        while true {
            switch (mine.next(), theirs.next()) {
            case (nil, nil): return true
            case (let a?, let b?): if a != b, Self.asciiLowercase(a) != Self.asciiLowercase(b) { return false }
            default: return false
            }
        }
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

extension StringProtocol {
    /// This without leading and trailing spaces and tabs, HTTP's optional whitespace (RFC 9110
    /// §5.6.3), in Swift: Foundation's `trimmingCharacters(in: .whitespaces)` bridges to NSString
    /// on Linux: 6.6% of the samples of `sonde run`'s event-loop thread (perf) when each response's
    /// head (`ResponseHead.expectedBodySize`, `mediaType`) used it.
    public func trimmingHTTPWhitespace() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
