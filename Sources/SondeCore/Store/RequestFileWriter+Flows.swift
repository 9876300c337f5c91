import Yams

/// `captures:` and `expect:` as YAML nodes, the inverse of `YAMLReader.captures` and
/// `YAMLReader.expectations`: what lets an importer (OpenAPI response schemas, Postman test
/// scripts) write them into new files. An existing file's blocks are only rewritten when they
/// changed; otherwise their text is kept byte for byte like every other unchanged field.
extension RequestFileWriter {
    static func encode(_ captures: [Capture]) -> Node {
        Node(captures.map { capture in
            var fields: [(Node, Node)]
            switch capture.source {
            case .json(let path): fields = [(Node("json"), Node(path.text))]
            case .header(let name): fields = [(Node("header"), Node(name))]
            case .regex(let pattern): fields = [(Node("regex"), Node(pattern))]
            case .cookie(let name): fields = [(Node("cookie"), Node(name))]
            case .status: fields = [(Node("status"), Node("true"))]
            }
            if capture.isSecret { fields.append((Node("secret"), Node("true"))) }
            return (Node(capture.name), Node(fields, .implicit, .flow))
        })
    }

    static func encode(_ expectations: Expectations) -> Node {
        var fields: [(Node, Node)] = []
        if !expectations.status.isEmpty {
            let patterns = expectations.status.map { Node($0.description) }
            fields.append((Node("status"), patterns.count == 1 ? patterns[0] : Node(patterns, .implicit, .flow)))
        }
        if !expectations.headers.isEmpty {
            // Grouped by name in order of first appearance, as the reader gives them back.
            var names: [String] = []
            var checks: [String: [(Node, Node)]] = [:]
            for check in expectations.headers {
                if checks[check.name] == nil { names.append(check.name) }
                checks[check.name, default: []].append(encode(check.predicate))
            }
            fields.append((Node("headers"), Node(names.map { (Node($0), Node(checks[$0]!, .implicit, .flow)) })))
        }
        if !expectations.json.isEmpty {
            fields.append((Node("json"), Node(expectations.json.map { check in
                Node([(Node("path"), Node(check.path.text)), encode(check.predicate)], .implicit, .flow)
            })))
        }
        for (key, bounds) in [("duration", expectations.duration), ("body_size", expectations.bodySize)] where !bounds.isEmpty {
            fields.append((Node(key), Node(bounds.map(encode), .implicit, .flow)))
        }
        switch expectations.schema {
        case .file(let path): fields.append((Node("schema"), Node(path)))
        case .inline(let text):
            if let schema = JSONLiteral(json: text) { fields.append((Node("schema"), node(for: schema, flow: false))) }
        case nil: break
        }
        return Node(fields)
    }

    /// One predicate as the key and value `expect:` writes it (`equals: Ada`, `lt: 500`).
    private static func encode(_ predicate: Expectations.Predicate) -> (Node, Node) {
        switch predicate {
        case .equals(let value): (Node("equals"), node(for: value, flow: true))
        case .notEquals(let value): (Node("not_equals"), node(for: value, flow: true))
        case .contains(let value): (Node("contains"), node(for: value, flow: true))
        case .lessThan(let bound): (Node("lt"), Node(Expectations.Predicate.number(bound)))
        case .lessOrEqual(let bound): (Node("le"), Node(Expectations.Predicate.number(bound)))
        case .greaterThan(let bound): (Node("gt"), Node(Expectations.Predicate.number(bound)))
        case .greaterOrEqual(let bound): (Node("ge"), Node(Expectations.Predicate.number(bound)))
        case .matches(let pattern): (Node("matches"), Node(pattern))
        case .exists(let wanted): (Node("exists"), Node(wanted ? "true" : "false"))
        case .type(let type): (Node("type"), Node(type.rawValue))
        case .count(let count): (Node("count"), Node(String(count)))
        }
    }

    /// A JSON value as the YAML that reads back as it (`JSONText.fromYAML`): a string that a
    /// plain scalar would turn into a number, boolean or null (`"42"`, `"true"`) is quoted.
    static func node(for value: JSONLiteral, flow: Bool) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(_, let text): return Node(text, Tag(Int(text) == nil ? .float : .int))
        case .string(let text):
            let plain = YAMLCoreSchema.resolve(text, tag: "", isPlain: true) == .json(JSONText.quote(text))
                && YAMLSplice.isPlainReadable(text, flow: flow) && !text.isEmpty
            return plain ? Node(text) : Node(text, .implicit, .doubleQuoted)
        case .array(let items):
            return Node(items.map { node(for: $0, flow: flow) }, .implicit, flow ? .flow : .any)
        case .object(let members):
            return Node(members.map { (Node($0.key), node(for: $0.value, flow: flow)) }, .implicit, flow ? .flow : .any)
        }
    }
}
