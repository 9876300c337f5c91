/// URI references as `$id` and `$ref` use them (RFC 3986 §5.2: resolution against a base, with
/// dot segments removed). Foundation's URL resolves `urn:` bases and fragment-only references
/// in ways the JSON Schema suite does not expect, hence this small parser.
struct JSONSchemaURI: Sendable, Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") { fragment = String(rest[rest.index(after: hash)...]); rest = rest[..<hash] }
        if let question = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: question)...]); rest = rest[..<question] }
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isLetter,
           rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        (self.scheme, self.authority, self.path, self.query, self.fragment) = (scheme, authority, path, query, fragment)
    }

    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The URI without its fragment: the resource it names.
    var withoutFragment: JSONSchemaURI { var copy = self; copy.fragment = nil; return copy }

    /// `reference` resolved against `self` (RFC 3986 §5.2.2).
    func resolving(_ reference: String) -> JSONSchemaURI {
        let r = JSONSchemaURI(reference)
        if r.scheme != nil {
            return JSONSchemaURI(scheme: r.scheme, authority: r.authority, path: Self.removingDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        if r.authority != nil {
            return JSONSchemaURI(scheme: scheme, authority: r.authority, path: Self.removingDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        if r.path.isEmpty {
            return JSONSchemaURI(scheme: scheme, authority: authority, path: path, query: r.query ?? query, fragment: r.fragment)
        }
        if r.path.hasPrefix("/") {
            return JSONSchemaURI(scheme: scheme, authority: authority, path: Self.removingDotSegments(r.path), query: r.query, fragment: r.fragment)
        }
        let merged: String
        if authority != nil, path.isEmpty {
            merged = "/" + r.path
        } else if let slash = path.lastIndex(of: "/") {
            merged = path[...slash] + r.path
        } else {
            merged = r.path
        }
        return JSONSchemaURI(scheme: scheme, authority: authority, path: Self.removingDotSegments(merged), query: r.query, fragment: r.fragment)
    }

    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".": if isLast { output.append("") }
            case "..":
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if isLast { output.append("") }
            default: output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if path.hasPrefix("/"), !result.hasPrefix("/") { result = "/" + result }
        return result
    }
}
