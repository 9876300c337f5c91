import Foundation

extension Expectations {
    /// Checks the response of `exchange`, in the order the block lists its kinds (status,
    /// headers, json, duration, body_size); the actual values are masked with the request's
    /// secrets and `secrets` (captured ones, say).
    public func check(_ exchange: Exchange, secrets: SecretSet = SecretSet(), schemaFolder: URL? = nil) -> [ExpectationResult] {
        check(exchange.response, secrets: exchange.request.secrets.union(secrets), schemaFolder: schemaFolder)
    }

    /// Checks `response`; see `check(_:secrets:)`. The body is parsed once, and only when a
    /// `json:` check needs it.
    ///
    /// `schemaFolder` is where a `schema:` file path starts: the request file's folder.
    public func check(_ response: HTTPResponse, secrets: SecretSet = SecretSet(), schemaFolder: URL? = nil) -> [ExpectationResult] {
        var results: [ExpectationResult] = []
        func add(_ passed: Bool, _ description: String, _ expected: String, _ actual: String) {
            results.append(ExpectationResult(
                passed: passed, description: secrets.redact(description), expected: secrets.redact(expected), actual: secrets.redact(actual)))
        }
        if !status.isEmpty {
            add(status.contains { $0.matches(response.status) }, "status",
                status.map(\.description).joined(separator: " or "), String(response.status))
        }
        for check in headers {
            let values = response.headers.filter { $0.name.equalsIgnoringASCIICase(check.name) }.map(\.value)
            let actual = values.isEmpty ? "no \(check.name) header" : values.joined(separator: ", ")
            let passed: Bool
            switch check.predicate {
            case .exists(let wanted): passed = values.isEmpty != wanted
            case .notEquals: passed = !values.contains { Self.test(check.predicate, .string($0)).passed } || values.isEmpty
            default: passed = values.contains { Self.test(check.predicate, .string($0)).passed }
            }
            add(passed, "header \(check.name) \(check.predicate)", check.predicate.expected, actual)
        }
        if !json.isEmpty {
            let tree = Result { () throws(JSONSyntaxError) in try JSONTree((try? response.bodyContents()) ?? response.body) }
            for check in json {
                let description = "\(check.path.text) \(check.predicate)"
                guard case .success(let tree) = tree else {
                    add(false, description, check.predicate.expected, "a body that is not JSON")
                    continue
                }
                let outcome = Self.test(check.predicate, selection: check.path.evaluate(in: tree), singular: check.path.isSingular, in: tree)
                add(outcome.passed, description, check.predicate.expected, outcome.actual)
            }
        }
        let milliseconds = response.timings.total * 1000
        for bound in duration {
            let outcome = Self.test(bound, .number(milliseconds, text: String(Int(milliseconds.rounded()))))
            add(outcome.passed, "duration \(bound) ms", bound.expected + " ms", "\(Int(milliseconds.rounded())) ms")
        }
        for bound in bodySize {
            let size = response.bodySize
            let outcome = Self.test(bound, .number(Double(size), text: String(size)))
            add(outcome.passed, "body_size \(bound) bytes", bound.expected + " bytes", "\(size) bytes")
        }
        if let schema {
            for result in Self.checkSchema(schema, of: response, folder: schemaFolder) {
                add(result.passed, result.description, result.expected, result.actual)
            }
        }
        return results
    }

    /// The most schema violations reported one by one; the rest are counted.
    static let violationsShown = 10

    /// `schema:`: one passed result when the body is valid, else one failed result per
    /// violation (`schema $.users[3].email: got "x" is not a "email" (#/properties/…/format)`),
    /// or one saying why the schema or the body could not be read.
    static func checkSchema(_ reference: SchemaReference, of response: HTTPResponse, folder: URL?) -> [ExpectationResult] {
        let name: String
        let schemaData: Data
        switch reference {
        case .inline(let text):
            name = "schema"
            schemaData = Data(text.utf8)
        case .file(let path):
            name = "schema \(path)"
            let file = RequestPreparer.absolutePath(path, base: folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            guard let data = FileManager.default.contents(atPath: file) else {
                return [ExpectationResult(passed: false, description: name, expected: "a readable JSON Schema file", actual: "no file \(file)")]
            }
            schemaData = data
        }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(data: schemaData)
        } catch {
            return [ExpectationResult(passed: false, description: name, expected: "a valid JSON Schema", actual: shortened("\(error)"))]
        }
        let violations: [JSONSchemaViolation]
        do {
            violations = try schema.validate((try? response.bodyContents()) ?? response.body)
        } catch {
            return [ExpectationResult(passed: false, description: name, expected: "a JSON body", actual: shortened("\(error)"))]
        }
        guard !violations.isEmpty else {
            return [ExpectationResult(passed: true, description: name, expected: "valid", actual: "valid")]
        }
        var results = violations.prefix(violationsShown).map { violation in
            ExpectationResult(passed: false, description: "\(name) \(violation.instancePath)", expected: "valid",
                              actual: shortened("\(violation.message) (\(violation.schemaPath))"))
        }
        if violations.count > violationsShown {
            results.append(ExpectationResult(passed: false, description: name, expected: "valid",
                                             actual: "\(violations.count - violationsShown) more violations"))
        }
        return results
    }

    /// The most characters of an actual value a message shows: `$ type object` on a 50 MB body
    /// should not print it.
    static let longestActual = 200

    static func shortened(_ text: String) -> String {
        text.count <= longestActual ? text : String(text.prefix(longestActual)) + "…"
    }

    /// Whether the nodes a path selected satisfy `predicate`, and what they were as a message
    /// shows it. A singular path's node is the value; any other path's nodes are one array.
    /// `exists`, `type` and `count` look at the nodes only; the rest build the value.
    static func test(_ predicate: Predicate, selection nodes: [Int], singular: Bool, in tree: JSONTree) -> (passed: Bool, actual: String) {
        guard let first = nodes.first else { return test(predicate, nil) }
        func preview() -> String { singular ? tree.rawText(of: first) : "\(nodes.count) values" }
        switch predicate {
        case .exists(let wanted):
            return (wanted, shortened(preview()))
        case .type(let type) where singular:
            let kind = tree.kind(of: first)
            let name = kind == .true || kind == .false ? "boolean" : "\(kind)"
            let passed = type == .integer
                ? kind == .number && Double(tree.rawText(of: first)).map { $0.isFinite && $0 == $0.rounded() } == true
                : type.rawValue == name
            return (passed, "\(shortened(preview())) (\(name))")
        case .type(let type):
            return (type == .array, "\(nodes.count) values (array)")
        case .count(let expected) where singular && tree.kind(of: first).isContainer:
            let count = tree.childCount(of: first)
            return (count == expected, "\(count) \(tree.kind(of: first) == .array ? "elements" : "members")")
        case .count(let expected) where !singular:
            return (nodes.count == expected, "\(nodes.count) values")
        default:
            let value: JSONLiteral?
            if singular {
                value = JSONLiteral(tree, node: first)
            } else {
                let items = nodes.compactMap { JSONLiteral(tree, node: $0) }
                value = items.count == nodes.count ? .array(items) : nil
            }
            guard let value else { return (false, "a value nested deeper than \(JSONLiteral.maximumDepth) levels") }
            let outcome = test(predicate, value)
            return (outcome.passed, shortened(outcome.actual))
        }
    }

    /// Whether `value` (nil when there is none) satisfies `predicate`, and the value as a
    /// message shows it.
    static func test(_ predicate: Predicate, _ value: JSONLiteral?) -> (passed: Bool, actual: String) {
        guard let value else {
            if case .exists(let wanted) = predicate { return (!wanted, "nothing") }
            if case .notEquals = predicate { return (true, "nothing") }
            return (false, "nothing")
        }
        let actual = value.description
        switch predicate {
        case .exists(let wanted): return (wanted, actual)
        case .equals(let expected): return (value == expected, actual)
        case .notEquals(let expected): return (value != expected, actual)
        case .lessThan(let bound): return (number(value).map { $0 < bound } ?? false, actual)
        case .lessOrEqual(let bound): return (number(value).map { $0 <= bound } ?? false, actual)
        case .greaterThan(let bound): return (number(value).map { $0 > bound } ?? false, actual)
        case .greaterOrEqual(let bound): return (number(value).map { $0 >= bound } ?? false, actual)
        case .contains(let needle):
            switch (value, needle) {
            // Every string contains the empty one (Swift's `contains` says no).
            case (.string(let text), .string(let part)): return (part.isEmpty || text.contains(part), actual)
            case (.array(let items), _): return (items.contains(needle), actual)
            case (.object(let members), .string(let key)): return (members.contains { $0.key == key }, actual)
            default: return (false, actual)
            }
        case .matches(let pattern):
            let text: String
            switch value {
            case .string(let string): text = string
            case .number(_, let written): text = written
            case .bool(let flag): text = flag ? "true" : "false"
            default: return (false, actual)
            }
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return (false, actual) }
            return (regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, actual)
        case .type(let type):
            let passed = switch (type, value) {
            case (.integer, .number(let number, _)): number.isFinite && number == number.rounded()
            default: type.rawValue == value.typeName
            }
            return (passed, "\(actual) (\(value.typeName))")
        case .count(let expected):
            switch value {
            case .array(let items): return (items.count == expected, "\(items.count) elements")
            case .object(let members): return (members.count == expected, "\(members.count) members")
            case .string(let text): return (text.count == expected, "\(text.count) characters")
            default: return (false, "\(actual), which has no count")
            }
        }
    }

    private static func number(_ value: JSONLiteral) -> Double? {
        if case .number(let number, _) = value { return number }
        return nil
    }
}

extension JSONPath {
    /// Whether the path can select at most one node (RFC 9535's singular query: names and
    /// indexes only, one per segment, no `..`). `expect:` compares such a path's value; any
    /// other path's values are compared as one array.
    public var isSingular: Bool {
        segments.allSatisfy { segment in
            guard !segment.isDescendant, segment.selectors.count == 1 else { return false }
            switch segment.selectors[0] {
            case .name, .index: return true
            case .wildcard, .slice: return false
            }
        }
    }
}
