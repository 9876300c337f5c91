import Foundation

/// Name–value pairs in `application/x-www-form-urlencoded` form, as in a query string or an OAuth2 token request.
///
/// Order and repeated names are kept, because `/echo` reports them exactly as sent.
struct URLEncodedForm: Sendable {
    var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Decodes `a=1&b=two+words&c`; a pair without `=` has an empty value, `+` means a space.
    init(encoded: some StringProtocol) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (Self.decode(parts[0]), value)
        }
    }

    /// The first value given for `name`, if any.
    func value(for name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Encodes the pairs back into a query string.
    var encoded: String {
        pairs.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    private static func decode(_ text: some StringProtocol) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        // Malformed escapes such as "%zz" are kept as sent rather than rejected.
        return spaced.removingPercentEncoding ?? spaced
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
