import Foundation

extension Expectations {
    /// Checks `response` with the `{{…}}` of the expected values filled from `context` plus the
    /// values this response gave to `captured`, so `sonde send`, `sonde run` and the TUI compare
    /// alike. What the checks say is masked of `secrets` and of every value filled in. Expected
    /// values that do not resolve (an unset variable) are one failed check saying so, never a
    /// check silently skipped.
    public func check(
        _ response: HTTPResponse, resolvingIn context: SendContext, captured: [CapturedValue] = [],
        secrets: SecretSet, schemaFolder: URL?
    ) -> [ExpectationResult] {
        var context = context
        context.captured += captured
        var masking = secrets
        let resolved: Expectations
        do {
            let (expectations, used) = try resolvingVariables(in: context)
            masking.formUnion(used)
            resolved = expectations
        } catch {
            return [ExpectationResult(passed: false, description: "expected values", expected: "every variable set",
                                      actual: masking.redact(error.description))]
        }
        return resolved.check(response, secrets: masking, schemaFolder: schemaFolder).map {
            ExpectationResult(passed: $0.passed, description: masking.redact($0.description),
                              expected: masking.redact($0.expected), actual: masking.redact($0.actual))
        }
    }

    /// The expectations with the `{{…}}` in their expected values filled in from `context`, the
    /// captures so far included (`equals: "{{userId}}"`), and the secrets that went into them,
    /// to mask in what the checks say. `equals`, `not_equals`, `contains` and `matches` take
    /// variables; a value that is one placeholder and reads as a number, `true`, `false` or
    /// `null` compares as that JSON value, since a capture of `$.id` holds `1` as text.
    public func resolvingVariables(in context: SendContext) throws(ResolutionError) -> (expectations: Expectations, secrets: SecretSet) {
        guard mentionsVariables else { return (self, SecretSet()) }
        var resolver = VariableResolver(scopes: context.variableScopes, secretSource: context.secretSource)
        func literal(_ value: JSONLiteral, _ usedIn: String) -> JSONLiteral {
            guard case .string(let text) = value, text.contains("{{") else { return value }
            let filled = resolver.resolve(text, usedIn: usedIn)
            guard Template(text).segments.count == 1, case .variable = Template(text).segments[0] else { return .string(filled) }
            switch filled {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                if let number = Double(filled), number.isFinite { return .number(number, text: filled) }
                return .string(filled)
            }
        }
        func predicate(_ predicate: Predicate, _ usedIn: String) -> Predicate {
            switch predicate {
            case .equals(let value): .equals(literal(value, usedIn))
            case .notEquals(let value): .notEquals(literal(value, usedIn))
            case .contains(let value): .contains(literal(value, usedIn))
            case .matches(let pattern) where pattern.contains("{{"): .matches(resolver.resolve(pattern, usedIn: usedIn))
            default: predicate
            }
        }
        var resolved = self
        resolved.headers = headers.map { HeaderCheck(name: $0.name, predicate: predicate($0.predicate, "expect header \($0.name)")) }
        resolved.json = json.map { JSONCheck(path: $0.path, predicate: predicate($0.predicate, "expect \($0.path.text)")) }
        try resolver.check()
        return (resolved, resolver.secrets)
    }

    /// Whether any expected value holds a `{{`.
    private var mentionsVariables: Bool {
        func mentions(_ predicate: Predicate) -> Bool {
            switch predicate {
            case .equals(.string(let text)), .notEquals(.string(let text)), .contains(.string(let text)), .matches(let text):
                text.contains("{{")
            default: false
            }
        }
        return headers.contains { mentions($0.predicate) } || json.contains { mentions($0.predicate) }
    }
}
