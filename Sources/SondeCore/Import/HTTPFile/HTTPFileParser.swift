import Foundation

/// Reads a `.http` file block by block (`###` separates them): comments and `@` directives,
/// file variables, the request line with its indented continuations, headers up to a blank
/// line, the body up to the next `###`, and response handlers after it.
struct HTTPFileParser {
    /// One line of the source, numbered from 1.
    struct Line {
        let number: Int
        let text: String
        var trimmed: String { text.trimmingCharacters(in: .whitespaces) }
        /// Whether the line is indented (a continuation of the URL when it starts with `?`, `&` or `/`).
        var isIndented: Bool { text.first == " " || text.first == "\t" }
    }

    /// A request block: the text after its `###`, and its lines.
    struct Block {
        var name: String?
        var lines: [Line]
    }

    let lines: [Line]
    var context: HTTPFileContext
    var variables: [KeyValue] = []

    /// Methods HTTP clients know that sonde cannot send: such a request is skipped with a warning.
    static let otherMethods: Set<String> = [
        "TRACE", "CONNECT", "GRAPHQL", "WEBSOCKET", "GRPC", "PURGE", "LINK", "UNLINK", "PROPFIND",
        "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH", "QUERY",
    ]

    init(text: String, file: String) {
        var source = text
        if source.hasPrefix("\u{FEFF}") { source.removeFirst() }
        // "\r\n" is one Character to Swift: split on both, or a Windows file is one long line.
        lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.enumerated().map { index, line in
            Line(number: index + 1, text: String(line))
        }
        context = HTTPFileContext(file: file)
    }

    mutating func collection(name: String) throws(HTTPFileImportError) -> ImportedCollection {
        var requests: [ImportedRequest] = []
        for block in blocks() {
            if let request = try request(in: block) { requests.append(request) }
        }
        // In the order of the file: a request's body is read after its response handler.
        let warnings = context.warnings.enumerated().sorted { a, b in
            (Self.line(of: a.element), a.offset) < (Self.line(of: b.element), b.offset)
        }.map(\.element)
        var collection = ImportedCollection(
            name: name, variables: variables, root: ImportedFolder(name: "", requests: requests),
            secretNames: context.secrets.names, secretValues: context.secrets.values, warnings: warnings)
        collection.referToSecretsEverywhere()
        return collection
    }

    /// The line a warning's `file:line` place names, 0 for none.
    private static func line(of warning: ImportWarning) -> Int {
        warning.place.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    /// The blocks between `###` lines; the text after `###` names the request that follows.
    func blocks() -> [Block] {
        var blocks = [Block(name: nil, lines: [])]
        for line in lines {
            let trimmed = line.trimmed
            if trimmed.hasPrefix("###") {
                let name = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                blocks.append(Block(name: name.isEmpty ? nil : name, lines: []))
            } else {
                blocks[blocks.count - 1].lines.append(line)
            }
        }
        return blocks
    }

    /// The comment text of a `#` or `//` line, nil for any other line.
    static func comment(_ trimmed: String) -> String? {
        if trimmed.hasPrefix("#") { return trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
        if trimmed.hasPrefix("//") { return trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces) }
        return nil
    }

    /// Whether a line opens a `{% … %}` script and does not close it on the same line.
    static func opensScript(_ text: String) -> Bool {
        guard let open = text.range(of: "{%") else { return false }
        return text[open.upperBound...].range(of: "%}") == nil
    }

    // MARK: - One request

    private mutating func request(in block: Block) throws(HTTPFileImportError) -> ImportedRequest? {
        var name = block.name
        var description: [String] = []
        var options = OptionOverrides()
        var kept: [KeyValue] = []
        var index = 0
        let lines = block.lines

        // Before the request line: comments, directives, file variables, a pre-request script.
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmed
            if trimmed.isEmpty {
                index += 1
            } else if trimmed.hasPrefix("<"), trimmed.dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("{%") {
                let (text, next) = try script(from: index, in: lines, what: "pre-request script")
                kept.append(KeyValue("x-http-pre-request-script", text))
                context.note(line.number, "pre-request script kept as text under x-http-pre-request-script: sonde does not run it")
                index = next
            } else if let comment = Self.comment(trimmed) {
                if comment.hasPrefix("@") {
                    directive(comment, line: line.number, name: &name, options: &options)
                } else {
                    description.append(comment)
                }
                index += 1
            } else if trimmed.hasPrefix("@") {
                try fileVariable(trimmed, line: line.number)
                index += 1
            } else {
                break
            }
        }
        guard index < lines.count else {
            if !kept.isEmpty || (name != nil && block.name == nil) {
                context.note(lines.first?.number, "a name or script with no request after it: ignored")
            }
            return nil
        }

        // The request line and its indented continuations.
        let requestLine = lines[index]
        guard let (method, written) = try self.requestLine(requestLine, options: &options) else { return nil }
        var url = written
        index += 1
        while index < lines.count, lines[index].isIndented, let first = lines[index].trimmed.first, "?&/".contains(first) {
            url += lines[index].trimmed
            index += 1
        }
        url = try context.rewrite(url, line: requestLine.number)

        let headers = try self.headers(in: lines, from: &index, description: &description)
        let split = try bodyAndHandler(lines[index...])
        var bodyLines = split.body
        if let first = split.handler.first {
            kept.append(KeyValue("x-http-response-handler", split.handler.map(\.text).joined(separator: "\n")))
            context.note(first.number, "response handler kept as text under x-http-response-handler: sonde does not run it or save the response")
        }
        while let first = bodyLines.first, first.trimmed.isEmpty { bodyLines.removeFirst() }
        while let last = bodyLines.last, last.trimmed.isEmpty { bodyLines.removeLast() }
        if !bodyLines.isEmpty, bodyLines.allSatisfy({ Self.comment($0.trimmed) != nil }) {
            description += bodyLines.compactMap { Self.comment($0.trimmed) }
            bodyLines = []
        }

        var rows = headers
        let body = try self.body(bodyLines, headers: &rows)
        let auth = credentials(in: &rows)
        url = secretQueryValues(in: url)
        if url.hasPrefix("/") {
            guard let host = rows.firstIndex(where: { $0.name.lowercased() == "host" }) else {
                throw context.error(requestLine.number, "the request line has a path (\(url)) but no Host: header: add one or write the whole URL")
            }
            let scheme = rows[host].value.hasSuffix(":443") ? "https" : "http"
            url = "\(scheme)://\(rows[host].value)\(url)"
            rows.remove(at: host)
        }
        let definition = RequestDefinition(
            name: name ?? Self.defaultName(method: method, url: url), method: method, url: url, headers: rows,
            body: body, auth: auth, options: options, description: description.joined(separator: "\n"))
        try checkClosed(definition, requestLine: requestLine.number, bodyLine: bodyLines.first?.number)
        return ImportedRequest(definition: definition, kept: kept)
    }

    /// The headers from `index` up to a blank line (or a line that can only start the body);
    /// comment lines among them join the description.
    private mutating func headers(in lines: [Line], from index: inout Int, description: inout [String]) throws(HTTPFileImportError) -> [KeyValue] {
        var headers: [KeyValue] = []
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmed
            if trimmed.isEmpty { index += 1; break }
            if let comment = Self.comment(trimmed) {
                description.append(comment)
                index += 1
                continue
            }
            if let first = trimmed.first, "<>{[".contains(first) { break }
            guard let colon = trimmed.firstIndex(of: ":"),
                  case let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces),
                  !name.isEmpty, !name.contains(where: \.isWhitespace)
            else {
                context.note(line.number, "not a header (Name: value) and no blank line before it: read as the start of the body")
                break
            }
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(KeyValue(try context.rewrite(name, line: line.number), try context.rewrite(value, line: line.number)))
            index += 1
        }
        return headers
    }

    /// The body lines, and from the first `>`, `>>` or `<>` line to the end of the block the
    /// response handlers and redirections (blank lines around them dropped).
    private func bodyAndHandler(_ lines: ArraySlice<Line>) throws(HTTPFileImportError) -> (body: [Line], handler: [Line]) {
        var body: [Line] = []
        var handler: [Line] = []
        var openScript: Int?
        for line in lines {
            let trimmed = line.trimmed
            if handler.isEmpty, !(trimmed.hasPrefix(">") || trimmed.hasPrefix("<>")) {
                body.append(line)
                continue
            }
            handler.append(line)
            if openScript != nil {
                if line.text.contains("%}") { openScript = nil }
            } else if Self.opensScript(line.text) {
                openScript = line.number
            }
        }
        if let start = openScript {
            throw context.error(start, "response handler script {% is never closed with %}")
        }
        while let last = handler.last, last.trimmed.isEmpty { handler.removeLast() }
        return (body, handler)
    }

    /// Fails when a field the loader reads as a template has a `{{` no `}}` closes. Each piece of
    /// text is checked as it is read; this catches the ones a form split (`{{a=b}}` at the `=`)
    /// or a header moved to auth made.
    private func checkClosed(_ definition: RequestDefinition, requestLine: Int, bodyLine: Int?) throws(HTTPFileImportError) {
        var request = [definition.url] + definition.headers.flatMap { [$0.name, $0.value] }
        switch definition.auth {
        case .basic(let user, let password), .challenge(_, let user, let password): request += [user, password]
        case .bearer(let token): request.append(token)
        default: break
        }
        var body: [String] = []
        switch definition.body {
        case .json(let text): body = [text]
        case .text(let text, let type): body = [text, type]
        case .form(let fields): body = fields.flatMap { [$0.name, $0.value] }
        case .multipart(let parts): body = parts.flatMap { [$0.name, $0.value, $0.filename ?? "", $0.contentType ?? ""] }
        case .file(let path, let type): body = [path, type ?? ""]
        case .none: break
        }
        for (texts, line, what) in [(request, requestLine, "the request"), (body, bodyLine ?? requestLine, "the body")] {
            if texts.contains(where: { Template.unclosedOpening(in: $0) != nil }) {
                throw context.error(line, "a {{ in \(what) is never closed: close it with }} (sonde would send it as written)")
            }
        }
    }

    /// The method and URL of a request line (`GET url`, `url`, `GET url HTTP/1.1`); nil for a
    /// method sonde does not send (with a warning).
    private mutating func requestLine(_ line: Line, options: inout OptionOverrides) throws(HTTPFileImportError) -> (HTTPMethod, String)? {
        var words = line.trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        if let first = line.trimmed.first, "<>{[".contains(first) {
            throw context.error(line.number, "expected a request line (GET https://example.com/) before \"\(line.trimmed.prefix(40))\"")
        }
        if let first = words.first, first.hasSuffix(":"), HTTPMethod(rawValue: first.uppercased()) == nil {
            throw context.error(line.number, "\"\(line.trimmed.prefix(40))\" is a header, but no request line (GET https://example.com/) comes before it")
        }
        var method = HTTPMethod.GET
        if let first = words.first, let known = HTTPMethod(rawValue: first.uppercased()) {
            method = known
            words.removeFirst()
        } else if let first = words.first, Self.otherMethods.contains(first.uppercased()) {
            context.note(line.number, "\(first) requests are not something sonde sends: skipped")
            return nil
        }
        if words.count > 1, let last = words.last, last.uppercased().hasPrefix("HTTP/") {
            switch last.uppercased() {
            case "HTTP/1.1": break
            case "HTTP/1.0": options.httpVersion = .http1_0
            case "HTTP/2", "HTTP/2.0": options.httpVersion = .http2
            default: context.note(line.number, "\(last) is not a version sonde can ask for: ignored")
            }
            words.removeLast()
        }
        guard !words.isEmpty else {
            throw context.error(line.number, "the request line \"\(line.trimmed)\" has no URL: write it after the method (GET https://example.com/)")
        }
        return (method, words.joined(separator: " "))
    }

    /// A `# @directive` comment: `@name`, and the options sonde has (`@no-redirect`,
    /// `@no-cookie-jar`, `@timeout`, `@connection-timeout`); the rest are warned of.
    private mutating func directive(_ comment: String, line: Int, name: inout String?, options: inout OptionOverrides) {
        let body = comment.dropFirst()
        let key = String(body.prefix { !$0.isWhitespace && $0 != "=" })
        let argument = body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            .drop { $0 == "=" }.trimmingCharacters(in: .whitespaces)
        switch key {
        case "name":
            if argument.isEmpty { context.note(line, "@name without a name: ignored") } else { name = argument }
        case "no-redirect": options.followRedirects = false
        case "no-cookie-jar": options.cookies = false
        case "timeout", "connection-timeout":
            guard let seconds = Self.seconds(argument) else {
                context.note(line, "@\(key) \(argument) is not a duration (600, 500 ms, 2 m): ignored")
                return
            }
            if key == "timeout" { options.timeout = seconds } else { options.connectTimeout = seconds }
        default:
            context.note(line, "@\(key) has no sonde equivalent: ignored")
        }
    }

    /// JetBrains' durations: seconds by default, or with `ms`, `s` or `m` (`@timeout 2 m`).
    static func seconds(_ text: String) -> Double? {
        let number = text.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(number), value.isFinite else { return nil }
        switch text.dropFirst(number.count).trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "s": return value
        case "ms": return value / 1000
        case "m", "min": return value * 60
        default: return nil
        }
    }

    /// `@name = value`: a collection variable; a credential's value moves to `{{env:NAME}}`.
    private mutating func fileVariable(_ trimmed: String, line: Int) throws(HTTPFileImportError) {
        let body = trimmed.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace && $0 != "=" })
        let rest = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("="), case .variable? = Template("{{\(name)}}").segments.first else {
            context.note(line, "not a variable definition (@name = value): ignored")
            return
        }
        var value = try context.rewrite(rest.dropFirst().trimmingCharacters(in: .whitespaces), line: line)
        if ImportSecrets.shouldMove(name: name, value: value) {
            value = context.secrets.reference(for: value, suggestedNames: [name])
        }
        if let existing = variables.firstIndex(where: { $0.name == name }) {
            if variables[existing].value != value {
                context.note(line, "@\(name) is defined again: the later value is kept, as the clients do")
            }
            variables[existing].value = value
        } else {
            variables.append(KeyValue(name, value))
        }
    }

    /// The text of a `{% … %}` script starting at `start`, and the index after it.
    private func script(from start: Int, in lines: [Line], what: String) throws(HTTPFileImportError) -> (String, Int) {
        var index = start
        var text: [String] = []
        while index < lines.count {
            text.append(lines[index].text)
            let afterOpen = index == start ? lines[index].text.range(of: "{%").map { String(lines[index].text[$0.upperBound...]) } ?? "" : lines[index].text
            index += 1
            if afterOpen.contains("%}") { return (text.joined(separator: "\n"), index) }
        }
        throw context.error(lines[start].number, "\(what) {% is never closed with %}")
    }

    /// `GET /users` for a request with no name of its own.
    static func defaultName(method: HTTPMethod, url: String) -> String {
        var path = url
        if let scheme = path.range(of: "://") {
            let afterScheme = path[scheme.upperBound...]
            path = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        // `{{baseUrl}}/users` is named after its path too.
        if path.hasPrefix("{{"), let close = path.range(of: "}}") { path = String(path[close.upperBound...]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        return "\(method.rawValue) \(path.isEmpty ? "/" : path)"
    }
}
