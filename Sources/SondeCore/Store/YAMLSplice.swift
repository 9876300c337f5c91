import Foundation
import Yams

/// Edits the text of a YAML document so that it holds new values, changing only the text of the
/// nodes that differ: comments, blank lines, key order, quoting and flow/block style of
/// everything else stay byte for byte. Collections live in git, and a save that rewrote the
/// whole file made every diff noise (issue #10).
///
/// Positions come from the start marks Yams gives each node; ends are found by scanning the
/// text (libyaml's end marks are not exposed). Anything this does not understand throws
/// `Unsupported`, and the caller re-parses every result anyway, so a wrong guess here never
/// reaches the disk.
struct YAMLSplice {
    struct Unsupported: Error {}

    private struct Edit {
        var start: Int
        var end: Int
        var text: String
        var order: Int
    }

    private let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]
    /// A file with Windows line breaks gets them in new lines too.
    private let crlf: Bool
    private var edits: [Edit] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
        crlf = starts.count > 1 && starts[1] >= 2 && scalars[starts[1] - 2] == "\r"
    }

    /// `original` with each top-level field in `changes` set to its node (nil removes it).
    /// New keys go after the nearest key before them in `order` that the file has.
    static func splice(_ original: String, changes: [(key: String, value: Node?)], order: [String]) throws -> String {
        guard let root = try Yams.compose(yaml: original, Resolver.basic, Constructor.default, .utf8),
              let mapping = root.mapping else { throw Unsupported() }
        var splice = YAMLSplice(original)
        guard !splice.isFlow(root) else { throw Unsupported() }
        let pairs = Array(mapping)
        for (key, value) in changes {
            let old = pairs.first { $0.key.scalar?.string == key }
            switch (old, value) {
            case (let old?, let value?):
                try splice.change(pair: old, to: value)
            case (let old?, nil):
                try splice.deletePair(old.key)
            case (nil, let value?):
                let before = order.prefix { $0 != key }.reversed()
                if let previous = before.lazy.compactMap({ name in pairs.first { $0.key.scalar?.string == name } }).first {
                    try splice.insert(splice.blockText(key: key, value: value, indent: 0), afterLine: splice.pairExtent(previous.key).last)
                } else if let first = pairs.first {
                    try splice.insert(splice.blockText(key: key, value: value, indent: 0), atLine: splice.line(of: first.key))
                } else {
                    throw Unsupported()
                }
            case (nil, nil):
                break
            }
        }
        return try splice.result()
    }

    // MARK: - Diffing

    /// Changes a block mapping pair's value, or rewrites the pair when its shape changed.
    private mutating func change(pair: (key: Node, value: Node), to new: Node) throws {
        let new = Self.shaped(new, like: pair.value)
        if Self.same(pair.value, new) { return }
        if try !diff(pair.value, new, flow: false) {
            let extent = try pairExtent(pair.key)
            let start = try offset(of: pair.key)
            let key = pair.key.scalar?.string ?? ""
            var text = try blockText(key: key, value: new, indent: column(of: pair.key))
            text = String(text.unicodeScalars.dropFirst(try column(of: pair.key)))
            if text.hasSuffix("\n") { text.removeLast() }
            add(start, lineEnd(extent.last), text)
        }
    }

    /// Splices `new` into `old`'s text; false when the shapes differ too much to edit in place.
    private mutating func diff(_ old: Node, _ new: Node, flow: Bool) throws -> Bool {
        if Self.same(old, new) { return true }
        switch (old, new) {
        case (.scalar(let scalar), .scalar(let replacement)):
            let start = try offset(of: old)
            let end = try scalarEnd(scalar, from: start, flow: flow)
            let lineIndent = indent(ofLine: try line(of: old))
            add(start, end, format(replacement.string, like: scalar, flow: flow, lineIndent: lineIndent))
            return true
        case (.mapping(let mapping), .mapping(let replacement)):
            if flow || isFlow(old) {
                let sameKeys = mapping.keys.map(\.scalar?.string) == replacement.keys.map(\.scalar?.string)
                if sameKeys {
                    for (pair, newValue) in zip(mapping, replacement.map(\.value)) where !(try diff(pair.value, newValue, flow: true)) {
                        try replaceFlow(pair.value, with: newValue)
                    }
                } else {
                    try replaceFlow(old, with: new)
                }
                return true
            }
            var lastKept: Node?
            for pair in mapping {
                guard let key = pair.key.scalar?.string else { throw Unsupported() }
                if let newValue = replacement[key] {
                    try change(pair: pair, to: newValue)
                    lastKept = pair.key
                } else {
                    try deletePair(pair.key)
                }
            }
            let oldKeys = Set(mapping.keys.compactMap(\.scalar?.string))
            let added = replacement.filter { !oldKeys.contains($0.key.scalar?.string ?? "") }
            if !added.isEmpty {
                guard let anchor = lastKept ?? Array(mapping.keys).last else { return false }
                let column = try column(of: anchor)
                let text = try added.map { try blockText(key: $0.key.scalar?.string ?? "", value: $0.value, indent: column) }.joined()
                try insert(text, afterLine: pairExtent(anchor).last)
            }
            return true
        case (.sequence(let sequence), .sequence(let replacement)):
            let olds = Array(sequence), news = Array(replacement)
            if flow || isFlow(old) {
                if olds.count == news.count {
                    for (item, newItem) in zip(olds, news) where !(try diff(item, newItem, flow: true)) {
                        try replaceFlow(item, with: newItem)
                    }
                } else {
                    try replaceFlow(old, with: new)
                }
                return true
            }
            guard !olds.isEmpty else { return false }
            var prefix = 0
            while prefix < min(olds.count, news.count), Self.same(olds[prefix], news[prefix]) { prefix += 1 }
            var suffix = 0
            while suffix < min(olds.count, news.count) - prefix,
                  Self.same(olds[olds.count - 1 - suffix], news[news.count - 1 - suffix]) { suffix += 1 }
            let oldMiddle = Array(olds[prefix..<(olds.count - suffix)]), newMiddle = Array(news[prefix..<(news.count - suffix)])
            // Rows pair up by position and change in place, so a save that edits one row and
            // drops (or adds) another rewrites just those rows' lines.
            let paired = min(oldMiddle.count, newMiddle.count)
            for (item, newItem) in zip(oldMiddle.prefix(paired), newMiddle.prefix(paired)) {
                let shapedItem = Self.shaped(newItem, like: item)
                if try !diff(item, shapedItem, flow: false) {
                    let extent = try itemExtent(item)
                    try insert(itemText(shapedItem, dash: extent.dash, like: item), atLine: extent.first)
                    deleteLines(extent.first, extent.last)
                }
            }
            for item in oldMiddle.dropFirst(paired) {
                let extent = try itemExtent(item)
                deleteLines(extent.first, extent.last)
            }
            let extra = newMiddle.dropFirst(paired)
            if !extra.isEmpty {
                let dash = try itemExtent(olds[0]).dash
                let last = prefix + paired - 1
                let neighbour = olds[max(last, 0)]
                let text = extra.map { itemText($0, dash: dash, like: neighbour) }.joined()
                if last >= 0 {
                    try insert(text, afterLine: itemExtent(olds[last]).last)
                } else {
                    try insert(text, atLine: itemExtent(olds[0]).first)
                }
            }
            return true
        default:
            if flow {
                try replaceFlow(old, with: new)
                return true
            }
            return false
        }
    }

    /// A list of `name`/`value` rows written the way `old` writes them: the shorthand mapping
    /// `Accept: application/json` stays a mapping while every row fits it.
    private static func shaped(_ new: Node, like old: Node) -> Node {
        guard old.mapping != nil, let rows = new.sequence else { return new }
        var pairs: [(Node, Node)] = []
        for row in rows {
            guard let fields = row.mapping, fields.count == 2,
                  let name = fields["name"], let value = fields["value"], value.scalar != nil else { return new }
            pairs.append((name, value))
        }
        guard Set(pairs.compactMap { $0.0.scalar?.string }).count == pairs.count else { return new }
        return Node(pairs)
    }

    /// Equal as data: the same scalars in the same structure, whatever the quoting or style.
    static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x.string == y.string
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && x.allSatisfy { pair in
                guard let key = pair.key.scalar?.string, let other = y[key] else { return false }
                return same(pair.value, other)
            }
        default: return false
        }
    }

    // MARK: - Edits

    private mutating func add(_ start: Int, _ end: Int, _ text: String) {
        let text = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        edits.append(Edit(start: start, end: end, text: text, order: edits.count))
    }

    private mutating func insert(_ text: String, atLine line: Int) throws {
        add(lineStart(line), lineStart(line), text)
    }

    private mutating func insert(_ text: String, afterLine line: Int) throws {
        if line + 1 < lineStarts.count {
            add(lineStart(line + 1), lineStart(line + 1), text)
        } else {
            // The last line has no line break: the new text starts on a line of its own.
            add(scalars.count, scalars.count, "\n" + (text.hasSuffix("\n") ? String(text.dropLast()) : text))
        }
    }

    private mutating func deleteLines(_ first: Int, _ last: Int) {
        add(lineStart(first), last + 1 < lineStarts.count ? lineStart(last + 1) : scalars.count, "")
    }

    private mutating func deletePair(_ key: Node) throws {
        let extent = try pairExtent(key)
        // The first key of a `- key: value` row shares its line with the dash.
        guard try column(of: key) == indent(ofLine: extent.first) else { throw Unsupported() }
        deleteLines(extent.first, extent.last)
    }

    private mutating func replaceFlow(_ old: Node, with new: Node) throws {
        let start = try offset(of: old)
        let end: Int
        switch old {
        case .scalar(let scalar): end = try scalarEnd(scalar, from: start, flow: true)
        case .mapping, .sequence: end = try bracketEnd(from: start)
        default: throw Unsupported()
        }
        add(start, end, Self.flowText(new))
    }

    private func result() throws -> String {
        var text = scalars
        var limit = Int.max
        // Applied from the end of the text back. At one offset, the edit that replaces text
        // (a deleted row, a changed value) goes first and the insertions after it, else a row
        // inserted where another was deleted looked like an overlap and the whole save fell
        // back to a rewrite that lost the file's comments. Insertions at one offset keep the
        // order they were made in.
        func key(_ edit: Edit) -> (Int, Int, Int) { (edit.start, edit.start == edit.end ? 0 : 1, edit.order) }
        for edit in edits.sorted(by: { key($0) > key($1) }) {
            guard edit.end <= limit || (edit.start == edit.end && edit.start == limit) else { throw Unsupported() }
            text.replaceSubrange(edit.start..<edit.end, with: edit.text.unicodeScalars)
            limit = edit.start
        }
        var string = ""
        string.unicodeScalars.append(contentsOf: text)
        return string
    }

    // MARK: - Positions

    private func lineStart(_ line: Int) -> Int { lineStarts[line] }

    /// The offset of the line break that ends `line` (or of the end of the text).
    private func lineEnd(_ line: Int) -> Int {
        line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
    }

    private func offset(of node: Node) throws -> Int {
        guard let mark = node.mark, mark.line >= 1, mark.line <= lineStarts.count else { throw Unsupported() }
        let offset = lineStarts[mark.line - 1] + mark.column - 1
        guard offset <= scalars.count else { throw Unsupported() }
        return offset
    }

    private func line(of node: Node) throws -> Int {
        guard let mark = node.mark, mark.line >= 1, mark.line <= lineStarts.count else { throw Unsupported() }
        return mark.line - 1
    }

    private func column(of node: Node) throws -> Int {
        guard let mark = node.mark else { throw Unsupported() }
        return mark.column - 1
    }

    /// Whether a collection is written in flow style (`{…}`, `[…]`); Yams's composer does not
    /// keep the style, so the text says.
    private func isFlow(_ node: Node) -> Bool {
        guard node.scalar == nil, let start = try? offset(of: node), start < scalars.count else { return false }
        return scalars[start] == "{" || scalars[start] == "["
    }

    private func indent(ofLine line: Int) -> Int {
        var index = lineStarts[line], count = 0
        while index < scalars.count, scalars[index] == " " { index += 1; count += 1 }
        return count
    }

    /// Whether a line holds a value: not blank and not only a comment.
    private func isContent(_ line: Int) -> Bool {
        let start = lineStarts[line] + indent(ofLine: line)
        guard start < scalars.count else { return false }
        return !["\n", "\r", "#"].contains(scalars[start])
    }

    private func startsWithDash(_ line: Int) -> Bool {
        let start = lineStarts[line] + indent(ofLine: line)
        return start < scalars.count && scalars[start] == "-"
            && (start + 1 == scalars.count || [" ", "\n", "\r"].contains(scalars[start + 1]))
    }

    /// The lines of a block mapping pair: its key's line through the last line of its value.
    /// Comments and blank lines after the value stay with what follows.
    private func pairExtent(_ key: Node) throws -> (first: Int, last: Int) {
        let first = try line(of: key), column = try column(of: key)
        var last = first, line = first + 1
        while line < lineStarts.count {
            if isContent(line) {
                let indent = indent(ofLine: line)
                if indent < column || (indent == column && !startsWithDash(line)) { break }
                last = line
            }
            line += 1
        }
        return (first, last)
    }

    /// The lines of a block sequence item and the column of its dash.
    private func itemExtent(_ item: Node) throws -> (first: Int, last: Int, dash: Int) {
        let first = try line(of: item), start = try offset(of: item)
        var index = start - 1
        while index >= lineStarts[first], scalars[index] == " " { index -= 1 }
        guard index >= lineStarts[first], scalars[index] == "-" else { throw Unsupported() }
        let dash = index - lineStarts[first]
        guard dash == indent(ofLine: first) else { throw Unsupported() }
        var last = first, line = first + 1
        while line < lineStarts.count {
            if isContent(line) {
                if indent(ofLine: line) <= dash { break }
                last = line
            }
            line += 1
        }
        return (first, last, dash)
    }

    /// Where a scalar's text ends, found from its style.
    private func scalarEnd(_ scalar: Node.Scalar, from start: Int, flow: Bool) throws -> Int {
        var index = start
        switch scalar.style {
        case .singleQuoted:
            index += 1
            while index < scalars.count {
                if scalars[index] == "'" {
                    if index + 1 < scalars.count, scalars[index + 1] == "'" { index += 2; continue }
                    return index + 1
                }
                index += 1
            }
            throw Unsupported()
        case .doubleQuoted:
            index += 1
            while index < scalars.count {
                if scalars[index] == "\\" { index += 2; continue }
                if scalars[index] == "\"" { return index + 1 }
                index += 1
            }
            throw Unsupported()
        case .literal, .folded:
            guard !flow else { throw Unsupported() }
            let header = try line(of: .scalar(scalar))
            let parent = indent(ofLine: header)
            var last = header, line = header + 1
            while line < lineStarts.count {
                let blank = lineStarts[line] + indent(ofLine: line) >= lineEnd(line)
                if !blank {
                    if indent(ofLine: line) <= parent { break }
                    last = line
                }
                line += 1
            }
            return lineEnd(last)
        default:
            let stops: Set<Unicode.Scalar> = flow ? ["\n", "\r", ",", "]", "}"] : ["\n", "\r"]
            while index < scalars.count, !stops.contains(scalars[index]) {
                if scalars[index] == "#", index > start, scalars[index - 1] == " " || scalars[index - 1] == "\t" { break }
                index += 1
            }
            while index > start, scalars[index - 1] == " " || scalars[index - 1] == "\t" { index -= 1 }
            return index
        }
    }

    /// The offset just after the bracket that closes the flow collection opening at `start`.
    private func bracketEnd(from start: Int) throws -> Int {
        var depth = 0, index = start
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let character = scalars[index]
            if let open = quote {
                if open == "\"", character == "\\" { index += 2; continue }
                if character == open {
                    if open == "'", index + 1 < scalars.count, scalars[index + 1] == "'" { index += 2; continue }
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        throw Unsupported()
    }

    // MARK: - Text for new values

    /// `value` in the quoting style of the scalar it replaces, when that style can hold it.
    private func format(_ value: String, like old: Node.Scalar, flow: Bool, lineIndent: Int) -> String {
        switch old.style {
        case .plain:
            return Self.isPlainReadable(value, flow: flow) ? value : Self.doubleQuoted(value)
        case .singleQuoted:
            let printable = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            return printable ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'" : Self.doubleQuoted(value)
        case .literal where !flow, .folded where !flow:
            return Self.literal(value, indent: lineIndent + 2) ?? Self.doubleQuoted(value)
        default:
            return Self.doubleQuoted(value)
        }
    }

    /// A literal block (`|` or `|-`) for text that one can hold without an indentation indicator.
    private static func literal(_ value: String, indent: Int) -> String? {
        guard !value.isEmpty, !value.hasPrefix(" "), !value.hasPrefix("\n"), !value.hasSuffix("\n\n"),
              !value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }) else { return nil }
        let clip = value.hasSuffix("\n")
        let body = clip ? String(value.dropLast()) : value
        let pad = String(repeating: " ", count: indent)
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
        return (clip ? "|" : "|-") + "\n" + lines.joined(separator: "\n")
    }

    /// Whether `value` reads back as the same text when written without quotes.
    static func isPlainSafe(_ value: String, flow: Bool) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
              first != " ", last != " ", !value.hasSuffix(":"),
              !value.contains(": "), !value.contains(" #"),
              !"-?:,[]{}#&*!|>'\"%@`+.0123456789~".unicodeScalars.contains(first),
              !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\t" }),
              !["null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(value.lowercased())
        else { return false }
        return !flow || !value.unicodeScalars.contains { ",[]{}".unicodeScalars.contains($0) }
    }

    /// Whether `value` reads back as the same text through sonde's reader when written without
    /// quotes: plain-safe text, or a number or boolean, which the reader takes as its text
    /// (`timeout: 10` stays unquoted).
    static func isPlainReadable(_ value: String, flow: Bool) -> Bool {
        if isPlainSafe(value, flow: flow) { return true }
        let words = ["true", "false", "yes", "no", "on", "off"]
        return !value.contains(" ") && !value.contains(",") && (Double(value) != nil || words.contains(value.lowercased()))
    }

    static func doubleQuoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\x" + hexByte(scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    static func flowText(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let plain = scalar.style != .doubleQuoted && isPlainReadable(scalar.string, flow: true)
            return plain ? scalar.string : doubleQuoted(scalar.string)
        case .mapping(let mapping):
            return "{" + mapping.map { flowText($0.key) + ": " + flowText($0.value) }.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            return "[" + sequence.map(flowText).joined(separator: ", ") + "]"
        case .alias:
            return "null"
        }
    }

    /// `key: value` as block YAML, every line indented by `indent`.
    private func blockText(key: String, value: Node, indent: Int) throws -> String {
        let key = Self.isPlainSafe(key, flow: true) ? Node(key) : Node(key, .implicit, .doubleQuoted)
        return Self.indented(try Self.serialize(Node([(key, Self.styled(value))])), by: indent)
    }

    /// One block sequence item, its dash at column `dash`; in flow style when its neighbour is
    /// (`- {name: a, value: "1"}`).
    private func itemText(_ item: Node, dash: Int, like neighbour: Node) -> String {
        if isFlow(neighbour) {
            return String(repeating: " ", count: dash) + "- " + Self.flowText(item) + "\n"
        }
        return ((try? Self.serialize(Node([Self.styled(item)]))).map { Self.indented($0, by: dash) }) ?? ""
    }

    static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
    }

    private static func indented(_ text: String, by count: Int) -> String {
        guard count > 0 else { return text }
        let pad = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// `node` with every one-line scalar that would not read back as the same text double-quoted,
    /// so a value `"1"` or `"{{baseUrl}}"` keeps its quotes.
    static func styled(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            // A value tagged as a number, boolean or null (a JSON literal of `expect:`) is meant plain.
            if [YAMLCoreSchema.nullTag, YAMLCoreSchema.boolTag, YAMLCoreSchema.intTag, YAMLCoreSchema.floatTag].contains(scalar.tag.description) {
                return node
            }
            if scalar.string.contains("\n") || isPlainReadable(scalar.string, flow: false) { return node }
            return Node(scalar.string, .implicit, .doubleQuoted)
        case .mapping(let mapping):
            return Node(mapping.map { (styled($0.key), styled($0.value)) }, mapping.tag, mapping.style)
        case .sequence(let sequence):
            return Node(sequence.map(styled), sequence.tag, sequence.style)
        case .alias:
            return node
        }
    }
}

/// Two hex digits, as a YAML `\x` escape wants.
private func hexByte(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
}
