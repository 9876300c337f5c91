import Foundation

/// A JSON value as schema keywords see it: numbers exact (`JSONSchemaNumber`), object members
/// by name with their order kept only for reporting in document order, strings compared by
/// code points (Swift's `==` would call "é" and "e\u{301}" equal; JSON Schema does not).
///
/// Not `indirect`: arrays and dictionaries already hold their elements on the heap, and a box
/// per scalar cost a third of the parse time and memory on a 10 MB body.
enum JSONSchemaValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONSchemaNumber)
    case string(String)
    case array([JSONSchemaValue])
    case object(JSONSchemaObject)

    static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a == b
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let object): hasher.combine(object)
        }
    }

    /// The JSON type name, as `type` spells it ("integer" for integral numbers).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var objectValue: JSONSchemaObject? { if case .object(let object) = self { object } else { nil } }
    var stringValue: String? { if case .string(let string) = self { string } else { nil } }
    var arrayValue: [JSONSchemaValue]? { if case .array(let array) = self { array } else { nil } }
    var numberValue: JSONSchemaNumber? { if case .number(let number) = self { number } else { nil } }

    /// The deepest nesting accepted. Validation recurses once per level (several frames), and
    /// a body of 100,000 nested arrays must get an error, not overflow the stack.
    static let maximumDepth = 256

    /// Parses JSON bytes with sonde's own parser (`JSONTree`), so syntax errors read the same as
    /// everywhere else. Duplicate member names: `rejectDuplicates` makes them an error (schemas,
    /// where a second `type` silently winning would hide a mistake); otherwise the last one wins,
    /// as in JavaScript's `JSON.parse`.
    static func parse(_ data: Data, rejectDuplicates: Bool) throws -> JSONSchemaValue {
        let tree: JSONTree
        do { tree = try JSONTree(data) } catch { throw JSONSchemaError.invalidJSON(error.description) }
        return try value(of: tree.root, in: tree, depth: 0, rejectDuplicates: rejectDuplicates)
    }

    private static func value(of node: Int, in tree: JSONTree, depth: Int, rejectDuplicates: Bool) throws -> JSONSchemaValue {
        switch tree.kind(of: node) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string: return .string(tree.string(of: node) ?? "")
        case .number:
            let text = tree.rawText(of: node)
            guard let number = JSONSchemaNumber(text) else { throw JSONSchemaError.invalidJSON("invalid number \(text)") }
            return .number(number)
        case .array:
            guard depth < maximumDepth else { throw JSONSchemaError.tooDeep(maximumDepth) }
            var values: [JSONSchemaValue] = []
            values.reserveCapacity(tree.childCount(of: node))
            for child in tree.children(of: node) {
                values.append(try value(of: child, in: tree, depth: depth + 1, rejectDuplicates: rejectDuplicates))
            }
            return .array(values)
        case .object:
            guard depth < maximumDepth else { throw JSONSchemaError.tooDeep(maximumDepth) }
            var object = JSONSchemaObject()
            for child in tree.children(of: node) {
                let key = tree.key(of: child) ?? ""
                let member = try value(of: child, in: tree, depth: depth + 1, rejectDuplicates: rejectDuplicates)
                if !object.set(key, member), rejectDuplicates {
                    let line = tree.body[..<(tree.body.startIndex + (tree.keyRange(of: child)?.lowerBound ?? 0))].count { $0 == 10 } + 1
                    throw JSONSchemaError.invalidSchema("duplicate member \(JSONText.quote(key)) at line \(line)")
                }
            }
            return .object(object)
        }
    }

    /// Compact JSON, cut to about `limit` characters with "…", for messages.
    func brief(limit: Int = 60) -> String {
        let text = compact
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// Compact JSON text (numbers normalised: `1.50` prints as `1.5`).
    var compact: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let number): number.text
        case .string(let string): JSONText.quote(string)
        case .array(let values): "[" + values.map(\.compact).joined(separator: ",") + "]"
        case .object(let object): "{" + object.members.map { JSONText.quote($0) + ":" + $1.compact }.joined(separator: ",") + "}"
        }
    }
}

/// A JSON object: names and values in document order (messages follow it). Most objects have a
/// handful of members, found faster by a scan than by hashing and stored in two arrays rather than
/// a dictionary (json-schema-bench, 10 MB of small objects: peak RSS 140 -> 127 MB, parse 0.19 ->
/// 0.16 s); larger ones get an index by name.
struct JSONSchemaObject: Sendable, Hashable {
    private(set) var keys: [String] = []
    private(set) var values: [JSONSchemaValue] = []
    private var positions: [String: Int]?

    /// Above this many members, names are found through `positions`.
    static let scanLimit = 12

    var count: Int { keys.count }

    /// Each name with its value, in document order.
    var members: Zip2Sequence<[String], [JSONSchemaValue]> { zip(keys, values) }

    subscript(key: String) -> JSONSchemaValue? { position(of: key).map { values[$0] } }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// Adds a member, or replaces the value of one with the same name; true when the name is new.
    @discardableResult
    mutating func set(_ key: String, _ value: JSONSchemaValue) -> Bool {
        if let existing = position(of: key) {
            values[existing] = value
            return false
        }
        keys.append(key)
        values.append(value)
        if positions != nil {
            positions![key] = keys.count - 1
        } else if keys.count > Self.scanLimit {
            positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return true
    }

    /// Equal when the same names have equal values, in any order.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { key, value in rhs[key] == value }
    }

    /// Order-independent, as `==` is: the members' hashes combined by XOR.
    func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in members {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONSchemaNumber {
    /// The number in plain decimal when short, in scientific notation otherwise.
    var text: String {
        if isZero { return "0" }
        let sign = isNegative ? "-" : ""
        let body = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if exponent >= 0, digits.count + exponent <= 30 { return sign + body + String(repeating: "0", count: exponent) }
        if exponent < 0, -exponent < digits.count { return sign + String(body.dropLast(-exponent)) + "." + String(body.suffix(-exponent)) }
        if exponent < 0, -exponent - digits.count <= 6 { return sign + "0." + String(repeating: "0", count: -exponent - digits.count) + body }
        let rest = body.dropFirst()
        return sign + String(body.prefix(1)) + (rest.isEmpty ? "" : "." + rest) + "e" + String(exponent + digits.count - 1)
    }
}
