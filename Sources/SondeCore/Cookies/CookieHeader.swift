/// The cookie values in `Cookie` and `Set-Cookie` header values, to mask them where headers are
/// shown while the cookies' names stay readable (RFC 6265 §4.1 and §4.2 give the syntax).
public enum CookieHeader {
    /// Whether a header carries cookie values: `Cookie` or `Set-Cookie`, in any case.
    public static func carriesCookies(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "cookie" || lower == "set-cookie"
    }

    /// The value of a `Set-Cookie` header: what stands between the first `=` and the first `;`
    /// (without the double quotes RFC 6265 allows around it); nil when there is none.
    public static func setCookieValue(_ header: String) -> String? {
        let pair = header.prefix { $0 != ";" }
        guard let equals = pair.firstIndex(of: "=") else { return nil }
        return unquoted(pair[pair.index(after: equals)...])
    }

    /// The values of a `Cookie` header's `name=value` pairs, separated by `;`.
    public static func cookieValues(_ header: String) -> [String] {
        header.split(separator: ";").compactMap { pair in
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            return unquoted(pair[pair.index(after: equals)...])
        }
    }

    /// `value` as shown: each cookie's value replaced with `mask` (names, `=`, attributes such as
    /// `Path=/` and `Expires=` kept); an empty value stays empty, there is nothing in it to hide.
    /// For `Set-Cookie` only the first pair is a cookie, the rest are its attributes; for
    /// `Cookie` every pair is one.
    public static func masked(_ value: String, setCookie: Bool, mask: String) -> String {
        var result = ""
        var isCookie = true
        for (index, piece) in value.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += ";" }
            if isCookie, let equals = piece.firstIndex(of: "="),
               !trimmed(piece[piece.index(after: equals)...]).isEmpty {
                result += piece[...equals] + mask
            } else {
                result += piece
            }
            if setCookie { isCookie = false }
        }
        return result
    }

    private static func unquoted(_ raw: Substring) -> String? {
        var value = trimmed(raw)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
        return value.isEmpty ? nil : String(value)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
