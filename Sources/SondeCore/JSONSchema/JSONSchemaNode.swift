import Foundation

/// One compiled subschema: its keywords read once into typed fields, subschemas as indexes into
/// the compiled schema's node list (so `$ref` cycles are just indexes). Immutable after
/// compilation, hence safe to share between threads.
final class JSONSchemaNode: @unchecked Sendable {
    /// A boolean schema: `true` accepts anything, `false` nothing.
    var boolean: Bool?
    /// The schema resource the node belongs to (an index), for `$dynamicRef`'s dynamic scope.
    var resource = 0

    var ref: Int?
    var dynamicRef: DynamicReference?

    // Validation vocabulary (all nil when a metaschema's `$vocabulary` leaves it out).
    var types: JSONSchemaTypes?
    var enumValues: [JSONSchemaValue]?
    var constValue: JSONSchemaValue?
    var multipleOf: JSONSchemaNumber?
    var maximum: JSONSchemaNumber?
    var exclusiveMaximum: JSONSchemaNumber?
    var minimum: JSONSchemaNumber?
    var exclusiveMinimum: JSONSchemaNumber?
    var maxLength: Int?
    var minLength: Int?
    var pattern: JSONSchemaPattern?
    var maxItems: Int?
    var minItems: Int?
    var uniqueItems = false
    var maxContains: Int?
    var minContains: Int?
    var maxProperties: Int?
    var minProperties: Int?
    var required: [String] = []
    /// (keyword, property, required names): the keyword is `dependencies` for draft-07's form.
    var dependentRequired: [(String, String, [String])] = []

    // Applicators.
    var prefixItems: [Int] = []
    var items: Int?
    /// How the schema spells them, for schema paths: draft-07's tuple is `items` and `additionalItems`.
    var prefixItemsKeyword = "prefixItems", itemsKeyword = "items"
    var contains: Int?
    var properties: [String: Int] = [:]
    var patternProperties: [(JSONSchemaPattern, Int)] = []
    var additionalProperties: Int?
    var propertyNames: Int?
    /// (keyword, property, schema), as `dependentRequired`.
    var dependentSchemas: [(String, String, Int)] = []
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?
    var unevaluatedItems: Int?
    var unevaluatedProperties: Int?

    /// `format`, kept as an annotation (the 2020-12 default: it does not fail validation)...
    var format: String?
    /// ...unless the metaschema's `$vocabulary` lists format-assertion.
    var assertsFormat = false

    /// A `$dynamicRef`: where it points statically, and the anchor name to look up in the
    /// dynamic scope when that target carries a matching `$dynamicAnchor` (the "bookend").
    struct DynamicReference {
        var target: Int
        var anchor: String?
    }

    init() {}
    init(boolean: Bool) { self.boolean = boolean }
}

/// The set of `type` names a schema allows.
struct JSONSchemaTypes: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = Self(rawValue: 1), boolean = Self(rawValue: 2), object = Self(rawValue: 4), array = Self(rawValue: 8)
    static let number = Self(rawValue: 16), string = Self(rawValue: 32), integer = Self(rawValue: 64)

    static let names: [(String, Self)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array),
        ("number", .number), ("string", .string), ("integer", .integer),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }
    init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = match.1
    }

    func admits(_ value: JSONSchemaValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .object: contains(.object)
        case .array: contains(.array)
        case .string: contains(.string)
        case .number(let number): contains(.number) || (contains(.integer) && number.isInteger)
        }
    }

    var text: String {
        let list = Self.names.filter { contains($0.1) }.map(\.0)
        return list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " or " + list.last!
    }
}

/// A `pattern` as written, and the regular expression it became. JSON Schema patterns are
/// ECMA-262; ICU (NSRegularExpression) agrees on the syntax schemas use, except that `\d`, `\w`
/// and `\s` are Unicode-aware in ICU. `\d` and `\w` are rewritten to their ASCII ECMA meaning.
struct JSONSchemaPattern: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression

    init(_ source: String) throws {
        self.source = source
        do {
            regex = try NSRegularExpression(pattern: Self.translated(source))
        } catch {
            throw JSONSchemaError.invalidSchema("pattern \(JSONText.quote(source)) is not a valid regular expression")
        }
    }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    static func translated(_ pattern: String) -> String {
        var out = ""
        var inClass = false
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            if character == "\\", let next = iterator.next() {
                switch (next, inClass) {
                case ("d", false): out += "[0-9]"
                case ("d", true): out += "0-9"
                case ("D", false): out += "[^0-9]"
                case ("w", false): out += "[A-Za-z0-9_]"
                case ("w", true): out += "A-Za-z0-9_"
                case ("W", false): out += "[^A-Za-z0-9_]"
                // ECMA-262 white space includes U+FEFF, which ICU's \s does not.
                case ("s", false): out += "[\\s\\x{FEFF}]"
                case ("s", true): out += "\\s\\x{FEFF}"
                case ("S", false): out += "[^\\s\\x{FEFF}]"
                default: out += "\\" + String(next)
                }
                continue
            }
            if character == "[" { inClass = true } else if character == "]" { inClass = false }
            out.append(character)
        }
        return out
    }
}
