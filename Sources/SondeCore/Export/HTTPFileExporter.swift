import Foundation

/// Requests as a `.http` file (JetBrains HTTP Client, VS Code REST Client): `###` before each
/// request, the collection's (and the environment's) variables as `@name = value` file
/// variables, placeholders as `{{name}}`, secrets as `{{$processEnv NAME}}` (never a value).
/// What inherits in sonde is written into each request, as the format has no levels.
/// `sonde import` reads the file back to the same requests (`ExportRoundTripTests`).
public enum HTTPFileExporter {
    /// The file's text, and what the format could not say (one line each).
    public static func render(
        _ requests: [ExportedRequest], collection: RequestCollection, environment: Environment?
    ) -> (text: String, warnings: [String]) {
        let style = PlaceholderStyle.httpFile
        var warnings: [String] = []
        var lines: [String] = []
        var variables: [KeyValue] = []
        for row in collection.variables + (environment?.variables ?? []) where row.enabled {
            variables.removeAll { $0.name == row.name }
            variables.append(row)
        }
        for variable in variables {
            lines.append("@\(variable.name) = \(style.rewrite(singleLine(variable.value)))")
        }
        if !variables.isEmpty { lines.append("") }
        for request in requests {
            lines += block(request, collection: collection, warnings: &warnings)
            lines.append("")
        }
        return (lines.joined(separator: "\n"), warnings)
    }

    private static func block(_ request: ExportedRequest, collection: RequestCollection, warnings: inout [String]) -> [String] {
        let style = PlaceholderStyle.httpFile
        let definition = request.definition
        let id = request.saved.id
        var lines = ["### \(singleLine(definition.name))"]
        for line in definition.description.split(separator: "\n", omittingEmptySubsequences: false) where !definition.description.isEmpty {
            lines.append("# " + line)
        }
        let options = request.options
        if options.followRedirects == false { lines.append("# @no-redirect") }
        if options.cookies == false { lines.append("# @no-cookie-jar") }
        if let timeout = options.timeout { lines.append("# @timeout \(number(timeout))") }
        if let connect = options.connectTimeout { lines.append("# @connection-timeout \(number(connect))") }
        var unsaid: [String] = []
        if options.verifyTLS == false { unsaid.append("verify_tls: false") }
        if options.maxRedirects != nil { unsaid.append("max_redirects") }
        if options.proxy != nil { unsaid.append("proxy") }
        if !options.retry.isEmpty { unsaid.append("retry") }
        if !unsaid.isEmpty { warnings.append("\(id): .http has no \(unsaid.joined(separator: ", ")): left out") }

        var headers = request.headers.filter(\.enabled)
        var params = definition.params.filter(\.enabled)
        if definition.params.contains(where: { !$0.enabled }) || request.headers.contains(where: { !$0.enabled }) {
            warnings.append("\(id): .http has no switched-off rows: the disabled params and headers are left out")
        }
        switch request.auth {
        case .inherit, .none:
            break
        case .basic(let user, let password):
            headers.removeAll { $0.name.lowercased() == "authorization" }
            headers.append(KeyValue("Authorization", "Basic " + credentials(user, password)))
        case .challenge(.digest, let user, let password):
            headers.removeAll { $0.name.lowercased() == "authorization" }
            headers.append(KeyValue("Authorization", "Digest " + credentials(user, password)))
        case .challenge(let scheme, _, _):
            warnings.append("\(id): .http has no \(scheme.rawValue) auth: left out")
        case .bearer(let token):
            headers.removeAll { $0.name.lowercased() == "authorization" }
            headers.append(KeyValue("Authorization", "Bearer \(token)"))
        case .apiKey(let name, let value, .header):
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append(KeyValue(name, value))
        case .apiKey(let name, let value, .query):
            params.append(KeyValue(name, value))
        case .oauth2ClientCredentials(let oauth):
            warnings.append("\(id): .http has no OAuth2 client credentials (token URL \(oauth.tokenURL)): left out")
        }

        var url = definition.url
        if !params.isEmpty {
            let query = params.map { queryText($0.name) + "=" + queryText($0.value) }.joined(separator: "&")
            url += (url.contains("?") ? "&" : "?") + query
        }
        var requestLine = "\(definition.method.rawValue) \(style.rewrite(url))"
        switch options.httpVersion {
        case .http2?, .http2PriorKnowledge?: requestLine += " HTTP/2"
        case .http1_0?: requestLine += " HTTP/1.0"
        default: break
        }
        lines.append(requestLine)

        var bodyLines: [String] = []
        func setContentType(_ type: String) {
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) { headers.append(KeyValue("Content-Type", type)) }
        }
        switch definition.body {
        case .none:
            break
        case .json(let text):
            setContentType("application/json")
            bodyLines = [style.rewrite(text)]
        case .text(let text, let type):
            setContentType(type)
            bodyLines = [style.rewrite(text)]
        case .form(let fields) where !fields.contains(where: \.enabled):
            if !fields.isEmpty { warnings.append("\(id): every form field is switched off: no body written") }
        case .form(let fields):
            setContentType("application/x-www-form-urlencoded")
            if fields.contains(where: { !$0.enabled }) { warnings.append("\(id): .http has no switched-off form fields: left out") }
            bodyLines = [style.rewrite(fields.filter(\.enabled).map { formText($0.name) + "=" + formText($0.value) }.joined(separator: "&"))]
        case .multipart(let parts):
            let boundary = "sonde-boundary-7MA4YWxkTrZu0gW"
            headers.removeAll { $0.name.lowercased() == "content-type" }
            headers.append(KeyValue("Content-Type", "multipart/form-data; boundary=\(boundary)"))
            if parts.contains(where: { !$0.enabled }) { warnings.append("\(id): .http has no switched-off parts: left out") }
            for part in parts where part.enabled {
                bodyLines.append("--\(boundary)")
                if part.isFile {
                    let filename = part.filename ?? URL(fileURLWithPath: part.value).lastPathComponent
                    bodyLines.append("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(filename)\"")
                    if let type = part.contentType { bodyLines.append("Content-Type: \(type)") }
                    bodyLines += ["", "< \(collectionPath(part.value, of: request.saved, in: collection))"]
                } else {
                    bodyLines.append("Content-Disposition: form-data; name=\"\(part.name)\"")
                    if let type = part.contentType { bodyLines.append("Content-Type: \(type)") }
                    bodyLines += ["", style.rewrite(part.value)]
                }
            }
            bodyLines.append("--\(boundary)--")
        case .file(let path, let type):
            if let type { setContentType(type) }
            bodyLines = ["< \(collectionPath(path, of: request.saved, in: collection))"]
        }
        for header in headers {
            lines.append("\(style.rewrite(header.name)): \(style.rewrite(singleLine(header.value)))")
        }
        if !bodyLines.isEmpty {
            lines.append("")
            lines += bodyLines
        }
        if !definition.expectations.isEmpty || !definition.captures.isEmpty {
            warnings.append("\(id): expect: and captures: are not written to .http (its response handlers are JavaScript)")
        }
        return lines
    }

    /// `user password` as JetBrains writes Basic and Digest credentials, or `user:password`
    /// when either holds a space.
    private static func credentials(_ user: String, _ password: String) -> String {
        user.contains(where: \.isWhitespace) || password.contains(where: \.isWhitespace) || user.isEmpty || password.isEmpty
            ? "\(user):\(password)" : "\(user) \(password)"
    }

    /// A body file's path as the `.http` file names it: relative to the collection folder
    /// (sonde keeps it relative to the request's own folder), or absolute as written.
    static func collectionPath(_ path: String, of saved: SavedRequest, in collection: RequestCollection) -> String {
        if path.hasPrefix("/") || path.contains("{{") { return path }
        let folder = saved.id.split(separator: "/").dropLast().joined(separator: "/")
        return "./" + (folder.isEmpty ? path : "\(folder)/\(path)")
    }

    /// A query name or value percent-encoded where a URL needs it; placeholders kept whole.
    static func queryText(_ text: String) -> String { encodedOutsidePlaceholders(text, PercentEncoding.queryComponent) }

    static func formText(_ text: String) -> String { encodedOutsidePlaceholders(text, PercentEncoding.formComponent) }

    private static func encodedOutsidePlaceholders(_ text: String, _ encode: (String) -> String) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += encode(String(rest[..<open.lowerBound])) + rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return out + encode(String(rest))
    }

    private static func singleLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : "\(Int((value * 1000).rounded())) ms"
    }
}
