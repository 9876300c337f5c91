import Foundation

/// A saved request with what it inherits folded in (headers, auth and options from the
/// environment, the collection and its folders), its placeholders still unresolved: what a
/// format without sonde's levels (`.http`, a curl command) needs to say the same request.
public struct ExportedRequest: Sendable, Equatable {
    public var saved: SavedRequest
    /// The inherited headers (enabled ones, lowest level first, overridden by name), then the
    /// request's own rows, disabled ones included.
    public var headers: [KeyValue]
    public var auth: AuthConfig
    public var options: OptionOverrides

    public init(_ saved: SavedRequest, in collection: RequestCollection, environment: Environment?) {
        self.saved = saved
        var levels: [RequestDefaults] = []
        if let environment { levels.append(environment.defaults) }
        levels += collection.folderChain(to: saved).map(\.defaults)
        var headers: [KeyValue] = []
        for level in levels {
            let rows = level.headers.filter(\.enabled)
            let names = Set(rows.map { $0.name.lowercased() })
            headers.removeAll { names.contains($0.name.lowercased()) }
            headers += rows
        }
        let own = Set(saved.definition.headers.filter(\.enabled).map { $0.name.lowercased() })
        headers.removeAll { own.contains($0.name.lowercased()) }
        self.headers = headers + saved.definition.headers
        auth = EffectiveAuth.resolve(request: saved, in: collection, environment: environment).auth
        options = (levels + [RequestDefaults(options: saved.definition.options)]).reduce(OptionOverrides()) { base, level in
            level.options.over(base)
        }
    }

    public var definition: RequestDefinition { saved.definition }
}

/// How a target format writes sonde's placeholders.
public enum PlaceholderStyle: Sendable {
    /// JetBrains/VS Code: `{{env:NAME}}` → `{{$processEnv NAME}}`, `{{$uuid}}` → `{{$uuid}}`.
    case httpFile
    /// Postman: `{{env:NAME}}` kept (a Postman variable of that name, declared secret),
    /// dynamic variables by Postman's names (`{{$randomUUID}}`).
    case postman

    /// `text` with each placeholder as the format writes it.
    public func rewrite(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += "{{" + rewriteInner(inner) + "}}"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private func rewriteInner(_ inner: String) -> String {
        switch self {
        case .httpFile:
            if inner.hasPrefix("env:") { return "$processEnv " + inner.dropFirst(4) }
            return inner
        case .postman:
            let postmanNames = ["$uuid": "$randomUUID", "$guid": "$guid", "$timestamp": "$timestamp", "$isoTimestamp": "$isoTimestamp", "$randomInt": "$randomInt"]
            return postmanNames[inner] ?? inner
        }
    }

    /// The `{{env:NAME}}` names `text` refers to, in order of first use.
    public static func secretNames(in texts: [String]) -> [String] {
        var names: [String] = []
        for text in texts {
            var rest = text[...]
            while let open = rest.range(of: "{{env:"), let close = rest[open.upperBound...].range(of: "}}") {
                let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
                if !names.contains(name) { names.append(name) }
                rest = rest[close.upperBound...]
            }
        }
        return names
    }
}
