import Foundation

/// A collection, a folder or one request as a Postman v2.1 collection: folders as item groups,
/// auth at each level (`inherit` left out, `none` as `noauth`), collection (and environment)
/// variables, switched-off rows as `disabled`, each body kind as its body mode, redirect and
/// TLS options as `protocolProfileBehavior`, and `expect:`/`captures:` as `pm.test` scripts of
/// the shapes `PostmanScriptTranslator` reads back. Secrets stay `{{env:NAME}}` (a Postman
/// variable of that name, declared `secret` with no value): no value is ever written.
public enum PostmanExporter {
    /// The content types Postman's raw-body languages stand for.
    static let languageTypes: Set = ["text/plain", "application/javascript", "text/html", "application/xml"]

    public static let schema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

    /// The collection's JSON text, and what Postman could not say (one line each).
    /// `folder` is the part exported (the collection's root for all of it); `only` limits it
    /// to one request.
    public static func render(
        _ collection: RequestCollection, folder: RequestFolder, only: SavedRequest? = nil, environment: Environment?
    ) -> (text: String, warnings: [String]) {
        var warnings: [String] = []
        var root: [String: Any] = ["info": ["name": folder.path.isEmpty ? collection.name : folder.name, "schema": schema]]
        if !collection.description.isEmpty, folder.path.isEmpty {
            root["info"] = ["name": collection.name, "schema": schema, "description": collection.description]
        }
        // The chain above the exported folder is folded into its level.
        let chain = collection.folderChain(to: SavedRequest(id: folder.path.isEmpty ? "x" : folder.path + "/x", fileURL: folder.url, definition: RequestDefinition(name: "", url: "")))
        var top = RequestDefaults()
        for level in [environment?.defaults].compactMap({ $0 }) + chain.map(\.defaults) {
            top.headers = merged(top.headers, level.headers)
            if level.auth != .inherit { top.auth = level.auth }
            top.options = level.options.over(top.options)
        }
        if let auth = auth(top.auth, place: folder.path.isEmpty ? "the collection" : folder.path, warnings: &warnings) { root["auth"] = auth }
        if let behaviour = behaviour(top.options) { root["protocolProfileBehavior"] = behaviour }

        var variables: [[String: Any]] = []
        for row in collection.variables + (environment?.variables ?? []) {
            variables.removeAll { ($0["key"] as? String) == row.name }
            var entry: [String: Any] = ["key": row.name, "value": PlaceholderStyle.postman.rewrite(row.value)]
            if !row.enabled { entry["disabled"] = true }
            variables.append(entry)
        }
        let items: [[String: Any]]
        if let only {
            items = [request(only, inherited: top.headers, collection: collection, warnings: &warnings)]
        } else {
            items = self.items(of: folder, inherited: top.headers, collection: collection, warnings: &warnings)
        }
        var texts: [String] = []
        collectTexts(items, into: &texts)
        texts += variables.compactMap { $0["value"] as? String }
        for name in PlaceholderStyle.secretNames(in: texts) where !variables.contains(where: { ($0["key"] as? String) == "env:\(name)" }) {
            variables.append(["key": "env:\(name)", "value": "", "type": "secret"])
        }
        if !variables.isEmpty { root["variable"] = variables }
        root["item"] = items
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return (String(decoding: data, as: UTF8.self) + "\n", warnings)
    }

    private static func collectTexts(_ value: Any, into texts: inout [String]) {
        if let text = value as? String { texts.append(text) }
        if let list = value as? [Any] { for item in list { collectTexts(item, into: &texts) } }
        if let object = value as? [String: Any] { for (_, item) in object { collectTexts(item, into: &texts) } }
    }

    private static func merged(_ base: [KeyValue], _ level: [KeyValue]) -> [KeyValue] {
        let rows = level.filter(\.enabled)
        let names = Set(rows.map { $0.name.lowercased() })
        return base.filter { !names.contains($0.name.lowercased()) } + rows
    }

    private static func items(of folder: RequestFolder, inherited: [KeyValue], collection: RequestCollection, warnings: inout [String]) -> [[String: Any]] {
        var items: [[String: Any]] = []
        for sub in folder.folders {
            var item: [String: Any] = ["name": sub.name]
            if let auth = auth(sub.defaults.auth, place: sub.path, warnings: &warnings) { item["auth"] = auth }
            if let behaviour = behaviour(sub.defaults.options) { item["protocolProfileBehavior"] = behaviour }
            item["item"] = Self.items(of: sub, inherited: merged(inherited, sub.defaults.headers), collection: collection, warnings: &warnings)
            items.append(item)
        }
        for saved in folder.requests {
            items.append(request(saved, inherited: inherited, collection: collection, warnings: &warnings))
        }
        return items
    }

    private static func request(_ saved: SavedRequest, inherited: [KeyValue], collection: RequestCollection, warnings: inout [String]) -> [String: Any] {
        let style = PlaceholderStyle.postman
        let definition = saved.definition
        let own = Set(definition.headers.filter(\.enabled).map { $0.name.lowercased() })
        var headers = inherited.filter { !own.contains($0.name.lowercased()) } + definition.headers
        if case .text(_, let type) = definition.body, !PostmanExporter.languageTypes.contains(type),
           !headers.contains(where: { $0.enabled && $0.name.lowercased() == "content-type" }) {
            // Postman names a raw body's type by its language only: any other type is a header.
            headers.append(KeyValue("Content-Type", type))
        }
        var request: [String: Any] = ["method": definition.method.rawValue, "header": rows(headers)]
        var url: [String: Any] = ["raw": style.rewrite(definition.url) + query(definition.params, after: definition.url)]
        // Postman sends query values as written and its rows are read back percent-decoded:
        // a `%` sonde would encode is written encoded.
        if !definition.params.isEmpty { url["query"] = rows(definition.params.map { KeyValue($0.name.replacingOccurrences(of: "%", with: "%25"), $0.value.replacingOccurrences(of: "%", with: "%25"), enabled: $0.enabled) }) }
        request["url"] = url
        if let body = body(definition.body, saved: saved, warnings: &warnings) { request["body"] = body }
        if let auth = auth(definition.auth, place: saved.id, warnings: &warnings) { request["auth"] = auth }
        if !definition.description.isEmpty { request["description"] = definition.description }
        var item: [String: Any] = ["name": definition.name, "request": request]
        if let behaviour = behaviour(definition.options) { item["protocolProfileBehavior"] = behaviour }
        let script = testScript(definition, id: saved.id, warnings: &warnings)
        if !script.isEmpty {
            item["event"] = [["listen": "test", "script": ["type": "text/javascript", "exec": script]]]
        }
        return item
    }

    private static func rows(_ rows: [KeyValue]) -> [[String: Any]] {
        rows.map { row in
            var entry: [String: Any] = ["key": PlaceholderStyle.postman.rewrite(row.name), "value": PlaceholderStyle.postman.rewrite(row.value)]
            if !row.enabled { entry["disabled"] = true }
            return entry
        }
    }

    /// `?a=1&b=2` for `url.raw` (enabled rows only, as Postman writes it).
    private static func query(_ params: [KeyValue], after url: String) -> String {
        let enabled = params.filter(\.enabled)
        guard !enabled.isEmpty else { return "" }
        return (url.contains("?") ? "&" : "?") + enabled.map { PlaceholderStyle.postman.rewrite("\(HTTPFileExporter.queryText($0.name))=\(HTTPFileExporter.queryText($0.value))") }
            .joined(separator: "&")
    }

    private static func body(_ body: RequestBody, saved: SavedRequest, warnings: inout [String]) -> [String: Any]? {
        let style = PlaceholderStyle.postman
        switch body {
        case .none:
            return nil
        case .json(let text):
            return ["mode": "raw", "raw": style.rewrite(text), "options": ["raw": ["language": "json"]]]
        case .text(let text, let type):
            let language = ["text/plain": "text", "application/javascript": "javascript", "text/html": "html", "application/xml": "xml"]
            let base = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            return ["mode": "raw", "raw": style.rewrite(text), "options": ["raw": ["language": language[base] ?? "text"]]]
        case .form(let fields):
            return ["mode": "urlencoded", "urlencoded": rows(fields)]
        case .multipart(let parts):
            return ["mode": "formdata", "formdata": parts.map { part -> [String: Any] in
                var entry: [String: Any] = ["key": style.rewrite(part.name), "type": part.isFile ? "file" : "text"]
                if part.isFile { entry["src"] = part.value } else { entry["value"] = style.rewrite(part.value) }
                if let type = part.contentType { entry["contentType"] = type }
                if !part.enabled { entry["disabled"] = true }
                return entry
            }]
        case .file(let path, _):
            return ["mode": "file", "file": ["src": path]]
        }
    }

    private static func auth(_ auth: AuthConfig, place: String, warnings: inout [String]) -> [String: Any]? {
        let style = PlaceholderStyle.postman
        func attributes(_ pairs: [(String, String)]) -> [[String: Any]] {
            pairs.map { ["key": $0.0, "value": style.rewrite($0.1), "type": "string"] }
        }
        switch auth {
        case .inherit:
            return nil
        case .none:
            return ["type": "noauth"]
        case .basic(let user, let password):
            return ["type": "basic", "basic": attributes([("username", user), ("password", password)])]
        case .challenge(.digest, let user, let password):
            return ["type": "digest", "digest": attributes([("username", user), ("password", password)])]
        case .challenge(_, let user, let password):
            return ["type": "ntlm", "ntlm": attributes([("username", user), ("password", password)])]
        case .bearer(let token):
            return ["type": "bearer", "bearer": attributes([("token", token)])]
        case .apiKey(let name, let value, let location):
            return ["type": "apikey", "apikey": attributes([("key", name), ("value", value), ("in", location.rawValue)])]
        case .oauth2ClientCredentials(let oauth):
            return ["type": "oauth2", "oauth2": attributes(PostmanOAuth2.attributes(of: oauth))]
        }
    }

    private static func behaviour(_ options: OptionOverrides) -> [String: Any]? {
        var fields: [String: Any] = [:]
        if let follow = options.followRedirects { fields["followRedirects"] = follow }
        if let count = options.maxRedirects { fields["maxRedirects"] = count }
        if let verify = options.verifyTLS { fields["strictSSL"] = verify }
        return fields.isEmpty ? nil : fields
    }

    // MARK: - expect: and captures: as a test script

    /// One `pm.test` per check and one `pm.environment.set` per capture, in the shapes the
    /// importer translates back; what has no simple script is listed as a warning.
    static func testScript(_ definition: RequestDefinition, id: String, warnings: inout [String]) -> [String] {
        var lines: [String] = []
        var unsaid: [String] = []
        let expectations = definition.expectations
        func test(_ name: String, _ statement: String) {
            lines += ["pm.test(\(JSONText.quote(name)), function () {", "    \(statement);", "});"]
        }
        if expectations.status.count == 1, case .code(let code) = expectations.status[0] {
            test("status is \(code)", "pm.response.to.have.status(\(code))")
        } else if !expectations.status.isEmpty {
            let codes = expectations.status.map(\.description).joined(separator: ", ")
            let checks = expectations.status.map { pattern -> String in
                switch pattern {
                case .code(let code): "pm.response.code === \(code)"
                case .class(let digit): "Math.floor(pm.response.code / 100) === \(digit)"
                }
            }
            test("status is \(codes)", "pm.expect(\(checks.joined(separator: " || "))).to.be.true")
        }
        for check in expectations.headers {
            switch check.predicate {
            case .exists(true):
                test("header \(check.name)", "pm.response.to.have.header(\(JSONText.quote(check.name)))")
            case .equals(.string(let value)):
                test("header \(check.name)", "pm.response.to.have.header(\(JSONText.quote(check.name)), \(JSONText.quote(value)))")
            default:
                unsaid.append("header \(check.name) \(check.predicate)")
            }
        }
        for check in expectations.json {
            guard case .equals(let value) = check.predicate, let accessor = accessor(check.path), isScalar(value) else {
                unsaid.append("json \(check.path.text) \(check.predicate)")
                continue
            }
            test("\(check.path.text) equals \(value)", "pm.expect(pm.response.json()\(accessor)).to.eql(\(value))")
        }
        if !expectations.duration.isEmpty { unsaid.append("duration") }
        if !expectations.bodySize.isEmpty { unsaid.append("body_size") }
        if expectations.schema != nil { unsaid.append("schema") }
        for capture in definition.captures {
            switch capture.source {
            case .json(let path):
                if let accessor = accessor(path) {
                    lines.append("pm.environment.set(\(JSONText.quote(capture.name)), pm.response.json()\(accessor));")
                } else {
                    unsaid.append("capture \(capture.name)")
                }
            case .header(let name):
                lines.append("pm.environment.set(\(JSONText.quote(capture.name)), pm.response.headers.get(\(JSONText.quote(name))));")
            default:
                unsaid.append("capture \(capture.name)")
            }
        }
        if !unsaid.isEmpty { warnings.append("\(id): no Postman test written for \(unsaid.joined(separator: ", "))") }
        return lines
    }

    private static func isScalar(_ value: JSONLiteral) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    /// `.a.b[0]["c d"]` for `$.a.b[0]['c d']`; nil for wildcards, slices, unions and `..`.
    static func accessor(_ path: JSONPath) -> String? {
        var out = ""
        for segment in path.segments {
            guard !segment.isDescendant, segment.selectors.count == 1 else { return nil }
            switch segment.selectors[0] {
            case .name(let name):
                if let first = name.first, first.isLetter || first == "_" || first == "$",
                   name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }), name.allSatisfy(\.isASCII) {
                    out += "." + name
                } else {
                    out += "[" + JSONText.quote(name) + "]"
                }
            case .index(let index) where index >= 0:
                out += "[\(index)]"
            default:
                return nil
            }
        }
        return out
    }
}
