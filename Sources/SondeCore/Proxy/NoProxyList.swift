/// A `no_proxy` list, matched against a host exactly as libcurl 7.88 matches it
/// (`Curl_check_noproxy`), so sonde can say beforehand what libcurl will do:
///
/// - the whole list `*` matches every host (a `*` among other names matches nothing);
/// - names are separated by commas and/or blanks;
/// - a name matches the host itself or any host below it: `example.com` and `.example.com`
///   both match `example.com` and `api.example.com`, never `notexample.com`; case is ignored,
///   one trailing dot of either is ignored;
/// - an IPv4 host matches only addresses, exactly or by CIDR (`10.0.0.0/8`), never names;
/// - an IPv6 host is compared as text, brackets off (`::1` matches `[::1]`, `0:0::1` does not:
///   libcurl 7.88 hands the name over without brackets, so its IPv6 branch never runs).
public struct NoProxyList: Sendable, Equatable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The first entry of the list that matches `host` (`*` for the whole-list wildcard), or
    /// nil when the host goes through the proxy. `host` is a URL's host, IPv6 in brackets or not.
    public func match(_ host: String) -> String? {
        guard !host.isEmpty, !text.isEmpty else { return nil }
        if text == "*" { return "*" }
        var name = Array(host.utf8)
        if name.first == UInt8(ascii: "["), let close = name.firstIndex(of: UInt8(ascii: "]")) {
            name = Array(name[1..<close])
        }
        let isIPv4 = Self.ipv4(name) != nil
        if !isIPv4, name.last == UInt8(ascii: "."), !name.isEmpty { name.removeLast() }
        for token in tokens() {
            if isIPv4 ? Self.matchesAddress(name, token) : Self.matchesName(name, token) {
                return String(decoding: token, as: UTF8.self)
            }
        }
        return nil
    }

    /// The entries: runs of anything but blanks and commas.
    private func tokens() -> [[UInt8]] {
        Array(text.utf8).split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ",") }.map(Array.init)
    }

    private static func matchesName(_ name: [UInt8], _ token: [UInt8]) -> Bool {
        var pattern = token[...]
        if pattern.last == UInt8(ascii: ".") { pattern = pattern.dropLast() }
        if pattern.first == UInt8(ascii: ".") { pattern = pattern.dropFirst() }
        if pattern.count == name.count { return equalIgnoringCase(pattern, name[...]) }
        guard pattern.count < name.count else { return false }
        let tail = name[(name.count - pattern.count)...]
        return name[name.count - pattern.count - 1] == UInt8(ascii: ".") && equalIgnoringCase(pattern, tail)
    }

    /// An IPv4 host against `a.b.c.d` or `a.b.c.d/bits`: bits past 32 or an unreadable address
    /// never match; no bits, 0 or 32 compare the whole address (as curl's `atoi` reading does).
    private static func matchesAddress(_ name: [UInt8], _ token: [UInt8]) -> Bool {
        guard token.count < 128, let address = ipv4(name[...]) else { return false }
        var network = token[...]
        var bits = 0
        if let slash = token.firstIndex(of: UInt8(ascii: "/")) {
            network = token[..<slash]
            guard let parsed = leadingInteger(token[(slash + 1)...]) else { return false }
            bits = parsed
        }
        guard (0...32).contains(bits), let check = ipv4(network) else { return false }
        if bits == 0 || bits == 32 { return address == check }
        let mask = UInt32.max << UInt32(32 - bits)
        return (address ^ check) & mask == 0
    }

    /// `atoi`: optional sign and the digits that start the text, 0 when there are none; nil for
    /// a negative number (curl stores it unsigned, far past 32) or one too long to matter.
    private static func leadingInteger(_ text: ArraySlice<UInt8>) -> Int? {
        var rest = text.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard digits.count <= 9 else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return negative && value != 0 ? nil : value
    }

    /// A dotted quad as `inet_pton` reads one: four decimal parts up to 255, no leading zeros.
    static func ipv4(_ text: some Collection<UInt8>) -> UInt32? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  part.count == 1 || part.first != UInt8(ascii: "0") else { return nil }
            let value = part.reduce(0) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) }
            guard value <= 255 else { return nil }
            address = address << 8 | value
        }
        return address
    }

    private static func equalIgnoringCase(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { lower($0) == lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
