import Foundation

/// Where the next page of a listing is, relative to the request as written: the request
/// itself, the request with some query parameters set, or another URL altogether.
///
/// Applied to each page's freshly prepared URL (`apply(to:)`), so every page is the saved
/// request, resolved and authorized as for a single send, with only its address changed. Values
/// go into the URL percent-encoded and are never read as `{{templates}}`: a cursor is the
/// server's text, whatever braces it holds.
public enum PageLocation: Sendable, Equatable {
    /// The request as written: the first page of a cursor or link listing.
    case asWritten
    /// The request with these query parameters set, replacing any of the same name already in
    /// its URL (`page=3`, `per_page=20`, `cursor=abc`).
    case parameters([KeyValue])
    /// This absolute URL instead of the request's: a `Link` header's next page.
    case url(String)

    /// The URL of the page, given the prepared URL of the request as written.
    public func apply(to url: String) -> String {
        switch self {
        case .asWritten: url
        case .url(let next): next
        case .parameters(let rows): Self.setting(rows, in: url)
        }
    }

    /// `url` with each of `rows` as the only query parameter of its name, appended last, before
    /// any fragment.
    static func setting(_ rows: [KeyValue], in url: String) -> String {
        var base = url
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        var pieces: [Substring] = []
        if let question = base.firstIndex(of: "?") {
            pieces = base[base.index(after: question)...].split(separator: "&", omittingEmptySubsequences: true)
            base = String(base[..<question])
        }
        let names = Set(rows.map(\.name))
        pieces.removeAll { piece in
            let name = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? piece
            let decoded = String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(name)
            return names.contains(decoded)
        }
        var query = pieces.joined(separator: "&")
        let added = PercentEncoding.query(rows.map { ($0.name, $0.value) })
        query += query.isEmpty || added.isEmpty ? added : "&" + added
        return query.isEmpty ? base + fragment : base + "?" + query + fragment
    }

    /// `reference` (a `Link` target, possibly relative) made absolute against `base`, the URL
    /// of the page that linked to it (RFC 3986 §5); nil when it is not a URL or not http(s).
    public static func resolve(_ reference: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: reference, relativeTo: baseURL)?.absoluteURL,
              let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https",
              resolved.host?.isEmpty == false
        else { return nil }
        return resolved.absoluteString
    }

    /// `scheme://host:port` of an http(s) URL, lowercased, default ports spelt out; nil when
    /// it has none. A next link must keep the first page's origin: following one elsewhere would
    /// send the request's credentials to a host the user never chose.
    public static func origin(of url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host?.lowercased(),
              !host.isEmpty
        else { return nil }
        let port = parsed.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(host):\(port)"
    }
}
