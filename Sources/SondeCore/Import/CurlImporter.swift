import Foundation

/// Why pasted text could not be read as curl commands at all. One odd option is a warning,
/// never this.
public struct CurlImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `requests.sh:3`, or the source name alone.
    public var place: String
    public var message: String
    public var description: String { "\(place): \(message)" }
}

/// Turns curl commands (one or many, as browsers copy them or as people write them) into an
/// `ImportedCollection` of one request each. Pure: files named with `@file` are kept as
/// references, never read.
///
/// What sonde cannot hold is a warning with the command's line, never a failure; what is
/// secret (passwords, `Authorization`, API keys, tokens, cookies) becomes a `{{env:NAME}}`
/// reference named after the host (`API_AUTHORIZATION` for api.example.com, `CURL_PASSWORD`
/// for an address), its value in `secretValues`.
public enum CurlImporter {
    public static func convert(_ text: String, sourceName: String) throws(CurlImportError) -> ImportedCollection {
        let commands: [[ShellTokenizer.Word]]
        do {
            commands = try ShellTokenizer.commands(in: text)
        } catch {
            throw CurlImportError(place: "\(sourceName):\(error.line)", message: "the quote \(error.quote) opened here is never closed")
        }
        var collection = ImportedCollection(name: baseName(sourceName))
        var secrets = ImportSecrets()
        var names = Set<String>()
        for command in commands {
            let line = command[0].line
            let place = "\(sourceName):\(line)"
            let program = command[0].text
            guard program == "curl" || program.hasSuffix("/curl") || program.lowercased().hasSuffix("curl.exe") else {
                collection.warnings.append(ImportWarning(place: place, message: "not a curl command (\(program)), skipped"))
                continue
            }
            let invocation = CurlInvocation(words: command.dropFirst().map(\.text))
            var warnings = invocation.warnings
            guard var request = request(from: invocation, secrets: &secrets, warnings: &warnings) else {
                collection.warnings.append(ImportWarning(place: place, message: "no URL in this curl command, skipped"))
                continue
            }
            request.definition.name = unique(request.definition.name, among: &names)
            collection.warnings += warnings.map { ImportWarning(place: place, message: $0) }
            for word in command {
                for name in Self.environmentReferences(in: word.text) { secrets.noteReference(name) }
            }
            collection.root.requests.append(request)
        }
        guard !collection.root.requests.isEmpty else {
            throw CurlImportError(place: sourceName, message: "no curl command with a URL found")
        }
        secrets.record(in: &collection)
        return collection
    }

    /// The request one curl command sends; nil when it names no URL.
    static func request(from curl: CurlInvocation, secrets: inout ImportSecrets, warnings: inout [String]) -> ImportedRequest? {
        guard var url = curl.urls.first else { return nil }
        if curl.urls.count > 1 { warnings.append("curl fetches \(curl.urls.count) URLs here; only the first, \(url), is imported") }
        var definition = RequestDefinition(name: "", url: url)
        let prefix = secretPrefix(of: url)

        // Credentials in the URL (https://user:pass@host/) go to basic auth, the password a secret.
        if let (stripped, user, password) = userInfo(in: url) {
            url = stripped
            definition.auth = .basic(username: user, password: password.map { secrets.reference(for: $0, suggestedName: prefix + "_PASSWORD") } ?? "")
        }

        var headers = curl.headers
        func takeHeader(_ name: String) -> String? {
            guard let index = headers.lastIndex(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
            let value = headers[index].value
            headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            return value
        }

        // The body, or with -G the query it becomes.
        var query: [String] = []
        var bodyText: String?
        var bodyFile: (path: String, stripsNewlines: Bool)?
        if !curl.data.isEmpty {
            if curl.data.count == 1, case .file(let path, let strips) = curl.data[0], !curl.get {
                bodyFile = (path, strips)
            } else {
                bodyText = curl.data.map { piece -> String in
                    switch piece {
                    case .text(let text): return text
                    case .file(let path, _):
                        warnings.append("the body part @\(path) is a file curl reads when it runs; it is kept as the text @\(path)")
                        return "@" + path
                    }
                }.joined(separator: "&")
            }
        }
        if curl.get, let text = bodyText {
            query.append(text)
            bodyText = nil
        }
        query += curl.queryAdditions

        if !curl.data.isEmpty, !curl.form.isEmpty {
            warnings.append("-F with -d: curl refuses to send both; the -F parts are not imported")
        }
        // The method: -X wins; -I is HEAD; a body makes it POST.
        let hasBody = bodyText != nil || bodyFile != nil || !curl.form.isEmpty
        let written = curl.method ?? (curl.head ? "HEAD" : hasBody ? "POST" : "GET")
        if let method = HTTPMethod(rawValue: written.uppercased()) {
            definition.method = method
        } else {
            definition.method = hasBody ? .POST : .GET
            warnings.append("sonde sends GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS; -X \(written) imported as \(definition.method.rawValue)")
        }

        // The URL and its query, split into params when that sends the same bytes.
        let (base, params) = splitQuery(url, adding: query)
        definition.url = base
        definition.params = params.map { row in
            guard isSecretName(row.name), !row.value.isEmpty, !row.value.contains("{{") else { return row }
            return KeyValue(row.name, secrets.reference(for: row.value, suggestedName: prefix + "_" + row.name))
        }

        let contentType = takeHeader("Content-Type")
        if curl.json, !headers.contains(where: { $0.name.caseInsensitiveCompare("Accept") == .orderedSame }) {
            headers.append(("Accept", "application/json"))
        }
        if let bodyFile {
            if bodyFile.stripsNewlines { warnings.append("-d @\(bodyFile.path): curl drops the file's line breaks; sonde sends the file as it is") }
            definition.body = .file(path: bodyFile.path, contentType: contentType ?? (curl.json ? "application/json" : formType))
        } else if let text = bodyText {
            definition.body = body(text, contentType: contentType ?? (curl.json ? "application/json" : formType))
            if text.contains("{{") { warnings.append("the body holds {{, which sonde reads as a placeholder: check it before sending") }
        } else if !curl.form.isEmpty {
            if let contentType, !contentType.lowercased().hasPrefix("multipart/form-data") {
                warnings.append("Content-Type \(contentType) with -F: sonde sends multipart/form-data with its own boundary")
            }
            definition.body = .multipart(curl.form.map { multipartField($0.value, literal: $0.literal, warnings: &warnings) })
        } else if let contentType {
            headers.append(("Content-Type", contentType))
        }

        // Auth: -u, --oauth2-bearer, or a bearer Authorization header.
        if let user = curl.user {
            let colon = user.firstIndex(of: ":")
            let name = String(user[..<(colon ?? user.endIndex)])
            let password = colon.map { String(user[user.index(after: $0)...]) }
            if password == nil { warnings.append("-u \(name) without a password: curl asks for it; set \(prefix)_PASSWORD") }
            let reference = password.map { secrets.reference(for: $0, suggestedName: prefix + "_PASSWORD") } ?? "{{env:\(prefix)_PASSWORD}}"
            if password == nil { secrets.noteReference(prefix + "_PASSWORD") }
            switch curl.authScheme {
            case "digest": definition.auth = .challenge(.digest, username: name, password: reference)
            case "ntlm": definition.auth = .challenge(.ntlm, username: name, password: reference)
            default: definition.auth = .basic(username: name, password: reference)
            }
        } else if let token = curl.bearer {
            definition.auth = .bearer(token: secrets.reference(for: token, suggestedName: prefix + "_TOKEN"))
        } else if let authorization = headers.first(where: { $0.name.caseInsensitiveCompare("Authorization") == .orderedSame }),
                  authorization.value.lowercased().hasPrefix("bearer "), definition.auth == .inherit {
            let token = String(authorization.value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            definition.auth = .bearer(token: token.contains("{{") ? token : secrets.reference(for: token, suggestedName: prefix + "_TOKEN"))
            _ = takeHeader("Authorization")
        }

        // Cookies from -b strings and Cookie headers: one header, a secret (they are sessions).
        var cookies: [String] = []
        for cookie in curl.cookies {
            if cookie.contains("=") {
                cookies.append(cookie)
            } else {
                warnings.append("-b \(cookie) reads cookies from a file, which is not read; sonde keeps cookies in its own jar")
            }
        }
        if let header = takeHeader("Cookie") { cookies.insert(header, at: 0) }
        if !cookies.isEmpty { headers.append(("Cookie", cookies.joined(separator: "; "))) }
        if let agent = curl.userAgent {
            if agent.isEmpty { definition.options.sendUserAgent = false } else if takeHeader("User-Agent") == nil { headers.append(("User-Agent", agent)) }
        }
        if let referer = curl.referer, takeHeader("Referer") == nil { headers.append(("Referer", referer)) }

        if case .form(let fields) = definition.body {
            definition.body = .form(fields.map { field in
                guard isSecretName(field.name), !field.value.isEmpty else { return field }
                return KeyValue(field.name, secrets.reference(for: field.value, suggestedName: prefix + "_" + field.name))
            })
        }
        definition.headers = headers.map { header in
            guard isSecretName(header.name), !header.value.isEmpty, !header.value.contains("{{") else { return KeyValue(header.name, header.value) }
            return KeyValue(header.name, secrets.reference(for: header.value, suggestedName: prefix + "_" + header.name))
        }
        definition.options = options(of: curl, prefix: prefix, secrets: &secrets, warnings: &warnings)
        definition.name = "\(definition.method.rawValue) \(path(of: base))"
        return ImportedRequest(definition: definition)
    }

    private static let formType = "application/x-www-form-urlencoded"

    /// The body for `text`: JSON, a form of fields, or text, whichever sends exactly these bytes.
    static func body(_ text: String, contentType: String) -> RequestBody {
        let type = contentType.lowercased()
        if type == "application/json", (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil {
            return .json(text)
        }
        if type == formType, let fields = formFields(text) { return .form(fields) }
        return .text(text, contentType: contentType)
    }

    /// The fields of a form body, when sonde's encoding of them gives back exactly `text`.
    static func formFields(_ text: String) -> [KeyValue]? {
        guard !text.isEmpty else { return nil }
        var fields: [KeyValue] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = piece.firstIndex(of: "=") else { return nil }
            guard let name = formDecoded(piece[..<equals]), let value = formDecoded(piece[piece.index(after: equals)...]) else { return nil }
            fields.append(KeyValue(name, value))
        }
        let reencoded = PercentEncoding.query(fields.map { ($0.name, $0.value) }, form: true)
        return reencoded == text ? fields : nil
    }

    private static func formDecoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `url` without its query, and the query as params, when sonde's encoding of the params
    /// gives back exactly the same query; otherwise the URL keeps its query as written.
    static func splitQuery(_ url: String, adding extra: [String]) -> (String, [KeyValue]) {
        var base = url
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        var pieces: [String] = []
        if let question = base.firstIndex(of: "?") {
            pieces = base[base.index(after: question)...].split(separator: "&", omittingEmptySubsequences: true).map(String.init)
            base = String(base[..<question])
        }
        pieces += extra.flatMap { $0.split(separator: "&", omittingEmptySubsequences: true).map(String.init) }
        guard !pieces.isEmpty else { return (base + fragment, []) }
        var params: [KeyValue] = []
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "="), !piece.contains("+"), !piece.contains("{{"),
                  let name = piece[..<equals].removingPercentEncoding, let value = piece[piece.index(after: equals)...].removingPercentEncoding,
                  "\(PercentEncoding.queryComponent(name))=\(PercentEncoding.queryComponent(value))" == piece else {
                return (base + "?" + pieces.joined(separator: "&") + fragment, [])
            }
            params.append(KeyValue(name, value))
        }
        // sonde puts params before the fragment, as curl does.
        return (base + fragment, params)
    }

    /// One `-F` value: `name=text`, `name=@file;type=…;filename=…`, `name=<file`.
    static func multipartField(_ text: String, literal: Bool, warnings: inout [String]) -> MultipartField {
        guard let equals = text.firstIndex(of: "=") else {
            warnings.append("-F \(text) has no name=value, imported as an empty part")
            return MultipartField(name: text, value: "")
        }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        if literal { return MultipartField(name: name, value: value) }
        var segments = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        var content = segments.removeFirst()
        var type: String?
        var filename: String?
        for segment in segments {
            let trimmed = segment.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("type=") {
                type = String(trimmed.dropFirst(5))
            } else if trimmed.lowercased().hasPrefix("filename=") {
                filename = String(trimmed.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            } else {
                content += ";" + segment  // part of the value, as curl reads an unknown ;x
            }
        }
        if content.hasPrefix("@") {
            return MultipartField(name: name, value: String(content.dropFirst()), isFile: true, filename: filename, contentType: type)
        }
        if content.hasPrefix("<") {
            warnings.append("-F \(name)=<\(content.dropFirst()) sends the file's text as a field; sonde sends it as a file part")
            return MultipartField(name: name, value: String(content.dropFirst()), isFile: true, filename: filename, contentType: type)
        }
        if let type { warnings.append("-F \(name): sonde sends text parts without a content type; ;type=\(type) dropped") }
        return MultipartField(name: name, value: content)
    }

    private static func options(of curl: CurlInvocation, prefix: String, secrets: inout ImportSecrets, warnings: inout [String]) -> OptionOverrides {
        var options = OptionOverrides()
        if curl.userAgent == "" { options.sendUserAgent = false }
        if curl.insecure { options.verifyTLS = false }
        if curl.followRedirects { options.followRedirects = true }
        if let text = curl.maxRedirects {
            if let count = Int(text) { options.maxRedirects = count } else { warnings.append("--max-redirs \(text) is not a number, ignored") }
        }
        func seconds(_ text: String?, _ flag: String) -> Double? {
            guard let text else { return nil }
            guard let value = Double(text), value >= 0 else {
                warnings.append("\(flag) \(text) is not a number of seconds, ignored")
                return nil
            }
            return value
        }
        options.timeout = seconds(curl.maxTime, "--max-time")
        options.connectTimeout = seconds(curl.connectTimeout, "--connect-timeout")
        if let proxy = curl.proxy { options.proxy = proxy.isEmpty ? ProxyOption.none : .url(proxy) }
        if let user = curl.proxyUser {
            let colon = user.firstIndex(of: ":")
            options.proxyUser = String(user[..<(colon ?? user.endIndex)])
            if let colon { options.proxyPassword = secrets.reference(for: String(user[user.index(after: colon)...]), suggestedName: prefix + "_PROXY_PASSWORD") }
        }
        options.noProxy = curl.noProxy
        if let cert = curl.cert {
            // -E file:password, where a Windows drive's colon (C:\…) is not the separator.
            let searchStart = cert.count > 2 && cert.dropFirst().hasPrefix(":\\") ? cert.index(cert.startIndex, offsetBy: 2) : cert.startIndex
            if let colon = cert[searchStart...].firstIndex(of: ":") {
                options.tls.clientCert = String(cert[..<colon])
                options.tls.keyPassword = secrets.reference(for: String(cert[cert.index(after: colon)...]), suggestedName: prefix + "_KEY_PASSWORD")
            } else {
                options.tls.clientCert = cert
            }
        }
        if let type = curl.certType {
            if let parsed = CertificateType(rawValue: type.lowercased()) { options.tls.clientCertType = parsed } else {
                warnings.append("--cert-type \(type): sonde reads PEM, DER and P12 certificates, ignored")
            }
        }
        options.tls.clientKey = curl.key
        if let password = curl.keyPassword { options.tls.keyPassword = secrets.reference(for: password, suggestedName: prefix + "_KEY_PASSWORD") }
        options.tls.caCert = curl.caCert
        options.tls.caPath = curl.caPath
        options.httpVersion = curl.httpVersion
        options.unixSocket = curl.unixSocket
        return options
    }

    /// Whether a header or param of this name carries a credential.
    static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["authorization", "api-key", "apikey", "api_key", "token", "secret", "password", "passwd", "session", "cookie", "signature"]
            .contains { lower.contains($0) } || ["key", "pass", "pwd", "x-auth"].contains(lower)
    }

    /// The start of secret names from this URL: the host's first label (`API` for
    /// api.example.com), `CURL` for an address, localhost or a placeholder.
    static func secretPrefix(of url: String) -> String {
        let host = host(of: url)
        let labels = host.split(separator: ".").filter { $0 != "www" }
        guard let first = labels.first, let letter = first.first, letter.isASCII, letter.isLetter, host != "localhost", !host.contains("{{") else {
            return "CURL"
        }
        return ImportSecrets.environmentName(String(first))
    }

    private static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? authority
        if hostPort.hasPrefix("[") { return String(hostPort.prefix { $0 != "]" }.dropFirst()) }
        return String(hostPort.prefix { $0 != ":" }).lowercased()
    }

    /// `https://user:pass@host/x` as `https://host/x`, the user and the percent-decoded password.
    private static func userInfo(in url: String) -> (String, String, String?)? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let info = authority[..<at]
        let stripped = String(url[..<scheme.upperBound]) + String(rest[authority.index(after: at)...])
        let colon = info.firstIndex(of: ":")
        let user = String(info[..<(colon ?? info.endIndex)])
        let password = colon.map { String(info[info.index(after: $0)...]) }
        return (stripped, user.removingPercentEncoding ?? user, password.map { $0.removingPercentEncoding ?? $0 })
    }

    /// The path of a URL for a request's name: `/users/1` of `https://host/users/1?x`.
    private static func path(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let path = rest.drop { $0 != "/" }.prefix { $0 != "?" && $0 != "#" }
        return path.isEmpty ? "/" : String(path)
    }

    /// `name`, or `name (2)`, `name (3)` when taken.
    private static func unique(_ name: String, among names: inout Set<String>) -> String {
        var candidate = name
        var counter = 2
        while names.contains(candidate) {
            candidate = "\(name) (\(counter))"
            counter += 1
        }
        names.insert(candidate)
        return candidate
    }

    /// The names of the `{{env:NAME}}` references in `text`.
    static func environmentReferences(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "{{env:") {
            guard let end = rest[start.upperBound...].range(of: "}}") else { break }
            names.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return names
    }

    /// A file's name without folders or extension: `requests` of `~/Downloads/requests.sh`.
    static func baseName(_ sourceName: String) -> String {
        let file = sourceName.split(separator: "/").last.map(String.init) ?? sourceName
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
