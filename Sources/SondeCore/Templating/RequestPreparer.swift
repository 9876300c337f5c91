import Foundation

/// A request ready to go but for an OAuth2 token, which needs a network round trip first.
public struct Preparation: Sendable {
    public var request: PreparedRequest
    /// Set when the effective auth is OAuth2: the resolved client credentials to get a token with.
    public var pendingOAuth2: OAuth2ClientCredentials?
    /// Whose token it is, for tokens kept on disk: the collection's folder and the environment.
    public var oauth2Owner: (collection: String, environment: String?)?
    public var auth: EffectiveAuth
    /// The URL had no scheme and goes out as http://, as curl does; worth a note, not a warning.
    public var schemeAssumed = false
    /// What is sent otherwise than a reader of the file may expect: a header value sent as UTF-8 bytes.
    public var warnings: [String] = []
    /// The variables the request's templates use, through other variables too: a `--var` that
    /// is none of them is most likely misspelt.
    public var usedVariables: Set<String> = []
    /// Whether preparing the request again with the same variables gives the same request, but
    /// for a new request ID: nothing but variables was filled in (`VariableResolver.filledOnlyVariables`).
    public var isRepeatable = false
    /// Whether `headers` holds an `X-Request-ID` that preparing made (`request_id`).
    public var madeRequestID = false

    /// This preparation for one more send, as preparing again would make it when `isRepeatable`:
    /// with a new request ID where it made one.
    public func again() -> Preparation {
        guard madeRequestID,
              let index = request.headers.firstIndex(where: { $0.name.equalsIgnoringASCIICase(RequestIDMode.headerName) })
        else { return self }
        var copy = self
        copy.request.headers[index].value = RequestIDMode.newID()
        return copy
    }
}

/// Turns a saved request into a `PreparedRequest`: inherits headers, auth and options, fills
/// every placeholder, encodes params and body. Pure but for one look at the disk: no network, no
/// clock but `$timestamp`; it checks that the TLS options' files exist (`checkTLS`).
public enum RequestPreparer {
    public static func prepare(_ saved: SavedRequest, in context: SendContext) throws(RequestError) -> Preparation {
        let definition = saved.definition
        let collection = context.collection
        let folders = collection.folderChain(to: saved)
        var resolver = VariableResolver(scopes: context.variableScopes, secretSource: context.secretSource)

        // Lowest level first, so each higher level overrides headers and options by name.
        var levels: [RequestDefaults] = []
        if let environment = context.environment { levels.append(environment.defaults) }
        levels += folders.map(\.defaults)
        levels.append(RequestDefaults(headers: definition.headers, auth: definition.auth, options: definition.options))
        let options = levels.reduce(OptionOverrides()) { base, level in level.options.over(base) }

        var headers: [HeaderField] = []
        for level in levels {
            let rows = level.headers.filter(\.enabled)
            let names = Set(rows.map { $0.name.lowercased() })
            headers.removeAll { names.contains($0.name.lowercased()) }
            for row in rows {
                let name = resolver.resolve(row.name, usedIn: "header name \(row.name)")
                let (value, isSecret) = resolver.resolveTrackingSecrets(row.value, usedIn: "header \(row.name)")
                headers.append(HeaderField(name: name, value: value, isSecret: isSecret))
            }
        }

        var url = resolver.resolve(definition.url, usedIn: "url")
        var queryPairs: [(String, String)] = []
        for param in definition.params where param.enabled {
            queryPairs.append((
                resolver.resolve(param.name, usedIn: "query param name \(param.name)"),
                resolver.resolve(param.value, usedIn: "query param \(param.name)")))
        }

        let auth = EffectiveAuth.resolve(request: saved, in: collection, environment: context.environment)
        var pendingOAuth2: OAuth2ClientCredentials?
        var credentials = SecretSet()
        var challengeAuth: ChallengeCredentials?
        switch auth.auth {
        case .inherit, .none:
            break
        case .basic(let username, let password):
            let user = resolver.resolveTrackingSecrets(username, usedIn: "basic auth username")
            let pass = resolver.resolveTrackingSecrets(password, usedIn: "basic auth password")
            let value = "Basic " + Data("\(user.value):\(pass.value)".utf8).base64EncodedString()
            if user.isSecret || pass.isSecret { resolver.addSecret(value) }
            setAuthorization(value, isSecret: user.isSecret || pass.isSecret, in: &headers)
        case .challenge(let scheme, let username, let password):
            let user = resolver.resolveTrackingSecrets(username, usedIn: "\(scheme.rawValue) auth username")
            let pass = resolver.resolveTrackingSecrets(password, usedIn: "\(scheme.rawValue) auth password")
            if user.isSecret { resolver.addSecret(user.value) }
            if pass.isSecret { resolver.addSecret(pass.value) }
            challengeAuth = ChallengeCredentials(
                scheme: scheme, username: user.value, password: pass.value, passwordIsSecret: pass.isSecret)
        case .bearer(let token):
            let resolved = resolver.resolveTrackingSecrets(token, usedIn: "bearer token")
            if resolved.isSecret { resolver.addSecret(resolved.value) }
            setAuthorization("Bearer \(resolved.value)", isSecret: resolved.isSecret, in: &headers)
        case .apiKey(let name, let value, let location):
            let keyName = resolver.resolve(name, usedIn: "api key name")
            let key = resolver.resolveTrackingSecrets(value, usedIn: "api key value")
            if key.isSecret {
                resolver.addSecret(key.value)
                resolver.addSecret(PercentEncoding.queryComponent(key.value))
            } else {
                credentials.insert(key.value)
            }
            switch location {
            case .header:
                if !headers.contains(named: keyName) { headers.append(HeaderField(name: keyName, value: key.value, isSecret: key.isSecret)) }
            case .query:
                queryPairs.append((keyName, key.value))
            }
        case .oauth2ClientCredentials(let credentials):
            let clientSecret = resolver.resolveTrackingSecrets(credentials.clientSecret, usedIn: "oauth2 client_secret")
            if clientSecret.isSecret { resolver.addSecret(clientSecret.value) }
            var resolved = credentials
            resolved.tokenURL = resolver.resolve(credentials.tokenURL, usedIn: "oauth2 token_url")
            resolved.clientID = resolver.resolve(credentials.clientID, usedIn: "oauth2 client_id")
            resolved.clientSecret = clientSecret.value
            resolved.scope = credentials.scope.map { resolver.resolve($0, usedIn: "oauth2 scope") }
            resolved.authorizationURL = credentials.authorizationURL.map { resolver.resolve($0, usedIn: "oauth2 authorization_url") }
            resolved.deviceAuthorizationURL = credentials.deviceAuthorizationURL.map { resolver.resolve($0, usedIn: "oauth2 device_authorization_url") }
            resolved.issuer = credentials.issuer.map { resolver.resolve($0, usedIn: "oauth2 issuer") }
            resolved.audience = credentials.audience.map { resolver.resolve($0, usedIn: "oauth2 audience") }
            resolved.username = credentials.username.map { resolver.resolve($0, usedIn: "oauth2 username") }
            resolved.authorizeParameters = credentials.authorizeParameters.mapValues { resolver.resolve($0, usedIn: "oauth2 authorize_params") }
            // Passwords and refresh tokens are secrets wherever they come from, written literally or not.
            for (value, field) in [(credentials.password, "password"), (credentials.refreshToken, "refresh_token")] {
                guard let value else { continue }
                let secret = resolver.resolveTrackingSecrets(value, usedIn: "oauth2 \(field)")
                if !secret.value.isEmpty { resolver.addSecret(secret.value) }
                if field == "password" { resolved.password = secret.value } else { resolved.refreshToken = secret.value }
            }
            pendingOAuth2 = resolved
        }

        let baseFolder = saved.fileURL.deletingLastPathComponent()
        let placeInBody = placeInBody(of: saved, in: collection)
        var jsonRawValues: [JSONBodyTemplate.RawValue] = []
        let body = prepareBody(
            definition.body, baseFolder: baseFolder, placeInBody: placeInBody, resolver: &resolver, headers: &headers,
            jsonRawValues: &jsonRawValues)

        if options.sendUserAgent ?? true, !headers.contains(named: "User-Agent") {
            headers.append(HeaderField(name: "User-Agent", value: SondeVersion.userAgent))
        }
        let requestIDMode = options.requestID ?? .perRequest
        let addsRequestID = requestIDMode != .off && !headers.contains(named: RequestIDMode.headerName)
        if addsRequestID {
            headers.append(HeaderField(name: RequestIDMode.headerName, value: RequestIDMode.newID()))
        }

        let tls = resolveTLS(options.tls, root: collection.rootURL, resolver: &resolver)
        let proxyOptions = fillProxyOptions(options, resolver: &resolver)
        let unixSocket = options.unixSocket.map { written in
            absolutePath(resolver.resolve(written, usedIn: "unix_socket"), base: collection.rootURL)
        }

        do { try resolver.check() } catch {
            throw .unresolved(locate(error, of: saved, in: collection, environment: context.environment))
        }
        if case .json(let text) = definition.body, case .bytes(let data) = body {
            try checkJSONBody(data, template: text, rawValues: jsonRawValues, place: placeInBody)
        }

        try checkHeaders(headers, secrets: resolver.secrets)
        try checkTLS(tls, ownOptions: definition.options.tls, secrets: resolver.secrets) { key in
            optionPosition(key, of: saved, in: collection, environment: context.environment)
        }
        let schemeAssumed = !hasScheme(url)
        url = try completeURL(url, query: queryPairs, secrets: resolver.secrets)
        var transferOptions = options.transferOptions
        transferOptions.tls = tls
        transferOptions.proxy = try proxySettings(
            proxyOptions, resolver: &resolver, saved: saved, collection: collection, environment: context.environment)
        transferOptions.unixSocket = unixSocket
        transferOptions.requestIDPerAttempt = addsRequestID && requestIDMode == .perAttempt
        if options.cookies ?? true, let folder = context.cookieJars {
            transferOptions.cookieJar = CookieJarFile.url(
                in: folder, collection: collection, environment: context.environment?.name).path
        }
        return Preparation(
            request: PreparedRequest(
                method: definition.method, url: url, headers: headers, body: body,
                options: transferOptions, secrets: resolver.secrets, credentials: credentials,
                challengeAuth: challengeAuth),
            pendingOAuth2: pendingOAuth2,
            oauth2Owner: pendingOAuth2 == nil ? nil : (collection.rootURL.standardizedFileURL.path, context.environment?.name),
            auth: auth,
            schemeAssumed: schemeAssumed,
            warnings: nonASCIIWarnings(headers, secrets: resolver.secrets),
            usedVariables: resolver.usedVariables,
            isRepeatable: resolver.filledOnlyVariables,
            madeRequestID: addsRequestID)
    }

    /// The notice for a URL written without `http://` or `https://`, which is sent as http as curl does.
    public static let noSchemeNotice = "no scheme in URL, using http://"

    static func hasScheme(_ url: String) -> Bool {
        url.trimmingCharacters(in: .whitespaces).contains("://")
    }

    /// A warning per header whose value is not ASCII. RFC 9110 leaves such bytes to the receiver
    /// (most read them as Latin-1); sonde sends the UTF-8 bytes as written, as curl does, and says so.
    static func nonASCIIWarnings(_ headers: [HeaderField], secrets: SecretSet) -> [String] {
        headers.filter { !$0.value.unicodeScalars.allSatisfy(\.isASCII) }.map { header in
            "header \(secrets.redact(header.name)) has non-ASCII characters: sent as their UTF-8 bytes "
                + "(\(header.value.utf8.count) bytes), which servers may read as Latin-1"
        }
    }

    /// Refuses a JSON body that is not valid JSON after filling, blaming what the user wrote: a
    /// placeholder outside quotes whose value is not one JSON value, or else the body as written.
    /// Values inside quotes are escaped, so they can never be the cause. Each value outside quotes
    /// must be one JSON value even when the body would parse: `1, "admin": true` would add a key.
    static func checkJSONBody(
        _ data: Data, template: String, rawValues: [JSONBodyTemplate.RawValue], place: (String) -> String
    ) throws(RequestError) {
        for raw in rawValues {
            if let valueError = JSONText.validate(Data(raw.value.utf8)) {
                throw .invalidJSONValue(placeholder: raw.placeholder, place: place(raw.placeholder), valueError)
            }
        }
        guard !template.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
              let error = JSONText.validate(data) else { return }
        // Positions in the body as written, not in the filled one.
        throw .invalidJSONBody(JSONText.validate(Data(JSONBodyTemplate.withRawPlaceholdersAsNull(template).utf8)) ?? error)
    }

    /// Where a placeholder of the body stands for messages: "body at users/new.yaml:7", the line
    /// of the request file where it is first written; "body" when the file's text is not known.
    private static func placeInBody(of saved: SavedRequest, in collection: RequestCollection) -> (String) -> String {
        guard let source = saved.sourceText else { return { _ in "body" } }
        let file = CollectionLoader.relativePath(saved.fileURL, root: collection.rootURL)
        var lines: [String: Int]?
        return { placeholder in
            // One pass over the file's lines, made only for a body with placeholders.
            if lines == nil { lines = placeholderLines(in: source, from: "body:") }
            guard let line = lines?[placeholder] else { return "body in \(file)" }
            return "body at \(file):\(line)"
        }
    }

    /// The first line (from 1) of each placeholder in `text`, keyed by its plain form (`{{name}}`),
    /// counting from the line that starts with `key` (the same `{{id}}` may also be in the URL).
    static func placeholderLines(in text: String, from key: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = all.firstIndex { $0.hasPrefix(key) } ?? 0
        for (number, line) in all.enumerated() where number >= first && line.contains("{{") {
            for segment in Template(String(line)).segments {
                if case .literal = segment { continue }
                let placeholder = Template.text(of: segment)
                if lines[placeholder] == nil { lines[placeholder] = number + 1 }
            }
        }
        return lines
    }

    /// An explicit Authorization header on the request wins over inherited auth.
    private static func setAuthorization(_ value: String, isSecret: Bool, in headers: inout [HeaderField]) {
        guard !headers.contains(named: "Authorization") else { return }
        headers.append(HeaderField(name: "Authorization", value: value, isSecret: isSecret))
    }

    private static func prepareBody(
        _ body: RequestBody, baseFolder: URL, placeInBody: (String) -> String, resolver: inout VariableResolver,
        headers: inout [HeaderField], jsonRawValues: inout [JSONBodyTemplate.RawValue]
    ) -> PreparedBody {
        func defaultContentType(_ value: String) {
            if !headers.contains(named: "Content-Type") { headers.append(HeaderField(name: "Content-Type", value: value)) }
        }
        func path(_ raw: String, _ usedIn: String) -> String {
            absolutePath(resolver.resolve(raw, usedIn: usedIn), base: baseFolder)
        }
        switch body {
        case .none:
            return .none
        case .json(let text):
            defaultContentType("application/json")
            let filled = JSONBodyTemplate.fill(text, resolver: &resolver, place: placeInBody)
            jsonRawValues = filled.rawValues
            return .bytes(Data(filled.body.utf8))
        case .form(let fields):
            defaultContentType("application/x-www-form-urlencoded")
            let pairs = fields.filter(\.enabled).map {
                (resolver.resolve($0.name, usedIn: "form field name \($0.name)"), resolver.resolve($0.value, usedIn: "form field \($0.name)"))
            }
            return .bytes(Data(PercentEncoding.query(pairs, form: true).utf8))
        case .multipart(let fields):
            return .multipart(fields.filter(\.enabled).map { field in
                let name = resolver.resolve(field.name, usedIn: "multipart part name \(field.name)")
                if field.isFile {
                    return MultipartPart(name: name, content: .file(
                        path: path(field.value, "multipart file \(field.name)"), filename: field.filename, contentType: field.contentType))
                }
                return MultipartPart(name: name, content: .text(resolver.resolve(field.value, usedIn: "multipart part \(field.name)")))
            })
        case .text(let text, let contentType):
            defaultContentType(contentType)
            return .bytes(Data(resolver.resolve(text, usedIn: "body").utf8))
        case .file(let filePath, let contentType):
            defaultContentType(contentType ?? "application/octet-stream")
            return .file(path: path(filePath, "body file"))
        }
    }

    /// Refuses header lines that would smuggle another header or split the request (CR, LF, NUL).
    static func checkHeaders(_ headers: [HeaderField], secrets: SecretSet) throws(RequestError) {
        for header in headers {
            let name = secrets.redact(header.name)
            if header.name.isEmpty || header.name.contains(where: { $0 == ":" || $0.isWhitespace || $0.isNewline }) {
                throw .invalidHeader(name: name, reason: "a header name cannot be empty or contain ':' or white space")
            }
            if header.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                throw .invalidHeader(name: name, reason: "the value contains a line break; headers are one line each")
            }
        }
    }

    /// What is wrong with a URL's `user@host:port`, checked before sending: curl reported a
    /// port of 99999 only as it tried, as a transfer failure, not as the bad URL it is.
    static func authorityProblem(_ authority: Substring) -> String? {
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        var host = hostAndPort
        var port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return "an IPv6 address needs its closing ]" }
            host = hostAndPort[...close]
            let rest = hostAndPort[hostAndPort.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return "unexpected \(rest) after the IPv6 address" }
                port = rest.dropFirst()
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        }
        guard !host.isEmpty, host != "[]" else { return "no host" }
        if let port, !port.isEmpty {
            guard port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber), let number = Int(port.prefix(6)), number <= 65535 else {
                return "port \(port) is not a number from 0 to 65535"
            }
        }
        return nil
    }

    /// Adds a scheme when there is none (as curl does) and appends the params before any fragment.
    static func completeURL(_ raw: String, query: [(String, String)], secrets: SecretSet) throws(RequestError) -> String {
        var url = raw.trimmingCharacters(in: .whitespaces)
        if !url.contains("://") { url = "http://" + url }
        guard let schemeEnd = url.range(of: "://") else { throw .invalidURL(secrets.redact(raw), reason: "no scheme") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw .invalidURL(secrets.redact(raw), reason: "sonde speaks http and https, not \(scheme)")
        }
        let afterScheme = url[schemeEnd.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let reason = authorityProblem(authority) { throw .invalidURL(secrets.redact(raw), reason: reason) }
        guard !url.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) else {
            throw .invalidURL(secrets.redact(raw), reason: "it contains white space; put values with spaces in params")
        }
        guard !query.isEmpty else { return url }
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            fragment = String(url[hash...])
            url = String(url[..<hash])
        }
        let separator = url.contains("?") ? (url.hasSuffix("?") || url.hasSuffix("&") ? "" : "&") : "?"
        return url + separator + PercentEncoding.query(query) + fragment
    }
}
