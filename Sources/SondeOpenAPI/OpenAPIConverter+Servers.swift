import Foundation
import SondeCore

extension OpenAPIConverter {
    /// The document's `servers` as environments, each setting `baseUrl`, named from the
    /// server's description or host; `notes` say which other values a templated server takes.
    mutating func servers(_ json: JSONLiteral?, place: String) -> (environments: [ImportedEnvironment], notes: [String]) {
        var environments: [ImportedEnvironment] = []
        var notes: [String] = []
        var names: Set<String> = []
        for (index, server) in (json?.items ?? []).enumerated() {
            let serverPlace = "\(place)[\(index)]"
            guard server["url"]?.string != nil else {
                warn(serverPlace, "a server without a url: skipped")
                continue
            }
            let (url, serverNotes) = serverURL(server, place: serverPlace)
            notes += serverNotes
            var name = server["description"]?.string.flatMap { $0.isEmpty ? nil : String($0.prefix(60)) } ?? Self.host(of: url) ?? "server"
            if names.contains(name) {
                var counter = 2
                while names.contains("\(name) \(counter)") { counter += 1 }
                name = "\(name) \(counter)"
            }
            names.insert(name)
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            environments.append(ImportedEnvironment(name: name, variables: [KeyValue("baseUrl", base)]))
        }
        return (environments, notes)
    }

    /// A server's URL with each `{variable}` set to its default; the values an `enum` also
    /// allows go into the notes. A relative URL stays relative, with a warning.
    mutating func serverURL(_ server: JSONLiteral, place: String) -> (url: String, notes: [String]) {
        var url = server["url"]?.string ?? ""
        var notes: [String] = []
        for (name, variable) in server["variables"]?.members ?? [] {
            let value = variable["default"]?.scalarText ?? variable["enum"]?.items?.first?.scalarText ?? ""
            if variable["default"] == nil { warn(place, "server variable \(name) has no default: \(value.isEmpty ? "left empty" : "set to \(value)")") }
            url = url.replacingOccurrences(of: "{\(name)}", with: value)
            let others = (variable["enum"]?.items ?? []).compactMap(\.scalarText).filter { $0 != value }
            if !others.isEmpty {
                notes.append("Server \(server["url"]?.string ?? ""): {\(name)} is \(value); it may also be \(others.joined(separator: ", ")).")
            }
        }
        if url.contains("{") {
            warn(place, "server url \(url) names a variable it does not define: kept as written")
        }
        let lower = url.lowercased()
        if !lower.hasPrefix("http://"), !lower.hasPrefix("https://"), !url.hasPrefix("{{") {
            warn(place, "server url \(url.isEmpty ? "(empty)" : url) is relative to where the document is served: kept as it is, make baseUrl a full URL before sending")
        }
        return (url, notes)
    }

    /// `api.example.com` of `https://api.example.com/v1`.
    static func host(of url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : String(host)
    }
}
