import Foundation

extension Expectations {
    /// Checks the response of `exchange`, in the order the block lists its kinds (status,
    /// headers, json, duration, body_size); the actual values are masked with the request's
    /// secrets and `secrets` (captured ones, say).
    public func check(_ exchange: Exchange, secrets: SecretSet = SecretSet()) -> [ExpectationResult] {
        check(exchange.response, secrets: exchange.request.secrets.union(secrets))
    }

    /// Checks `response`; see `check(_:secrets:)`. The body is parsed once, and only when a
    /// `json:` check needs it.
    public func check(_ response: HTTPResponse, secrets: SecretSet = SecretSet()) -> [ExpectationResult] {
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
            let values = response.headers.filter { $0.name.caseInsensitiveCompare(check.name) == .orderedSame }.map(\.value)
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
                let nodes = check.path.evaluate(in: tree)
                let value: JSONLiteral? = if check.path.isSingular {
                    nodes.first.map { JSONLiteral(tree, node: $0) }
                } else {
                    nodes.isEmpty ? nil : .array(nodes.map { JSONLiteral(tree, node: $0) })
                }
                let outcome = Self.test(check.predicate, value)
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
        return results
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
