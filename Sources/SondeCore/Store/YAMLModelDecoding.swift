import Yams

/// Decoding of sonde's schema (requests, defaults, auth, options, bodies) from YAML nodes.
extension YAMLReader {
    /// Auth as written: `auth: {type: bearer, token: ...}`; absent means inherit.
    mutating func auth(_ node: Node?) -> AuthConfig {
        guard let node else { return .inherit }
        if let kind = node.scalar?.string, kind == "none" || kind == "inherit" {
            return kind == "none" ? .none : .inherit
        }
        guard let fields = mapping(node, "auth") else { return .inherit }
        warnOfUnknownKeys(fields, known: Self.authKeys, in: "auth")
        let kind = string(fields["type"], "auth type") ?? ""
        switch kind {
        case "inherit", "": return .inherit
        case "none": return .none
        case "basic":
            return .basic(
                username: string(fields["username"], "auth username") ?? "",
                password: string(fields["password"], "auth password") ?? "")
        case "digest", "ntlm":
            return .challenge(
                ChallengeScheme(rawValue: kind) ?? .digest,
                username: required(fields, "username", "\(kind) auth"),
                password: string(fields["password"], "auth password") ?? "")
        case "bearer":
            return .bearer(token: required(fields, "token", "bearer auth"))
        case "api_key", "apikey":
            let locationText = string(fields["in"], "api_key in") ?? "header"
            let location = APIKeyLocation(rawValue: locationText) ?? {
                problem("api_key `in` must be header or query, not \(locationText)", at: fields["in"])
                return .header
            }()
            return .apiKey(
                name: required(fields, "name", "api_key auth"), value: required(fields, "value", "api_key auth"),
                location: location)
        case "oauth2", "oauth2_client_credentials":
            return .oauth2ClientCredentials(oauth2(fields))
        default:
            problem("unknown auth type \(kind): expected none, inherit, basic, digest, ntlm, bearer, api_key or oauth2", at: fields["type"])
            return .inherit
        }
    }

    /// An `auth: {type: oauth2}` block for any grant; each grant's own fields are required for it only.
    private mutating func oauth2(_ fields: Node.Mapping) -> OAuth2ClientCredentials {
        let grantText = string(fields["grant"], "oauth2 grant") ?? OAuth2Grant.clientCredentials.rawValue
        let grant = OAuth2Grant(rawValue: grantText) ?? {
            let names = OAuth2Grant.allCases.map(\.rawValue).joined(separator: ", ")
            problem("unknown oauth2 grant \(grantText): expected one of \(names)", at: fields["grant"])
            return .clientCredentials
        }()
        let issuer = string(fields["issuer"], "oauth2 issuer")
        let what = "oauth2 \(grant.rawValue) auth"
        func field(_ key: String, requiredFor grants: [OAuth2Grant], unlessIssuer: Bool = false) -> String? {
            if grants.contains(grant), !(unlessIssuer && issuer != nil) { return required(fields, key, what) }
            return string(fields[key], "oauth2 \(key)")
        }
        var tokenAuth: OAuth2TokenAuth?
        if let text = string(fields["token_auth"], "oauth2 token_auth") {
            tokenAuth = OAuth2TokenAuth(rawValue: text)
            if tokenAuth == nil { problem("oauth2 token_auth must be client_secret_basic or client_secret_post, not \(text)", at: fields["token_auth"]) }
        }
        var parameters: [String: String] = [:]
        if let mapping = mapping(fields["authorize_params"], "oauth2 authorize_params") {
            for (key, value) in mapping {
                if let name = key.scalar?.string, let text = string(value, "oauth2 authorize_params \(name)") { parameters[name] = text }
            }
        }
        let port = integer(fields["redirect_port"], "oauth2 redirect_port")
        if let port, !(0...65535).contains(port) { problem("oauth2 redirect_port must be 0 to 65535, not \(port)", at: fields["redirect_port"]) }
        return OAuth2ClientCredentials(
            tokenURL: field("token_url", requiredFor: OAuth2Grant.allCases, unlessIssuer: true) ?? "",
            clientID: required(fields, "client_id", what),
            clientSecret: field("client_secret", requiredFor: [.clientCredentials]) ?? "",
            scope: string(fields["scope"], "oauth2 scope"),
            grant: grant,
            authorizationURL: field("authorization_url", requiredFor: [.authorizationCode], unlessIssuer: true),
            deviceAuthorizationURL: field("device_authorization_url", requiredFor: [.deviceCode], unlessIssuer: true),
            username: field("username", requiredFor: [.password]),
            password: field("password", requiredFor: [.password]),
            refreshToken: field("refresh_token", requiredFor: [.refreshToken]),
            audience: string(fields["audience"], "oauth2 audience"),
            authorizeParameters: parameters,
            redirectPort: port,
            pkce: bool(fields["pkce"], "oauth2 pkce") ?? true,
            tokenAuth: tokenAuth,
            issuer: issuer,
            loginTimeout: number(fields["timeout"], "oauth2 timeout"))
    }

    /// Options as written: `options: {timeout: 30, follow_redirects: false, ...}`.
    mutating func options(_ node: Node?) -> OptionOverrides {
        guard let fields = mapping(node, "options") else { return OptionOverrides() }
        warnOfUnknownKeys(fields, known: Self.optionKeys, in: "options")
        return OptionOverrides(
            connectTimeout: number(fields["connect_timeout"], "connect_timeout"),
            timeout: number(fields["timeout"], "timeout"),
            followRedirects: bool(fields["follow_redirects"], "follow_redirects"),
            maxRedirects: integer(fields["max_redirects"], "max_redirects"),
            verifyTLS: bool(fields["verify_tls"], "verify_tls"),
            sendUserAgent: bool(fields["user_agent"], "user_agent"),
            requestID: requestIDMode(fields["request_id"]),
            retry: retry(fields["retry"]),
            spillThreshold: byteCount(fields["spill_threshold"], "spill_threshold"),
            cookies: bool(fields["cookies"], "cookies"),
            tls: tls(fields),
            proxy: proxy(fields["proxy"]),
            proxyUser: proxyText(fields["proxy_user"], "proxy_user"),
            proxyPassword: proxyText(fields["proxy_password"], "proxy_password"),
            noProxy: proxyText(fields["no_proxy"], "no_proxy"),
            httpVersion: httpVersion(fields["http_version"]),
            unixSocket: unixSocket(fields["unix_socket"]))
    }

    /// `proxy: none` or a proxy URL. A URL written without placeholders is checked here, so a
    /// misspelt scheme is an error at its line before anything is sent; one with placeholders
    /// is checked once they are filled (`RequestPreparer`).
    private mutating func proxy(_ node: Node?) -> ProxyOption? {
        guard let text = proxyText(node, "proxy") else { return nil }
        if text == ProxyOption.noneKeyword { return ProxyOption.none }
        if ["false", "off", "no", "direct"].contains(text.lowercased()) {
            problem("proxy: \(text) is not a proxy URL: write proxy: none to go without any proxy", at: node)
            return ProxyOption.none
        }
        if !text.contains("{{") {
            do { _ = try ProxyURL.parse(text) } catch { problem("\(error)", at: node) }
        } else if let separator = text.range(of: "://"), !text[..<separator.lowerBound].contains("{{") {
            // The scheme is written out even when the rest is not.
            let scheme = text[..<separator.lowerBound].lowercased()
            if ProxyURL.Scheme(rawValue: scheme) == nil {
                do { _ = try ProxyURL.parse(scheme + "://host") } catch { problem("\(error)", at: node) }
            }
        }
        return .url(text)
    }

    /// A proxy option's text, its `{{` checked for a closing `}}`.
    private mutating func proxyText(_ node: Node?, _ key: String) -> String? {
        checkTemplates(node, in: key)
        return string(node, key)
    }

    /// `http_version: 1.1`: a YAML number or text, one of `HTTPVersionPreference`'s values.
    private mutating func httpVersion(_ node: Node?) -> HTTPVersionPreference? {
        guard let text = string(node, "http_version") else { return nil }
        if let version = HTTPVersionPreference(written: text) { return version }
        problem("unknown http_version \(text): expected \(HTTPVersionPreference.writtenValues)", at: node)
        return nil
    }

    /// `unix_socket: ~/run/api.sock`: a path, possibly with placeholders.
    private mutating func unixSocket(_ node: Node?) -> String? {
        checkTemplates(node, in: "unix_socket")
        guard let path = string(node, "unix_socket") else { return nil }
        if path.trimmingCharacters(in: .whitespaces).isEmpty {
            problem("unix_socket needs the path of a socket", at: node)
            return nil
        }
        return path
    }

    /// `request_id:` as a mode, or as a boolean as before modes existed (true: per_request).
    mutating func requestIDMode(_ node: Node?) -> RequestIDMode? {
        guard let node else { return nil }
        let text = node.scalar?.string.lowercased() ?? ""
        switch text {
        case "true", "yes", "on": return .perRequest
        case "false", "no": return .off
        default:
            if let mode = RequestIDMode(rawValue: text) { return mode }
            problem("request_id must be per_request, per_attempt or off (true and false also work)", at: node)
            return nil
        }
    }

    /// Headers, auth and options of a collection, folder or environment file.
    mutating func defaults(_ fields: Node.Mapping) -> RequestDefaults {
        for key in ["headers", "auth"] { checkTemplates(fields[key], in: key) }
        return RequestDefaults(
            headers: keyValues(fields["headers"], "headers"),
            auth: auth(fields["auth"]),
            options: options(fields["options"]))
    }

    /// A request file. `fallbackName` (the file name) is used when it has no `name`.
    mutating func request(_ root: Node, fallbackName: String) -> RequestDefinition? {
        guard let fields = mapping(root, "a request file") else {
            if root.scalar != nil { problem("a request file must be a mapping with at least method and url", at: root) }
            return nil
        }
        warnOfUnknownKeys(fields, known: Self.requestKeys, in: "a request", allowingKept: true)
        for key in ["url", "params", "headers", "body", "auth"] { checkTemplates(fields[key], in: key) }
        let methodText = string(fields["method"], "method")?.uppercased() ?? "GET"
        let method = HTTPMethod(rawValue: methodText) ?? {
            problem("unknown method \(methodText): expected one of \(HTTPMethod.allCases.map(\.rawValue).joined(separator: " "))", at: fields["method"])
            return .GET
        }()
        guard let url = string(fields["url"], "url"), !url.isEmpty else {
            problem("a request needs a url", at: fields["url"] ?? root)
            return nil
        }
        return RequestDefinition(
            name: string(fields["name"], "name") ?? fallbackName,
            method: method,
            url: url,
            params: keyValues(fields["params"], "params"),
            headers: keyValues(fields["headers"], "headers"),
            body: body(fields["body"]),
            auth: auth(fields["auth"]),
            options: options(fields["options"]),
            pagination: pagination(fields["paginate"]),
            description: string(fields["description"], "description") ?? "",
            captures: captures(fields["captures"]),
            expectations: expectations(fields["expect"]))
    }

    /// A body as written: `body: {type: json, content: ...}`.
    mutating func body(_ node: Node?) -> RequestBody {
        guard let fields = mapping(node, "body") else { return .none }
        warnOfUnknownKeys(fields, known: Self.bodyKeys, in: "body")
        let kind = string(fields["type"], "body type") ?? "json"
        switch kind {
        case "none": return .none
        case "json":
            guard let content = fields["content"] else { return .json("") }
            if content.scalar != nil { return .json(string(content, "json content") ?? "") }
            var scalarProblems: [(Node.Scalar, String)] = []
            let text = JSONText.fromYAML(content, problems: &scalarProblems)
            for (scalar, message) in scalarProblems {
                problem(message, line: scalar.mark?.line, column: scalar.mark?.column)
            }
            return .json(text)
        case "form", "form-urlencoded", "urlencoded":
            return .form(keyValues(fields["fields"], "form fields"))
        case "multipart":
            return .multipart(multipartFields(fields["parts"]))
        case "text", "raw":
            return .text(
                string(fields["content"], "text content") ?? "",
                contentType: string(fields["content_type"], "content_type") ?? "text/plain; charset=utf-8")
        case "file":
            return .file(
                path: required(fields, "path", "file body"),
                contentType: string(fields["content_type"], "content_type"))
        default:
            problem("unknown body type \(kind): expected none, json, form, multipart, text or file", at: fields["type"])
            return .none
        }
    }

    private mutating func multipartFields(_ node: Node?) -> [MultipartField] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            problem("multipart parts must be a list of {name, value} or {name, file}", at: node)
            return []
        }
        return items.compactMap { item in
            guard let part = mapping(item, "a multipart part"), let name = string(part["name"], "part name") else {
                problem("each multipart part needs a name", at: item)
                return nil
            }
            warnOfUnknownKeys(part, known: Self.multipartKeys, in: "a multipart part")
            let enabled = bool(part["enabled"], "enabled") ?? true
            if let path = string(part["file"], "part file") {
                return MultipartField(
                    name: name, value: path, isFile: true, filename: string(part["filename"], "filename"),
                    contentType: string(part["content_type"], "content_type"), enabled: enabled)
            }
            return MultipartField(name: name, value: string(part["value"], "part value") ?? "", enabled: enabled)
        }
    }

    private mutating func required(_ fields: Node.Mapping, _ key: String, _ what: String) -> String {
        if let value = string(fields[key], key) { return value }
        problem("\(what) needs `\(key)`", at: fields[key] ?? fields.keys.first)
        return ""
    }
}
