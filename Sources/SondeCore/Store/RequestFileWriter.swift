import Foundation
import Yams

/// Why a request could not be saved. The file on disk is left as it was.
public enum SaveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text to write holds a resolved secret; secrets are only ever saved as `{{env:NAME}}`.
    case containsSecret(file: String)
    case writeFailed(file: String, reason: String)
    /// The file changed on disk since it was loaded (another editor, a `git pull`); saving would
    /// silently drop those changes.
    case changedOnDisk(file: String)

    public var description: String {
        switch self {
        case .containsSecret(let file):
            "refusing to save \(file): it would contain a secret value; refer to it as {{env:NAME}} instead"
        case .writeFailed(let file, let reason): "cannot save \(file): \(reason)"
        case .changedOnDisk(let file):
            "cannot save \(file): it changed on disk since sonde loaded it; reload to see that change"
        }
    }
}

/// Writes request files back to disk, changing only the text of what changed: comments, blank
/// lines, key order, quoting and flow/block style of everything else stay as they were.
public enum RequestFileWriter {
    /// The keys sonde writes, in the order it writes new ones.
    static let knownKeys = [
        "name", "description", "method", "url", "params", "headers", "body", "auth", "options", "paginate", "captures", "expect",
    ]

    /// Saves `request` atomically and returns it with its new source text, which the next save
    /// must start from: a file whose text is no longer what `request` was loaded from is left
    /// alone (`SaveError.changedOnDisk`).
    public static func save(_ request: SavedRequest, secrets: SecretSet = SecretSet()) throws(SaveError) -> SavedRequest {
        let file = request.fileURL.path
        if let loaded = request.sourceText, let data = FileManager.default.contents(atPath: file),
           String(data: data, encoding: .utf8) != loaded {
            throw .changedOnDisk(file: file)
        }
        let text: String
        do {
            text = try yaml(for: request.definition, original: request.sourceText)
        } catch {
            throw .writeFailed(file: file, reason: "\(error)")
        }
        if secrets.occurs(in: text) { throw .containsSecret(file: file) }
        do {
            try AtomicFile.write(Data(text.utf8), to: request.fileURL)
        } catch {
            throw .writeFailed(file: file, reason: FileErrorText.reason(of: error))
        }
        var saved = request
        saved.sourceText = text
        return saved
    }

    /// The YAML text for `definition`, edited into `original` when there is one.
    ///
    /// Only the text of what changed is touched (`YAMLSplice`), and the result must read back
    /// as `definition`; when it does not, the file is written whole, keeping its leading
    /// comments, its key order, unknown keys and every unchanged field's node.
    public static func yaml(for definition: RequestDefinition, original: String?) throws -> String {
        var pairs: [(Node, Node)] = []
        var previous: RequestDefinition?
        if let original, let node = try? Yams.compose(yaml: original, Resolver.basic, Constructor.default, .utf8), let mapping = node.mapping {
            pairs = Array(mapping)
            var reader = YAMLReader(file: "")
            previous = reader.request(node, fallbackName: definition.name)
        }
        if let original, let previous {
            if previous == definition { return original }
            let encoded = encode(definition)
            let changes = knownKeys.filter { !sameField($0, previous, definition) }.map { (key: $0, value: encoded[$0]) }
            if let text = try? YAMLSplice.splice(original, changes: changes, order: knownKeys), reads(text, as: definition) {
                return text
            }
        }
        let encoded = encode(definition)
        for key in knownKeys {
            let index = pairs.firstIndex { $0.0.scalar?.string == key }
            let unchanged = previous.map { sameField(key, $0, definition) } ?? false
            switch (index, encoded[key]) {
            case (_?, _) where unchanged:
                break
            case (let index?, let value?):
                pairs[index].1 = YAMLSplice.styled(value)
            case (let index?, nil):
                pairs.remove(at: index)
            case (nil, let value?):
                pairs.append((Node(key), YAMLSplice.styled(value)))
            case (nil, nil):
                break
            }
        }
        let text = try YAMLSplice.serialize(Node(pairs))
        return (original.map(leadingComments) ?? "") + text
    }

    /// Whether `text` loads as exactly `definition`.
    private static func reads(_ text: String, as definition: RequestDefinition) -> Bool {
        var reader = YAMLReader(file: "")
        guard let node = reader.compose(text) else { return false }
        return reader.request(node, fallbackName: definition.name) == definition
    }

    /// The comment and blank lines that open a file, which a whole rewrite keeps.
    static func leadingComments(of text: String) -> String {
        var kept = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.isEmpty || trimmed.hasPrefix("#") else { break }
            kept += line + "\n"
        }
        return kept
    }

    /// Whether one field is the same in both definitions, so an unchanged field keeps its original node.
    private static func sameField(_ key: String, _ a: RequestDefinition, _ b: RequestDefinition) -> Bool {
        switch key {
        case "name": a.name == b.name
        case "description": a.description == b.description
        case "method": a.method == b.method
        case "url": a.url == b.url
        case "params": a.params == b.params
        case "headers": a.headers == b.headers
        case "body": a.body == b.body
        case "auth": a.auth == b.auth
        case "options": a.options == b.options
        case "paginate": a.pagination == b.pagination
        case "captures": a.captures == b.captures
        case "expect": a.expectations == b.expectations
        default: false
        }
    }

    /// Each field as a YAML node, nil for a field at its default (so it is not written).
    static func encode(_ definition: RequestDefinition) -> [String: Node] {
        var nodes: [String: Node] = [
            "name": Node(definition.name),
            "method": Node(definition.method.rawValue),
            "url": Node(definition.url),
        ]
        if !definition.description.isEmpty { nodes["description"] = Node(definition.description) }
        if !definition.params.isEmpty { nodes["params"] = encode(definition.params) }
        if !definition.headers.isEmpty { nodes["headers"] = encode(definition.headers) }
        if let body = encode(definition.body) { nodes["body"] = body }
        if let auth = encode(definition.auth) { nodes["auth"] = auth }
        if !definition.options.isEmpty { nodes["options"] = encode(definition.options) }
        if let pagination = definition.pagination { nodes["paginate"] = encode(pagination) }
        if !definition.captures.isEmpty { nodes["captures"] = encode(definition.captures) }
        if !definition.expectations.isEmpty { nodes["expect"] = encode(definition.expectations) }
        return nodes
    }

    static func encode(_ rows: [KeyValue]) -> Node {
        Node(rows.map { row in
            var pairs: [(Node, Node)] = [(Node("name"), Node(row.name)), (Node("value"), Node(row.value))]
            if !row.enabled { pairs.append((Node("enabled"), Node("false"))) }
            return Node(pairs)
        })
    }

    static func encode(_ body: RequestBody) -> Node? {
        var pairs: [(Node, Node)] = [(Node("type"), Node(body.kind))]
        switch body {
        case .none:
            return nil
        case .json(let text):
            pairs.append((Node("content"), Node(text)))
        case .form(let fields):
            pairs.append((Node("fields"), encode(fields)))
        case .multipart(let parts):
            pairs.append((Node("parts"), Node(parts.map { part in
                var fields: [(Node, Node)] = [(Node("name"), Node(part.name))]
                fields.append((Node(part.isFile ? "file" : "value"), Node(part.value)))
                if let filename = part.filename { fields.append((Node("filename"), Node(filename))) }
                if let contentType = part.contentType { fields.append((Node("content_type"), Node(contentType))) }
                if !part.enabled { fields.append((Node("enabled"), Node("false"))) }
                return Node(fields)
            })))
        case .text(let text, let contentType):
            pairs.append((Node("content"), Node(text)))
            pairs.append((Node("content_type"), Node(contentType)))
        case .file(let path, let contentType):
            pairs.append((Node("path"), Node(path)))
            if let contentType { pairs.append((Node("content_type"), Node(contentType))) }
        }
        return Node(pairs)
    }

    static func encode(_ auth: AuthConfig) -> Node? {
        var pairs: [(Node, Node)] = [(Node("type"), Node(auth.kind))]
        switch auth {
        case .inherit:
            return nil
        case .none:
            break
        case .basic(let username, let password), .challenge(_, let username, let password):
            pairs += [(Node("username"), Node(username)), (Node("password"), Node(password))]
        case .bearer(let token):
            pairs.append((Node("token"), Node(token)))
        case .apiKey(let name, let value, let location):
            pairs += [(Node("name"), Node(name)), (Node("value"), Node(value)), (Node("in"), Node(location.rawValue))]
        case .oauth2ClientCredentials(let credentials):
            if credentials.grant != .clientCredentials { pairs.append((Node("grant"), Node(credentials.grant.rawValue))) }
            if let issuer = credentials.issuer { pairs.append((Node("issuer"), Node(issuer))) }
            if !credentials.tokenURL.isEmpty || credentials.issuer == nil { pairs.append((Node("token_url"), Node(credentials.tokenURL))) }
            for (key, value) in [("authorization_url", credentials.authorizationURL), ("device_authorization_url", credentials.deviceAuthorizationURL)] {
                if let value { pairs.append((Node(key), Node(value))) }
            }
            pairs.append((Node("client_id"), Node(credentials.clientID)))
            if !credentials.clientSecret.isEmpty || credentials.grant == .clientCredentials {
                pairs.append((Node("client_secret"), Node(credentials.clientSecret)))
            }
            let optional: [(String, String?)] = [
                ("scope", credentials.scope), ("audience", credentials.audience), ("username", credentials.username),
                ("password", credentials.password), ("refresh_token", credentials.refreshToken),
                ("redirect_port", credentials.redirectPort.map(String.init)), ("pkce", credentials.pkce ? nil : "false"),
                ("token_auth", credentials.tokenAuth?.rawValue), ("timeout", credentials.loginTimeout.map(number)),
            ]
            for (key, value) in optional { if let value { pairs.append((Node(key), Node(value))) } }
            if !credentials.authorizeParameters.isEmpty {
                pairs.append((Node("authorize_params"), Node(credentials.authorizeParameters.sorted { $0.key < $1.key }.map { (Node($0.key), Node($0.value)) })))
            }
        }
        return Node(pairs)
    }

    static func encode(_ options: OptionOverrides) -> Node {
        var pairs: [(Node, Node)] = []
        func add(_ key: String, _ value: (some CustomStringConvertible)?) {
            if let value { pairs.append((Node(key), Node(value.description))) }
        }
        add("connect_timeout", options.connectTimeout.map(number))
        add("timeout", options.timeout.map(number))
        add("follow_redirects", options.followRedirects)
        add("max_redirects", options.maxRedirects)
        add("verify_tls", options.verifyTLS)
        add("user_agent", options.sendUserAgent)
        // true and false, as files written before the modes say them.
        add("request_id", options.requestID.map { $0 == .perRequest ? "true" : $0 == .off ? "false" : $0.rawValue })
        add("spill_threshold", options.spillThreshold)
        add("cookies", options.cookies)
        let tls = options.tls
        add("client_cert", tls.clientCert)
        add("client_key", tls.clientKey)
        add("client_cert_type", tls.clientCertType?.rawValue)
        add("key_password", tls.keyPassword)
        add("ca_cert", tls.caCert)
        add("ca_path", tls.caPath)
        add("proxy", options.proxy?.text)
        add("proxy_user", options.proxyUser)
        add("proxy_password", options.proxyPassword)
        add("no_proxy", options.noProxy)
        add("http_version", options.httpVersion?.rawValue)
        add("unix_socket", options.unixSocket)
        if !options.retry.isEmpty { pairs.append((Node("retry"), encode(options.retry))) }
        return Node(pairs)
    }

    static func encode(_ retry: RetryOverrides) -> Node {
        var pairs: [(Node, Node)] = []
        func add(_ key: String, _ value: (some CustomStringConvertible)?) {
            if let value { pairs.append((Node(key), Node(value.description))) }
        }
        add("attempts", retry.attempts)
        add("backoff", retry.backoff?.rawValue)
        add("base", retry.base.map(number))
        add("max", retry.max.map(number))
        add("jitter", retry.jitter)
        add("max_wait", retry.maxWait.map(number))
        add("non_idempotent", retry.nonIdempotent)
        return Node(pairs)
    }

    static func encode(_ pagination: Pagination) -> Node {
        var pairs: [(Node, Node)] = [(Node("style"), Node(pagination.style.rawValue))]
        func add(_ key: String, _ value: (some CustomStringConvertible)?) {
            if let value { pairs.append((Node(key), Node(value.description))) }
        }
        add("items", pagination.items)
        add("max_pages", pagination.maxPages)
        add("page_param", pagination.pageParam)
        add("size_param", pagination.sizeParam)
        add("size", pagination.size)
        add("start", pagination.start)
        add("total", pagination.total)
        add("total_header", pagination.totalHeader)
        add("cursor", pagination.cursor)
        add("cursor_param", pagination.cursorParam)
        return Node(pairs)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
