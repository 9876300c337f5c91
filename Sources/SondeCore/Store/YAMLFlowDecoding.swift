import Foundation
import Yams

/// Decoding of a request's `captures:` and `expect:` blocks, kept beside the rest of the schema
/// in `YAMLModelDecoding`. Unknown keys here are errors, not warnings: a misspelt predicate
/// (`equal:`) would otherwise check nothing and pass.
extension YAMLReader {
    static let captureSourceKeys = ["json", "header", "regex", "cookie", "status"]
    static let captureKeys = captureSourceKeys + ["secret"]
    static let expectKeys = ["status", "headers", "json", "duration", "body_size", "schema"]

    /// `captures: {token: {json: $.access_token, secret: true}, ...}`, in the order written.
    mutating func captures(_ node: Node?) -> [Capture] {
        guard let fields = mapping(node, "captures") else { return [] }
        var captures: [Capture] = []
        for (key, value) in fields {
            guard let name = string(key, "a capture's name"), !name.isEmpty else { continue }
            if name.contains("{") || name.contains("}") || name.hasPrefix("$") || name.hasPrefix("env:") {
                problem("capture \(name): a variable name cannot hold braces or start with $ or env:", at: key)
                continue
            }
            guard let entry = mapping(value, "capture \(name)") else {
                if value.scalar != nil {
                    problem("capture \(name) must be a mapping such as {json: $.id}, {header: ETag}, {regex: 'id=(\\d+)'}, {cookie: session} or {status: true}", at: value)
                }
                continue
            }
            rejectUnknownKeys(entry, known: Self.captureKeys, in: "capture \(name)")
            let sources = entry.keys.filter { Self.captureSourceKeys.contains($0.scalar?.string ?? "") }
            guard sources.count == 1, let sourceKey = sources.first, let kind = sourceKey.scalar?.string else {
                // A misspelt source (`jsn:`) has its own problem already.
                let misspelt = entry.keys.contains { !Self.captureKeys.contains($0.scalar?.string ?? "") }
                if sources.count > 1 || !misspelt { problem("capture \(name) takes exactly one of \(Self.captureSourceKeys.joined(separator: ", "))", at: sources.dropFirst().first ?? value) }
                continue
            }
            let sourceNode = entry[sourceKey]
            let source: Capture.Source?
            switch kind {
            case "json": source = jsonPath(sourceNode, "capture \(name)").map { .json($0) }
            case "header", "cookie":
                let text = string(sourceNode, "capture \(name) \(kind)") ?? ""
                if text.trimmingCharacters(in: .whitespaces).isEmpty {
                    problem("capture \(name) needs the name of a \(kind)", at: sourceNode)
                    source = nil
                } else {
                    source = kind == "header" ? .header(text) : .cookie(text)
                }
            case "regex": source = regex(sourceNode, "capture \(name)").map { .regex($0) }
            default:
                if bool(sourceNode, "capture \(name) status") == false {
                    problem("capture \(name): write status: true to capture the status code", at: sourceNode)
                }
                source = .status
            }
            let secret = bool(entry["secret"], "capture \(name) secret") ?? false
            if let source { captures.append(Capture(name: name, source: source, isSecret: secret)) }
        }
        return captures
    }

    /// The `expect:` block; empty when absent.
    mutating func expectations(_ node: Node?) -> Expectations {
        guard let fields = mapping(node, "expect") else { return Expectations() }
        rejectUnknownKeys(fields, known: Self.expectKeys, in: "expect")
        var expectations = Expectations()
        if let status = fields["status"] { expectations.status = statusPatterns(status) }
        if let headers = mapping(fields["headers"], "expect headers") {
            for (key, value) in headers {
                guard let name = string(key, "a header name") else { continue }
                if value.scalar != nil {
                    // `Content-Type: application/json` is shorthand for equals.
                    expectations.headers.append(.init(name: name, predicate: .equals(.string(value.scalar?.string ?? ""))))
                    continue
                }
                guard let checks = mapping(value, "expect header \(name)") else { continue }
                for predicate in predicates(checks, known: Expectations.Predicate.headerKeys, in: "expect header \(name)", at: value) {
                    expectations.headers.append(.init(name: name, predicate: predicate))
                }
            }
        }
        if let json = fields["json"] {
            if let items = json.sequence {
                for item in items {
                    guard let entry = mapping(item, "each expect json check") else { continue }
                    guard let pathNode = entry["path"] else {
                        problem("each expect json check needs a path, such as {path: $.id, exists: true}", at: item)
                        continue
                    }
                    let path = jsonPath(pathNode, "expect json path")
                    let checks = predicates(entry, known: Expectations.Predicate.keys, in: "expect json \(path?.text ?? "check")", at: item, skipping: ["path"])
                    if let path { expectations.json += checks.map { .init(path: path, predicate: $0) } }
                }
            } else {
                problem("expect json must be a list of {path, <predicate>: value}, such as - {path: $.id, exists: true}", at: json)
            }
        }
        for (key, what) in [("duration", "expect duration"), ("body_size", "expect body_size")] {
            guard let node = fields[key] else { continue }
            if node.scalar != nil {
                problem("\(what) must be a mapping such as {lt: 500}", at: node)
                continue
            }
            guard let bounds = mapping(node, what) else { continue }
            let parsed = predicates(bounds, known: Expectations.Predicate.boundKeys, in: what, at: node)
            if key == "duration" { expectations.duration = parsed } else { expectations.bodySize = parsed }
        }
        if let schema = fields["schema"] {
            if let path = schema.scalar?.string, schema.scalar != nil {
                if path.isEmpty { problem("expect schema must be a JSON Schema (a mapping) or the path of a schema file", at: schema) }
                else { expectations.schema = .file(path) }
            } else if schema.mapping != nil {
                var scalarProblems: [(Node.Scalar, String)] = []
                let text = JSONText.fromYAML(schema, problems: &scalarProblems)
                for (scalar, message) in scalarProblems { problem(message, line: scalar.mark?.line, column: scalar.mark?.column) }
                expectations.schema = .inline(text)
            } else {
                problem("expect schema must be a JSON Schema (a mapping) or the path of a schema file", at: schema)
            }
        }
        return expectations
    }

    /// `200`, `2xx`, or a list of them.
    private mutating func statusPatterns(_ node: Node) -> [Expectations.StatusPattern] {
        let items = node.sequence.map(Array.init) ?? [node]
        return items.compactMap { item in
            let text = item.scalar?.string.lowercased() ?? ""
            if let code = Int(text), (100...599).contains(code) { return .code(code) }
            if text.count == 3, text.hasSuffix("xx"), let digit = text.first?.wholeNumberValue, (1...5).contains(digit) { return .class(digit) }
            problem("expect status must be a code from 100 to 599, a class such as 2xx, or a list of them, not \(item.scalar?.string ?? "a \(item.sequence != nil ? "list" : "mapping")")", at: item)
            return nil
        }
    }

    /// The predicates of a mapping (`{equals: Ada}`, `{gt: 1, lt: 5}`), each key checked.
    private mutating func predicates(
        _ fields: Node.Mapping, known: [String], in what: String, at node: Node, skipping: [String] = []
    ) -> [Expectations.Predicate] {
        var result: [Expectations.Predicate] = []
        for (key, value) in fields {
            guard let name = key.scalar?.string, !skipping.contains(name) else { continue }
            guard known.contains(name) else {
                var message = "unknown predicate \(name) in \(what): expected one of \(known.joined(separator: ", "))"
                if let near = EditDistance.nearest(to: name, among: known + skipping) { message += " (did you mean \(near)?)" }
                problem(message, at: key)
                continue
            }
            if let predicate = predicate(name, value, in: what) { result.append(predicate) }
        }
        if result.isEmpty, !fields.keys.contains(where: { !skipping.contains($0.scalar?.string ?? "") }) {
            problem("\(what) needs a predicate: one of \(known.joined(separator: ", "))", at: node)
        }
        return result
    }

    private mutating func predicate(_ name: String, _ node: Node, in what: String) -> Expectations.Predicate? {
        switch name {
        case "equals", "not_equals", "contains":
            guard let value = literal(node, "\(what) \(name)") else { return nil }
            return name == "equals" ? .equals(value) : name == "contains" ? .contains(value) : .notEquals(value)
        case "lt", "le", "gt", "ge":
            guard let text = node.scalar?.string, let bound = Double(text), bound.isFinite else {
                problem("\(what) \(name) must be a number", at: node)
                return nil
            }
            return switch name {
            case "lt": .lessThan(bound)
            case "le": .lessOrEqual(bound)
            case "gt": .greaterThan(bound)
            default: .greaterOrEqual(bound)
            }
        case "matches": return regex(node, "\(what) matches").map { .matches($0) }
        case "exists": return bool(node, "\(what) exists").map { .exists($0) }
        case "type":
            // Not `string(_:_:)`, which reads a plain `null` as no value.
            let text = node.scalar?.string ?? ""
            if let type = Expectations.ValueType(rawValue: text) { return .type(type) }
            var message = "unknown type \(text) in \(what): expected \(Expectations.ValueType.allCases.map(\.rawValue).joined(separator: ", "))"
            if let near = EditDistance.nearest(to: text, among: Expectations.ValueType.allCases.map(\.rawValue)) { message += " (did you mean \(near)?)" }
            problem(message, at: node)
            return nil
        default:
            guard let text = node.scalar?.string, let count = Int(text), count >= 0 else {
                problem("\(what) count must be a whole number (0 or more)", at: node)
                return nil
            }
            return .count(count)
        }
    }

    /// A value written in YAML as the JSON value it stands for (`Ada` a string, `42` a number,
    /// `[1, 2]` an array), by the same rules as a JSON body's content.
    private mutating func literal(_ node: Node, _ what: String) -> JSONLiteral? {
        var scalarProblems: [(Node.Scalar, String)] = []
        let text = JSONText.fromYAML(node, problems: &scalarProblems)
        for (scalar, message) in scalarProblems { problem("\(what): \(message)", line: scalar.mark?.line, column: scalar.mark?.column) }
        guard scalarProblems.isEmpty else { return nil }
        guard let value = JSONLiteral(json: text) else {
            problem("\(what) nests deeper than \(JSONLiteral.maximumDepth) levels", at: node)
            return nil
        }
        return value
    }

    /// A regular expression (ICU syntax, as NSRegularExpression reads it), checked here so a bad
    /// one is an error at its line, not a failed check at send time.
    private mutating func regex(_ node: Node?, _ what: String) -> String? {
        guard let node, let pattern = string(node, what) else { return nil }
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return pattern
        } catch {
            problem("\(what): invalid regular expression \(pattern)", at: node)
            return nil
        }
    }

    /// An error at each key of `fields` not in `known`, with the nearest known key when one is near.
    private mutating func rejectUnknownKeys(_ fields: Node.Mapping, known: [String], in what: String) {
        for key in fields.keys {
            guard let name = key.scalar?.string, !known.contains(name) else { continue }
            var message = "unknown key \(name) in \(what): expected one of \(known.joined(separator: ", "))"
            if let near = EditDistance.nearest(to: name, among: known) { message += " (did you mean \(near)?)" }
            problem(message, at: key)
        }
    }
}
