import Yams

/// Reads model values out of a YAML node tree, recording a `LoadProblem` with the line and
/// column of every value that is not what was expected, and carrying on.
struct YAMLReader {
    let file: String
    var problems: [LoadProblem] = []

    init(file: String) {
        self.file = file
    }

    /// The root node of `text`, or nil with a problem at the syntax error's position.
    mutating func compose(_ text: String) -> Node? {
        do {
            // The basic resolver (no tag regexes) and an explicit encoding: the defaults compile
            // regular expressions on first use and read the process environment on every call,
            // which together were a third of loading a 1,000-request collection.
            guard let root = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8) else { return nil }
            if let (beyond, message) = YAMLExpansionLimit.check(root, text: text) {
                problem(message, at: beyond)
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = "invalid YAML: " + [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                // libyaml stops at 1,000 levels, which also keeps Yams's recursive composer (and
                // ours, `JSONText.fromYAML`) off the end of the stack; 100,000 levels crashed neither.
                if problem.hasPrefix("Maximum nesting level reached") {
                    message = "values are nested deeper than 1,000 levels, more than sonde reads"
                }
                problems.append(LoadProblem(file: file, line: mark.line, column: mark.column, message: message))
            case .duplicatedKeysInMapping(let duplicates, let context):
                problems.append(LoadProblem(
                    file: file, line: context.mark.line, column: context.mark.column,
                    message: "duplicate keys: \(duplicates.joined(separator: ", "))"))
            default:
                problems.append(LoadProblem(file: file, message: "invalid YAML: \(error)"))
            }
            return nil
        } catch {
            problems.append(LoadProblem(file: file, message: "invalid YAML: \(error)"))
            return nil
        }
    }

    mutating func problem(_ message: String, at node: Node?) {
        problems.append(LoadProblem(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    /// A problem at a place inside a value, such as the character where a JSONPath goes wrong.
    mutating func problem(_ message: String, line: Int?, column: Int?) {
        problems.append(LoadProblem(file: file, line: line, column: column, message: message))
    }

    /// The node as a mapping, or nil with a problem naming `what` was expected.
    mutating func mapping(_ node: Node?, _ what: String) -> Node.Mapping? {
        guard let node else { return nil }
        if case .mapping(let mapping) = node { return mapping }
        if case .scalar(let scalar) = node, scalar.string.isEmpty, scalar.style == .plain { return nil }
        problem("\(what) must be a mapping of keys to values", at: node)
        return nil
    }

    /// A scalar as text; numbers and booleans are accepted as their text.
    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        if let scalar = node.scalar {
            if scalar.style == .plain, scalar.string == "~" || scalar.string == "null" { return nil }
            return scalar.string
        }
        problem("\(what) must be text", at: node)
        return nil
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem("\(what) must be true or false", at: node)
            return nil
        }
    }

    /// The longest duration a file may set: a year. Beyond it a number is surely a mistake, and
    /// `inf`, `1e300` or `9.3e15` seconds overflowed the conversion to curl's milliseconds (SIGILL).
    static let maximumSeconds = 31_536_000.0

    mutating func number(_ node: Node?, _ what: String) -> Double? {
        guard let node else { return nil }
        if let text = node.scalar?.string, let value = Double(text), value >= 0, value <= Self.maximumSeconds { return value }
        problem("\(what) must be a number of seconds from 0 to \(Int(Self.maximumSeconds)) (a year)", at: node)
        return nil
    }

    mutating func integer(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        if let text = node.scalar?.string, let value = Int(text), value >= 0 { return value }
        problem("\(what) must be a whole number (0 or more)", at: node)
        return nil
    }

    /// A size in bytes: a whole number, or a count with a unit (`64 MB`, `512 KiB`); see
    /// `ByteCountText.parse`.
    mutating func byteCount(_ node: Node?, _ what: String) -> Int64? {
        guard let node else { return nil }
        if let text = node.scalar?.string, let value = ByteCountText.parse(text) { return value }
        problem("\(what) must be a size in bytes, such as 1048576, 512 kB, 64 MB or 1 GiB", at: node)
        return nil
    }

    /// A list of name/value rows. Accepts a list of `{name, value, enabled}` mappings, or a
    /// plain mapping (`Accept: application/json`) as shorthand.
    mutating func keyValues(_ node: Node?, _ what: String) -> [KeyValue] {
        guard let node else { return [] }
        switch node {
        case .mapping(let mapping):
            return mapping.compactMap { key, value in
                guard let name = string(key, "\(what) name") else { return nil }
                return KeyValue(name, string(value, "\(what) \(name)") ?? "")
            }
        case .sequence(let sequence):
            return sequence.compactMap { item in
                guard let row = mapping(item, "each of \(what)") else { return nil }
                warnOfUnknownKeys(row, known: Self.rowKeys, in: what)
                guard let name = string(row["name"], "\(what) name") else {
                    problem("each of \(what) needs a name", at: item)
                    return nil
                }
                let value = string(row["value"], "\(what) \(name)") ?? ""
                let enabled = bool(row["enabled"], "enabled") ?? true
                return KeyValue(name, value, enabled: enabled)
            }
        case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "null":
            return []
        default:
            problem("\(what) must be a list of {name, value} or a mapping", at: node)
            return []
        }
    }
}
