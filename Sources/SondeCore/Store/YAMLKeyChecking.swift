import Yams

/// The keys each level of sonde's schema reads, and the warning for any other: a misspelt
/// `header:` or `optons:` was ignored without a word and the request went out without them.
extension YAMLReader {
    /// The writer's keys and the blocks it never edits (it keeps their text as it is).
    static let requestKeys = RequestFileWriter.knownKeys
    static let defaultsKeys = ["headers", "auth", "options"]
    static let collectionKeys = ["name", "description", "variables"] + defaultsKeys
    static let folderKeys = ["name", "description", "order"] + defaultsKeys
    static let environmentKeys = ["name", "description", "variables"] + defaultsKeys
    static let bodyKeys = ["type", "content", "fields", "parts", "content_type", "path"]
    static let authKeys = ["type", "username", "password", "token", "in", "name", "value", "token_url", "client_id", "client_secret", "scope",
        "grant", "authorization_url", "device_authorization_url", "refresh_token", "audience", "authorize_params", "redirect_port",
        "pkce", "token_auth", "issuer", "timeout"]
    static let optionKeys = [
        "connect_timeout", "timeout", "follow_redirects", "max_redirects", "verify_tls", "user_agent", "request_id", "retry",
        "spill_threshold", "cookies", "proxy", "proxy_user", "proxy_password", "no_proxy",
        "http_version", "unix_socket",
    ] + TLSOverrides.keys
    /// The top-level keys that hold what an import kept as text: `scripts` and `x-…`.
    static func isKeptKey(_ name: String) -> Bool {
        name == "scripts" || name.hasPrefix("x-")
    }
    static let rowKeys = ["name", "value", "enabled"]
    static let multipartKeys = ["name", "value", "file", "filename", "content_type", "enabled"]

    /// Records a warning at each key of `fields` not in `known`, with the nearest known key when
    /// one is near. A warning, not an error: the rest of the file is right and still sends.
    ///
    /// With `allowingKept`, a file's top level also takes `scripts` and any `x-` key without a
    /// word: there an import keeps, as text, what sonde has no field for (a Postman test script),
    /// and a save keeps it too.
    mutating func warnOfUnknownKeys(_ fields: Node.Mapping, known: [String], in what: String, allowingKept: Bool = false) {
        for key in fields.keys {
            guard let name = key.scalar?.string, !known.contains(name) else { continue }
            if allowingKept, Self.isKeptKey(name) { continue }
            var message = "unknown key \(name) in \(what), ignored"
            if let near = EditDistance.nearest(to: name, among: known) { message += " (did you mean \(near)?)" }
            problems.append(LoadProblem(file: file, line: key.mark?.line, column: key.mark?.column, message: message, severity: .warning))
        }
    }
}

/// The check that every `{{` in a templated field is closed.
extension YAMLReader {
    /// Records an error at each scalar under `node` with a `{{` that no `}}` closes: it would be
    /// sent as written. The column is the brace's own on a one-line plain or quoted scalar, the
    /// scalar's start otherwise. Keys are checked too: header and param names are templates.
    mutating func checkTemplates(_ node: Node?, in what: String) {
        guard let node else { return }
        var pending = [node]
        while let next = pending.popLast() {
            switch next {
            case .scalar(let scalar):
                guard scalar.string.contains("{{"), let offset = Template.unclosedOpening(in: scalar.string) else { continue }
                var column = scalar.mark?.column
                let before = scalar.string.prefix(offset)
                if let start = column, !before.contains("\n") {
                    switch scalar.style {
                    case .plain: column = start + offset
                    case .singleQuoted where !before.contains("'"), .doubleQuoted where !before.contains("\\"):
                        column = start + 1 + offset
                    default: break
                    }
                }
                problem("unclosed {{ in \(what): close it with }}", line: scalar.mark?.line, column: column)
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(value); pending.append(key) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence.reversed())
            case .alias:
                break
            }
        }
    }
}
