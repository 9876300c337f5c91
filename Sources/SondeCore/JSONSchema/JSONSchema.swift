import Foundation

/// A JSON Schema (draft 2020-12), compiled once and applied to any number of JSON instances.
///
/// Every keyword of the core, applicator, unevaluated and validation vocabularies is checked;
/// `format` is an annotation, as 2020-12 specifies by default (it never fails validation).
/// Numbers are compared exactly as decimals, string lengths in code points, and `pattern`s with
/// ICU (ECMA-262's `\d` and `\w` kept ASCII). `$ref`s reach documents given in
/// `JSONSchemaDocuments` and the embedded 2020-12 metaschemas, never the network.
///
///     let schema = try JSONSchema(data: Data(#"{"type": "object", "required": ["id"]}"#.utf8))
///     for violation in try schema.validate(body) { print(violation) }
///     // $: missing required property "id" (#/required)
public struct JSONSchema: Sendable {
    private let nodes: [JSONSchemaNode]
    private let root: Int
    private let dynamicAnchors: [[String: Int]]
    private let annotates: Bool
    private let assertsFormats: Bool

    /// Parses a schema document (JSON bytes). Throws `JSONSchemaError.invalidSchema` with a clear message.
    public init(data: Data, baseURI: String? = nil) throws {
        try self.init(data: data, baseURI: baseURI, documents: .metaschemasOnly)
    }

    /// Parses a schema document whose `$ref`s may also point into `documents`. With
    /// `assertingFormats`, `format` fails validation for date-time, date, time, email, uuid, ipv4
    /// and ipv6 (see `JSONSchemaFormat`), as users of an API contract usually mean it to.
    public init(data: Data, baseURI: String? = nil, documents: JSONSchemaDocuments, assertingFormats: Bool = false) throws {
        assertsFormats = assertingFormats
        let value: JSONSchemaValue
        do {
            value = try JSONSchemaValue.parse(data, rejectDuplicates: true)
        } catch JSONSchemaError.invalidJSON(let message) {
            throw JSONSchemaError.invalidSchema("not JSON: \(message)")
        }
        var compiler = documents.registry
        root = try compiler.compile(root: value, baseURI: baseURI)
        nodes = compiler.nodes
        dynamicAnchors = compiler.dynamicAnchors
        annotates = nodes.contains { $0.unevaluatedItems != nil || $0.unevaluatedProperties != nil }
    }

    /// Every way `instance` (JSON bytes) fails the schema; empty when valid. Throws
    /// `JSONSchemaError.invalidJSON` when the bytes are not JSON.
    public func validate(_ instance: Data) throws -> [JSONSchemaViolation] {
        try validate(value: JSONSchemaValue.parse(instance, rejectDuplicates: false))
    }

    /// Whether `instance` is valid, without collecting messages (stops at the first failure).
    public func isValid(_ instance: Data) throws -> Bool {
        var evaluator = JSONSchemaEvaluator(nodes: nodes, dynamicAnchors: dynamicAnchors, annotates: annotates)
        evaluator.assertsFormats = assertsFormats
        var annotations = JSONSchemaEvaluator.Annotations()
        return try evaluator.evaluate(root, JSONSchemaValue.parse(instance, rejectDuplicates: false), collect: false, into: &annotations)
    }

    func validate(value: JSONSchemaValue) throws -> [JSONSchemaViolation] {
        var evaluator = JSONSchemaEvaluator(nodes: nodes, dynamicAnchors: dynamicAnchors, annotates: annotates)
        evaluator.assertsFormats = assertsFormats
        var annotations = JSONSchemaEvaluator.Annotations()
        let valid = try evaluator.evaluate(root, value, collect: true, into: &annotations)
        if !valid, evaluator.violations.isEmpty {
            // Every failing keyword reports itself; this only guards against a silent one.
            return [JSONSchemaViolation(instancePath: "$", schemaPath: "#", message: "\(value.brief()) does not match the schema")]
        }
        return evaluator.violations
    }
}
