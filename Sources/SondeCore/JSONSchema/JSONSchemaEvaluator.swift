/// One validation of one instance: walks the compiled nodes, collecting violations with their
/// instance and schema paths, and (only when the schema uses `unevaluatedProperties` or
/// `unevaluatedItems`) the annotations those keywords need: which properties and items the
/// schema's other keywords, and their valid in-place subschemas, have evaluated.
///
/// Subschemas whose failure is not itself the error (inside `anyOf`, `oneOf`, `not`, `if`,
/// `contains`) are evaluated without collecting and stop at their first failure, so nested
/// `anyOf`s cost the size of the schema, not the number of combinations.
struct JSONSchemaEvaluator {
    let nodes: [JSONSchemaNode]
    let dynamicAnchors: [[String: Int]]
    /// Whether any node has an `unevaluated*` keyword; otherwise no annotation is tracked.
    let annotates: Bool
    /// Whether `format` fails validation for the formats `JSONSchemaFormat` checks.
    var assertsFormats = false

    private(set) var violations: [JSONSchemaViolation] = []
    private var instancePath: [JSONSchemaPathStep] = []
    private var schemaPath: [String] = []
    private var scope: [Int] = []
    private var depth = 0

    /// Nested evaluations allowed: instances nest at most `JSONSchemaValue.maximumDepth`, and a
    /// few `$ref`s and `allOf`s per level fit easily; a `$ref` loop that never descends does not.
    static let maximumDepth = 2_000

    init(nodes: [JSONSchemaNode], dynamicAnchors: [[String: Int]], annotates: Bool) {
        self.nodes = nodes
        self.dynamicAnchors = dynamicAnchors
        self.annotates = annotates
    }

    /// What in-place evaluation found evaluated (for `unevaluated*`).
    struct Annotations {
        var properties: Set<String> = []
        var allProperties = false
        var prefixItems = 0
        var allItems = false
        var containedItems: Set<Int> = []

        mutating func merge(_ other: Annotations) {
            if !other.properties.isEmpty { properties.formUnion(other.properties) }
            allProperties = allProperties || other.allProperties
            prefixItems = max(prefixItems, other.prefixItems)
            allItems = allItems || other.allItems
            if !other.containedItems.isEmpty { containedItems.formUnion(other.containedItems) }
        }
    }

    // MARK: - Reporting

    mutating func report(_ keyword: String?, _ message: String, at step: JSONSchemaPathStep? = nil) {
        var tokens = schemaPath
        if let keyword { tokens.append(keyword) }
        var path = instancePath
        if let step { path.append(step) }
        violations.append(JSONSchemaViolation(
            instancePath: JSONSchemaPathStep.text(path), schemaPath: JSONSchemaCompiler.pointerText(tokens), message: message))
    }

    /// Evaluates a subschema one schema-path step (or two) further down.
    private mutating func descend(
        _ index: Int, _ value: JSONSchemaValue, _ keyword: String, _ name: String? = nil, at step: JSONSchemaPathStep? = nil,
        collect: Bool, into annotations: inout Annotations, falseMessage: @autoclosure () -> String? = nil
    ) throws -> Bool {
        // Two parameters rather than an array of tokens: no allocation per subschema visited.
        schemaPath.append(keyword)
        if let name { schemaPath.append(name) }
        if let step { instancePath.append(step) }
        defer {
            schemaPath.removeLast(name == nil ? 1 : 2)
            if step != nil { instancePath.removeLast() }
        }
        // A `false` subschema under additionalProperties and the like: say which property or
        // item, rather than "no value is allowed". Built only when reported.
        if collect, nodes[index].boolean == false, let message = falseMessage() {
            report(nil, message)
            return false
        }
        return try evaluate(index, value, collect: collect, into: &annotations)
    }

    /// Whether `value` is valid against node `index`; when `collect`, every failure is recorded.
    mutating func evaluate(_ index: Int, _ value: JSONSchemaValue, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        let node = nodes[index]
        if let boolean = node.boolean {
            if !boolean, collect { report(nil, "no value is allowed here (the schema is false)") }
            return boolean
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw JSONSchemaError.endlessReference(JSONSchemaCompiler.pointerText(schemaPath)) }
        let entersResource = scope.last != node.resource
        if entersResource { scope.append(node.resource) }
        defer { if entersResource { scope.removeLast() } }

        var local = Annotations()
        var valid = try evaluateReferences(node, value, collect: collect, into: &local)
        if !valid, !collect { return false }
        valid = evaluateAssertions(node, value, collect: collect) && valid
        if !valid, !collect { return false }
        switch value {
        case .array(let items): valid = try evaluateItems(node, items, collect: collect, into: &local) && valid
        case .object(let object): valid = try evaluateProperties(node, object, collect: collect, into: &local) && valid
        default: break
        }
        if !valid, !collect { return false }
        valid = try evaluateCombinators(node, value, collect: collect, into: &local) && valid
        if !valid, !collect { return false }
        valid = try evaluateUnevaluated(node, value, collect: collect, into: &local) && valid
        if valid, annotates { annotations.merge(local) }
        return valid
    }

    // MARK: - $ref and $dynamicRef

    private mutating func evaluateReferences(_ node: JSONSchemaNode, _ value: JSONSchemaValue, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var valid = true
        if let ref = node.ref {
            valid = try inPlace(ref, value, "$ref", collect: collect, into: &annotations)
        }
        if let dynamic = node.dynamicRef {
            var target = dynamic.target
            if let anchor = dynamic.anchor {
                // The outermost resource in the dynamic scope with this dynamic anchor wins.
                for resource in scope {
                    if let found = dynamicAnchors[resource][anchor] { target = found; break }
                }
            }
            valid = try inPlace(target, value, "$dynamicRef", collect: collect, into: &annotations) && valid
        }
        return valid
    }

    /// Evaluates an in-place subschema (same instance location); its annotations count only when it is valid.
    private mutating func inPlace(_ index: Int, _ value: JSONSchemaValue, _ keyword: String, _ name: String? = nil, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var sub = Annotations()
        let valid = try descend(index, value, keyword, name, collect: collect, into: &sub)
        if valid, annotates { annotations.merge(sub) }
        return valid
    }

    // MARK: - Applicators

    private mutating func evaluateCombinators(_ node: JSONSchemaNode, _ value: JSONSchemaValue, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var valid = true
        for (position, index) in node.allOf.enumerated() {
            valid = try inPlace(index, value, "allOf", String(position), collect: collect, into: &annotations) && valid
            if !valid, !collect { return false }
        }
        if !node.anyOf.isEmpty {
            var matched = false
            for (position, index) in node.anyOf.enumerated() {
                // Without annotations to gather, the first match settles it.
                if matched, !annotates { break }
                if try inPlace(index, value, "anyOf", String(position), collect: false, into: &annotations) { matched = true }
            }
            if !matched {
                valid = false
                if collect { report("anyOf", "\(value.brief()) matches none of the \(node.anyOf.count) schemas in anyOf") }
            }
        }
        if !node.oneOf.isEmpty {
            var matches: [Int] = []
            var oneAnnotations = Annotations()
            for (position, index) in node.oneOf.enumerated() {
                if matches.count > 1, !annotates { break }
                if try inPlace(index, value, "oneOf", String(position), collect: false, into: &oneAnnotations) { matches.append(position) }
            }
            if matches.count == 1 {
                if annotates { annotations.merge(oneAnnotations) }
            } else {
                valid = false
                if collect {
                    report("oneOf", matches.isEmpty
                        ? "\(value.brief()) matches none of the \(node.oneOf.count) schemas in oneOf"
                        : "\(value.brief()) matches more than one schema in oneOf (\(matches.map(String.init).joined(separator: ", "))), expected exactly one")
                }
            }
        }
        if let not = node.not {
            var ignored = Annotations()
            if try descend(not, value, "not", collect: false, into: &ignored) {
                valid = false
                if collect { report("not", "\(value.brief()) must not match the schema in not") }
            }
        }
        if let condition = node.ifSchema {
            if try inPlace(condition, value, "if", collect: false, into: &annotations) {
                if let then = node.thenSchema { valid = try inPlace(then, value, "then", collect: collect, into: &annotations) && valid }
            } else if let otherwise = node.elseSchema {
                valid = try inPlace(otherwise, value, "else", collect: collect, into: &annotations) && valid
            }
        }
        if case .object(let object) = value {
            for (keyword, name, index) in node.dependentSchemas where object[name] != nil {
                valid = try inPlace(index, value, keyword, name, collect: collect, into: &annotations) && valid
                if !valid, !collect { return false }
            }
        }
        return valid
    }

    private mutating func evaluateItems(_ node: JSONSchemaNode, _ items: [JSONSchemaValue], collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var valid = true
        var scratch = Annotations()
        let prefixCount = min(node.prefixItems.count, items.count)
        for position in 0..<prefixCount {
            valid = try descend(node.prefixItems[position], items[position], node.prefixItemsKeyword, String(position), at: .index(position), collect: collect, into: &scratch) && valid
            if !valid, !collect { return false }
        }
        annotations.prefixItems = max(annotations.prefixItems, prefixCount)
        if let schema = node.items {
            for position in prefixCount..<max(prefixCount, items.count) {
                valid = try descend(schema, items[position], node.itemsKeyword, at: .index(position), collect: collect, into: &scratch,
                                    falseMessage: "item \(position) is not allowed (at most \(node.prefixItems.count) items)") && valid
                if !valid, !collect { return false }
            }
            annotations.allItems = true
        }
        if let contains = node.contains {
            var matched: [Int] = []
            for (position, item) in items.enumerated() {
                if try descend(contains, item, "contains", at: .index(position), collect: false, into: &scratch) { matched.append(position) }
            }
            let minimum = node.minContains ?? 1
            if matched.count < minimum {
                valid = false
                if collect {
                    report(node.minContains == nil ? "contains" : "minContains", minimum == 1
                        ? "no item matches the schema in contains"
                        : "\(matched.count) items match the schema in contains, fewer than minContains \(minimum)")
                }
            }
            if let maximum = node.maxContains, matched.count > maximum {
                valid = false
                if collect { report("maxContains", "\(matched.count) items match the schema in contains, more than maxContains \(maximum)") }
            }
            if annotates { annotations.containedItems.formUnion(matched) }
        }
        return valid
    }

    private mutating func evaluateProperties(_ node: JSONSchemaNode, _ object: JSONSchemaObject, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var valid = true
        var scratch = Annotations()
        let checksPatterns = !node.patternProperties.isEmpty
        let hasApplicators = !node.properties.isEmpty || checksPatterns || node.additionalProperties != nil
        if hasApplicators || node.propertyNames != nil {
            for (key, member) in object.members {
                var claimed = false
                if let index = node.properties[key] {
                    claimed = true
                    valid = try descend(index, member, "properties", key, at: .key(key), collect: collect, into: &scratch,
                                        falseMessage: "property \(JSONText.quote(key)) is not allowed") && valid
                }
                if checksPatterns {
                    for (pattern, index) in node.patternProperties where pattern.matches(key) {
                        claimed = true
                        valid = try descend(index, member, "patternProperties", pattern.source, at: .key(key), collect: collect, into: &scratch,
                                            falseMessage: "property \(JSONText.quote(key)) is not allowed") && valid
                    }
                }
                if !claimed, let index = node.additionalProperties {
                    claimed = true
                    valid = try descend(index, member, "additionalProperties", at: .key(key), collect: collect, into: &scratch,
                                        falseMessage: "property \(JSONText.quote(key)) is not allowed (additionalProperties is false)") && valid
                }
                if claimed, annotates { annotations.properties.insert(key) }
                if let names = node.propertyNames {
                    valid = try descend(names, .string(key), "propertyNames", at: .key(key), collect: collect, into: &scratch,
                                        falseMessage: "property \(JSONText.quote(key)) is not allowed (propertyNames is false)") && valid
                }
                if !valid, !collect { return false }
            }
        }
        return valid
    }

    private mutating func evaluateUnevaluated(_ node: JSONSchemaNode, _ value: JSONSchemaValue, collect: Bool, into annotations: inout Annotations) throws -> Bool {
        var valid = true
        var scratch = Annotations()
        if let index = node.unevaluatedProperties, case .object(let object) = value, !annotations.allProperties {
            for (key, member) in object.members where !annotations.properties.contains(key) {
                valid = try descend(index, member, "unevaluatedProperties", at: .key(key), collect: collect, into: &scratch,
                                    falseMessage: "property \(JSONText.quote(key)) is not allowed (unevaluatedProperties is false)") && valid
                if !valid, !collect { return false }
            }
            annotations.allProperties = true
        }
        if let index = node.unevaluatedItems, case .array(let items) = value, !annotations.allItems {
            for position in annotations.prefixItems..<max(annotations.prefixItems, items.count) where !annotations.containedItems.contains(position) {
                valid = try descend(index, items[position], "unevaluatedItems", at: .index(position), collect: collect, into: &scratch,
                                    falseMessage: "item \(position) is not allowed (unevaluatedItems is false)") && valid
                if !valid, !collect { return false }
            }
            annotations.allItems = true
        }
        return valid
    }
}

/// One step of an instance path: a member name or an array index.
enum JSONSchemaPathStep: Sendable {
    case key(String)
    case index(Int)

    /// The steps as a JSONPath that `JSONPath` reads back: `$.users[3].email`, `$['a b']`.
    /// Names that are plain ASCII identifiers (hyphens allowed) take the dot form.
    static func text(_ steps: [JSONSchemaPathStep]) -> String {
        var out = "$"
        for step in steps {
            switch step {
            case .index(let index): out += "[\(index)]"
            case .key(let key):
                if let first = key.unicodeScalars.first, first.properties.isAlphabetic && first.isASCII || first == "_",
                   key.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-") }) {
                    out += "." + key
                } else {
                    // JSON's escapes (control characters never reach the terminal raw) plus \'.
                    out += "['" + JSONText.escaped(key).replacingOccurrences(of: "'", with: "\\'") + "']"
                }
            }
        }
        return out
    }
}
