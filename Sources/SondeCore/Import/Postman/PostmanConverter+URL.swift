import Foundation

extension PostmanConverter {
    /// A Postman `url` (a string, or an object with or without `raw`) as sonde's URL and params:
    /// the query goes to `params` (disabled rows too), `:name` path variables are filled in
    /// with their value, or become `{{name}}` when they have none.
    mutating func url(_ json: PostmanJSON?, place: String) -> (url: String, params: [KeyValue]) {
        guard let json, json != .null else { return ("", []) }
        if let raw = json.text {
            let (base, query) = Self.split(template(raw, place: place))
            return (base, query.map { queryRows($0, place: place) } ?? [])
        }
        var base: String
        var rawQuery: String?
        if let raw = json["raw"]?.text, !raw.isEmpty {
            (base, rawQuery) = Self.split(template(raw, place: place))
        } else {
            base = template(rebuilt(json), place: place)
        }
        let params = json["query"]?.array != nil ? rows(decoded(json["query"]), place: place) : rawQuery.map { queryRows($0, place: place) } ?? []
        for variable in json["variable"]?.array ?? [] {
            guard let key = variable["key"]?.text ?? variable["id"]?.text, !key.isEmpty else { continue }
            var value = template(variable["value"]?.text ?? "", place: place)
            if value.isEmpty {
                warn(place, "path variable :\(key) has no value: written as {{\(key)}}, set the variable before sending")
                value = "{{\(key)}}"
            }
            base = Self.replacingPathSegment(":" + key, with: value, in: base)
        }
        return (base, params)
    }

    /// The URL from its parts when `raw` is missing: `protocol://host:port/path#hash`.
    private func rebuilt(_ json: PostmanJSON) -> String {
        var url = ""
        if let scheme = json["protocol"]?.text, !scheme.isEmpty { url += scheme + "://" }
        url += json["host"]?.text ?? (json["host"]?.array ?? []).compactMap(\.text).joined(separator: ".")
        if let port = json["port"]?.text, !port.isEmpty { url += ":" + port }
        let segments = json["path"]?.text.map { [$0] } ?? (json["path"]?.array ?? []).compactMap { $0.text ?? $0["value"]?.text }
        let path = segments.joined(separator: "/")
        if !path.isEmpty { url += path.hasPrefix("/") ? path : "/" + path }
        if let hash = json["hash"]?.text, !hash.isEmpty { url += "#" + hash }
        return url
    }

    /// Query rows with their percent-encoding undone: sonde encodes params when it sends them,
    /// and `a%20b` sent as `a%2520b` would be a different value.
    private func decoded(_ json: PostmanJSON?) -> PostmanJSON? {
        guard let rows = json?.array else { return json }
        return .array(rows.map { row in
            guard var fields = row.object else { return row }
            for key in ["key", "value"] {
                if let text = fields[key]?.text, text.contains("%"), let plain = text.removingPercentEncoding { fields[key] = .string(plain) }
            }
            return .object(fields)
        })
    }

    private mutating func queryRows(_ query: String, place: String) -> [KeyValue] {
        let pairs: [PostmanJSON] = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return .object(["key": .string(String(parts[0])), "value": .string(parts.count > 1 ? String(parts[1]) : "")])
        }
        return rows(decoded(.array(pairs)), place: place)
    }

    /// `url` split at its query: the URL with any `#fragment` kept, and the query without `?`.
    static func split(_ url: String) -> (base: String, query: String?) {
        guard let mark = url.firstIndex(of: "?") else { return (url, nil) }
        let afterMark = url[url.index(after: mark)...]
        let hash = afterMark.firstIndex(of: "#")
        let query = String(afterMark[..<(hash ?? afterMark.endIndex)])
        let base = String(url[..<mark]) + (hash.map { String(afterMark[$0...]) } ?? "")
        return (base, query.isEmpty ? nil : query)
    }

    /// `url` with each path segment that is exactly `segment` replaced: `:id` in `/users/:id`,
    /// not in `/users/:identity` or the `:8080` of the host.
    static func replacingPathSegment(_ segment: String, with value: String, in url: String) -> String {
        let schemeEnd = url.range(of: "://").map { url[$0.upperBound...].firstIndex(of: "/") ?? url.endIndex } ?? url.startIndex
        let head = url[..<schemeEnd]
        var path = url[schemeEnd...]
        var fragment = Substring()
        if let hash = path.firstIndex(of: "#") { fragment = path[hash...]; path = path[..<hash] }
        let replaced = path.split(separator: "/", omittingEmptySubsequences: false).map { $0 == segment ? Substring(value) : $0 }
        return head + replaced.joined(separator: "/") + fragment
    }
}
