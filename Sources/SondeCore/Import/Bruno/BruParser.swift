/// Reads Bruno's `.bru` block grammar: at the top level only blocks, each `name {` … `}` or
/// `name [` … `]` with the closing bracket alone at the start of a line. Text blocks (bodies,
/// scripts, tests, docs) keep their lines; others hold `key: value` rows, where `'''` opens a
/// value of several lines closed by a line `'''`. Every malformed input is a `BruParseError`
/// at its line; no input crashes it (`BrunoParserPropertyTests`, Fuzz/FuzzBruFile).
public enum BruParser {
    /// Whether a block named `name` holds text rather than `key: value` rows.
    public static func isTextBlock(_ name: String) -> Bool {
        if name.hasPrefix("script:") || name == "tests" || name == "docs" || name == "body" { return true }
        if name.hasPrefix("body:") { return !["body:form-urlencoded", "body:multipart-form", "body:file"].contains(name) }
        return false
    }

    public static func parse(_ text: String, file: String) throws(BruParseError) -> BruFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var blocks: [BruBlock] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                index += 1
                continue
            }
            guard let (name, opening, closedAlready) = header(trimmed) else {
                let shown = trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : String(trimmed)
                throw BruParseError(file: file, line: index + 1, message: "expected a block such as `meta {` or `vars:secret [`, found `\(shown)`")
            }
            let start = index
            index += 1
            var body: [(Int, Substring)] = []
            if !closedAlready {
                let closing: Character = opening == "{" ? "}" : "]"
                var closed = false
                while index < lines.count {
                    let candidate = lines[index]
                    if candidate.first == closing, candidate.dropFirst().allSatisfy(\.isWhitespace) {
                        closed = true
                        index += 1
                        break
                    }
                    body.append((index + 1, candidate))
                    index += 1
                }
                guard closed else {
                    throw BruParseError(file: file, line: start + 1, message: "the block \(name) opened here is never closed: a line `\(closing)` at the start ends it")
                }
            }
            let content: BruBlock.Content
            if opening == "[" {
                content = .list(listItems(body))
            } else if isTextBlock(name) {
                content = .text(dedented(body.map(\.1)))
            } else {
                content = .pairs(try pairs(body, file: file))
            }
            blocks.append(BruBlock(name: name, line: start + 1, content: content))
        }
        return BruFile(blocks: blocks)
    }

    /// `name {`, `name [`, or `name {}` on one line: the name, the bracket, and whether it is closed.
    private static func header(_ line: Substring) -> (String, Character, Bool)? {
        var text = line
        var closed = false
        if text.hasSuffix("{}") || text.hasSuffix("[]") {
            closed = true
            text = text.dropLast()
        }
        guard let opening = text.last, opening == "{" || opening == "[" else { return nil }
        let name = text.dropLast().trimmingWhitespace()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-:.".contains($0) }) else { return nil }
        return (String(name), opening, closed)
    }

    private static func pairs(_ body: [(Int, Substring)], file: String) throws(BruParseError) -> [BruPair] {
        var pairs: [BruPair] = []
        var index = 0
        while index < body.count {
            let (number, line) = body[index]
            index += 1
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw BruParseError(file: file, line: number, message: "expected `name: value`, found `\(trimmed.prefix(40))`")
            }
            var key = trimmed[..<colon].trimmingWhitespace()
            var enabled = true
            if key.hasPrefix("~") {
                enabled = false
                key = key.dropFirst().trimmingWhitespace()
            }
            guard !key.isEmpty else {
                throw BruParseError(file: file, line: number, message: "a row with no name before its `:`")
            }
            var value = String(trimmed[trimmed.index(after: colon)...].trimmingWhitespace())
            if value == "'''" {
                var lines: [Substring] = []
                var closed = false
                while index < body.count {
                    let (_, next) = body[index]
                    index += 1
                    if next.trimmingWhitespace() == "'''" {
                        closed = true
                        break
                    }
                    lines.append(next)
                }
                guard closed else {
                    throw BruParseError(file: file, line: number, message: "the ''' opened here for \(key) is never closed: a line ''' ends it")
                }
                value = dedented(lines, by: nil)
            }
            pairs.append(BruPair(key: String(key), value: value, enabled: enabled, line: number))
        }
        return pairs
    }

    private static func listItems(_ body: [(Int, Substring)]) -> [BruPair] {
        body.flatMap { number, line in
            line.split(separator: ",").compactMap { item -> BruPair? in
                var name = item.trimmingWhitespace()
                guard !name.isEmpty else { return nil }
                var enabled = true
                if name.hasPrefix("~") {
                    enabled = false
                    name = name.dropFirst().trimmingWhitespace()
                }
                return name.isEmpty ? nil : BruPair(key: String(name), value: "", enabled: enabled, line: number)
            }
        }
    }

    /// `lines` less their indent (`by` spaces, or the smallest indent of a non-blank line when
    /// nil), without blank lines at the end.
    static func dedented(_ lines: [Substring], by fixed: Int? = 2) -> String {
        let indent = fixed ?? lines.filter { !$0.trimmingWhitespace().isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        var out = lines.map { line -> Substring in
            let leading = line.prefix { $0 == " " || $0 == "\t" }.count
            return line.dropFirst(min(indent, leading))
        }
        while let last = out.last, last.trimmingWhitespace().isEmpty { out.removeLast() }
        while let first = out.first, first.trimmingWhitespace().isEmpty { out.removeFirst() }
        return out.joined(separator: "\n")
    }
}

extension Substring {
    /// The text without spaces and tabs at either end (no Foundation: the parser is fuzzed).
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = self[start...].lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
