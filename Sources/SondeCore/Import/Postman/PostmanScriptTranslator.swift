import Foundation

/// Postman test scripts as `expect:` and `captures:` where the script says something sonde can
/// check or keep without running JavaScript: the snippets Postman offers
/// (`pm.response.to.have.status(200)`, `pm.expect(pm.response.json().id).to.eql(1)`,
/// `pm.environment.set("token", pm.response.json().token)`) and their legacy forms
/// (`tests["…"] = responseCode.code === 200`, `postman.setEnvironmentVariable`).
///
/// Pure and conservative: the script is cut into statements (a `pm.test(…)` block is one, its
/// body must translate whole); a statement that is not one of the known shapes, or that sits in
/// a conditional or a loop (whose meaning depends on the response), is kept as text, untouched.
public enum PostmanScriptTranslator {
    /// What a script became: the checks, the captures, and what is left (empty when all of it
    /// was translated), in the script's own words.
    public struct Translation: Sendable, Equatable {
        public var expectations = Expectations()
        public var captures: [Capture] = []
        public var rest = ""

        public var translatedAnything: Bool { !expectations.isEmpty || !captures.isEmpty }
    }

    public static func translate(_ script: String) -> Translation {
        var translation = Translation()
        var aliases: Set<String> = []
        var aliasLines: [String] = []
        var keptUnits: [String] = []
        for unit in statements(of: script) {
            let trimmed = unit.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("//") && !trimmed.contains("\n") { continue }
            if let alias = aliasDeclaration(trimmed) {
                aliases.insert(alias)
                aliasLines.append(unit)
                continue
            }
            var found = Translation()
            if translate(unit: trimmed, aliases: aliases, into: &found) {
                merge(found, into: &translation)
            } else {
                keptUnits.append(unit)
            }
        }
        if !keptUnits.isEmpty {
            // What is left may use `jsonData`: keep its declaration with it.
            translation.rest = (aliasLines + keptUnits).joined(separator: "\n")
        }
        return translation
    }

    private static func merge(_ found: Translation, into translation: inout Translation) {
        for status in found.expectations.status where !translation.expectations.status.contains(status) {
            translation.expectations.status.append(status)
        }
        translation.expectations.headers += found.expectations.headers
        translation.expectations.json += found.expectations.json
        for capture in found.captures {
            translation.captures.removeAll { $0.name == capture.name }
            translation.captures.append(capture)
        }
    }

    // MARK: - Statements

    /// The script's statements: lines joined while a bracket is open, so a `pm.test(…, function
    /// () { … });` block or an `if (…) { … }` is one.
    static func statements(of script: String) -> [String] {
        var units: [String] = []
        var current: [String] = []
        var depth = 0
        for line in script.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            current.append(String(line))
            depth += bracketBalance(line)
            if depth <= 0 {
                units.append(current.joined(separator: "\n"))
                current = []
                depth = 0
            }
        }
        if !current.isEmpty { units.append(current.joined(separator: "\n")) }
        return units
    }

    /// Opening minus closing brackets on a line, outside quotes and after no `//`.
    private static func bracketBalance(_ line: Substring) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        var previous: Character = " "
        for character in line {
            defer { previous = character }
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "/" where previous == "/": return balance
            case "(", "{", "[": balance += 1
            case ")", "}", "]": balance -= 1
            default: break
            }
        }
        return balance
    }

    /// Words that make a statement's effect depend on the response: never translated.
    private static let controlWords: Set<String> = ["if", "else", "for", "while", "do", "switch", "try", "catch", "return", "function"]

    private static func translate(unit: String, aliases: Set<String>, into found: inout Translation) -> Bool {
        if let body = testBody(unit) {
            let inner = statements(of: body).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !inner.isEmpty else { return false }
            return inner.allSatisfy { translate(statement: $0, aliases: aliases, into: &found) }
        }
        return translate(statement: unit, aliases: aliases, into: &found)
    }

    /// The body of `pm.test("name", function () { … });` (or an arrow function).
    private static func testBody(_ unit: String) -> String? {
        guard unit.hasPrefix("pm.test("), let open = unit.firstIndex(of: "{"), let close = unit.lastIndex(of: "}"), open < close else {
            return nil
        }
        let head = unit[..<open]
        guard head.contains("function") || head.contains("=>") else { return nil }
        let tail = unit[unit.index(after: close)...].filter { !$0.isWhitespace }
        guard tail == ")" || tail == ");" else { return nil }
        return String(unit[unit.index(after: open)..<close])
    }

    private static func translate(statement: String, aliases: Set<String>, into found: inout Translation) -> Bool {
        var text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(";") { text.removeLast() }
        guard !text.contains("\n"), !hasControlWord(text) else { return false }
        if let status = status(text) {
            found.expectations.status.append(.code(status))
            return true
        }
        if let check = header(text) {
            found.expectations.headers.append(check)
            return true
        }
        if let check = jsonCheck(text, aliases: aliases) {
            found.expectations.json.append(check)
            return true
        }
        if let capture = capture(text, aliases: aliases) {
            found.captures.append(capture)
            return true
        }
        return false
    }

    private static func hasControlWord(_ text: String) -> Bool {
        let words = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }
        return words.contains { controlWords.contains(String($0)) } || text.contains("?") || text.contains("&&") || text.contains("||")
    }

    // MARK: - Shapes

    private static func status(_ text: String) -> Int? {
        for pattern in [
            #"^pm\.response\.to\.have\.status\((\d{3})\)$"#,
            #"^pm\.response\.to\.be\.status\((\d{3})\)$"#,
            #"^pm\.expect\(pm\.response\.(?:code|status)\)\.to\.(?:eql|equal|be\.equal|eq)\((\d{3})\)$"#,
            #"^tests\[(?:"[^"]*"|'[^']*')\]\s*=\s*responseCode\.code\s*===?\s*(\d{3})$"#,
        ] {
            if let groups = match(pattern, text), let code = Int(groups[0]) { return code }
        }
        return nil
    }

    private static func header(_ text: String) -> Expectations.HeaderCheck? {
        let name = #"("[A-Za-z0-9!#$%&'*+.^_`|~-]+"|'[A-Za-z0-9!#$%&*+.^_`|~-]+')"#
        if let groups = match(#"^pm\.response\.to\.have\.header\("# + name + #"\)$"#, text), let header = stringLiteral(groups[0]) {
            return Expectations.HeaderCheck(name: header, predicate: .exists(true))
        }
        if let groups = match(#"^pm\.response\.to\.have\.header\("# + name + #"\s*,\s*(.+)\)$"#, text),
           let header = stringLiteral(groups[0]), let value = stringLiteral(groups[1]) {
            return Expectations.HeaderCheck(name: header, predicate: .equals(.string(value)))
        }
        return nil
    }

    private static func jsonCheck(_ text: String, aliases: Set<String>) -> Expectations.JSONCheck? {
        guard let groups = match(#"^pm\.expect\((.+)\)\.to\.(eql|equal|eq|be\.equal|deep\.equal)\((.+)\)$"#, text),
              let path = jsonPath(groups[0], aliases: aliases), let value = literal(groups[2]) else { return nil }
        return Expectations.JSONCheck(path: path, predicate: .equals(value))
    }

    private static func capture(_ text: String, aliases: Set<String>) -> Capture? {
        guard let groups = match(
            #"^(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*("[^"]+"|'[^']+')\s*,\s*(.+)\)$"#,
            text),
            let name = stringLiteral(groups[0]), Template("{{\(name)}}").segments.count == 1,
            case .variable? = Template("{{\(name)}}").segments.first
        else { return nil }
        let value = groups[1].trimmingCharacters(in: .whitespaces)
        if let path = jsonPath(value, aliases: aliases) {
            return Capture(name: name, source: .json(path), isSecret: ImportSecrets.looksSecret(name: name))
        }
        if let header = match(#"^pm\.response\.headers\.get\(("[^"]+"|'[^']+')\)$"#, value), let headerName = stringLiteral(header[0]) {
            return Capture(name: name, source: .header(headerName), isSecret: ImportSecrets.looksSecret(name: name))
        }
        return nil
    }

    /// `var jsonData = pm.response.json()` (or `JSON.parse(responseBody)`): the alias's name.
    private static func aliasDeclaration(_ unit: String) -> String? {
        var text = unit
        while text.hasSuffix(";") { text.removeLast() }
        guard let groups = match(#"^(?:var|let|const)\s+([A-Za-z_$][A-Za-z0-9_$]*)\s*=\s*(.+)$"#, text),
              roots.contains(groups[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return groups[0]
    }

    private static let roots: Set = ["pm.response.json()", "JSON.parse(responseBody)", "JSON.parse(pm.response.text())"]

    /// `pm.response.json().a.b[0]["c d"]` (or through an alias) as `$.a.b[0]['c d']`; nil for
    /// anything else (a method call, a computed index).
    static func jsonPath(_ expression: String, aliases: Set<String>) -> JSONPath? {
        let text = expression.trimmingCharacters(in: .whitespaces)
        guard let root = (roots.union(aliases)).sorted(by: { $0.count > $1.count }).first(where: { text.hasPrefix($0) }) else { return nil }
        var rest = Substring(text.dropFirst(root.count))
        var path = "$"
        while let first = rest.first {
            if first == "." {
                let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
                guard !name.isEmpty, !name.first!.isNumber else { return nil }
                path += "." + name
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if let index = Int(inner), index >= 0 {
                    path += "[\(index)]"
                } else if let name = stringLiteral(String(inner)) {
                    path += "[" + JSONText.quote(name) + "]"
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        // `.length` and the like are JavaScript, not members of the JSON.
        if path.hasSuffix(".length") { return nil }
        return try? JSONPath(path)
    }

    /// A JavaScript literal a check compares with: a number, a quoted string, a boolean, null.
    static func literal(_ text: String) -> JSONLiteral? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let string = stringLiteral(text) { return .string(string) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        guard match(#"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$"#, text) != nil, let number = Double(text) else { return nil }
        return .number(number, text: text)
    }

    /// The text of `"…"` or `'…'` with no escapes but `\"`, `\'` and `\\`; nil otherwise.
    static func stringLiteral(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, let quote = text.first, quote == "\"" || quote == "'", text.last == quote else { return nil }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                guard character == "\"" || character == "'" || character == "\\" else { return nil }
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == quote {
                return nil
            } else {
                out.append(character)
            }
        }
        return escaped ? nil : out
    }

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let result = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<result.numberOfRanges).map { index in
            Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
