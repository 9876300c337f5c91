import Foundation

/// Credentials written out in a `.http` file, moved to `{{env:NAME}}` secrets: the
/// Authorization header (as sonde's auth where it has the scheme), API-key-like headers and
/// query parameters. A value that is already a `{{…}}` reference stays as it is.
extension HTTPFileParser {
    /// The auth the headers carry, taken out of `headers`; the other credential headers' values
    /// become secrets in place.
    mutating func credentials(in headers: inout [KeyValue]) -> AuthConfig {
        var auth = AuthConfig.inherit
        var removed: Int?
        for index in headers.indices {
            let name = headers[index].name
            let value = headers[index].value
            if name.lowercased() == "authorization", removed == nil, let converted = authorization(value) {
                auth = converted
                removed = index
            } else if name.lowercased() != "host", ImportSecrets.looksSecret(name: name), ImportSecrets.shouldMove(name: name, value: value) {
                headers[index].value = context.secrets.reference(for: value, suggestedNames: [name])
            }
        }
        if let removed { headers.remove(at: removed) }
        return auth
    }

    /// An Authorization value as sonde's auth: Basic and Digest (also VS Code's `Basic user pass`
    /// and `Basic user:pass` shorthands) and Bearer; nil when it stays a header.
    private mutating func authorization(_ value: String) -> AuthConfig? {
        let scheme = value.prefix { !$0.isWhitespace }
        let rest = value.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        switch scheme.lowercased() {
        case "bearer":
            return .bearer(token: secret(rest, suggestedNames: ["TOKEN"]))
        case "basic", "digest":
            guard let (username, password) = Self.userAndPassword(rest) else { return nil }
            let secretPassword = secret(password, suggestedNames: ["PASSWORD"])
            return scheme.lowercased() == "basic"
                ? .basic(username: username, password: secretPassword)
                : .challenge(.digest, username: username, password: secretPassword)
        default:
            return nil
        }
    }

    /// `user pass`, `user:pass` or base64 of `user:pass`; a `{{…}}` reference alone is nil
    /// (it holds the encoded pair, so the header stays).
    static func userAndPassword(_ text: String) -> (String, String)? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count == 2 { return (words[0], words[1]) }
        guard words.count == 1 else { return nil }
        if let colon = colonOutsidePlaceholders(text) {
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        guard !text.contains("{{"), let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
    }

    /// The first `:` not inside `{{…}}` (`{{env:USER}}:{{env:PASS}}`).
    static func colonOutsidePlaceholders(_ text: String) -> String.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") { depth += 1; index = text.index(index, offsetBy: 2); continue }
            if text[index...].hasPrefix("}}"), depth > 0 { depth -= 1; index = text.index(index, offsetBy: 2); continue }
            if text[index] == ":", depth == 0 { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// `value` as a secret reference, unless it already refers to something.
    private mutating func secret(_ value: String, suggestedNames: [String]) -> String {
        value.contains("{{") || value.isEmpty ? value : context.secrets.reference(for: value, suggestedNames: suggestedNames)
    }

    /// The URL with each credential-like query value (`?api_key=…`) moved to a secret.
    mutating func secretQueryValues(in url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        var query = url[url.index(after: question)...]
        var fragment = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = String(query[hash...])
            query = query[..<hash]
        }
        let items = query.split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
            guard let equals = item.firstIndex(of: "=") else { return String(item) }
            let name = String(item[..<equals]), value = String(item[item.index(after: equals)...])
            let decoded = Self.formDecoded(value)
            guard ImportSecrets.looksSecret(name: name), ImportSecrets.shouldMove(name: name, value: decoded) else { return String(item) }
            return "\(name)=\(context.secrets.reference(for: decoded, suggestedNames: [Self.formDecoded(name)]))"
        }
        return url[...question] + items.joined(separator: "&") + fragment
    }
}
