/// A request's `expect:` block: what its response must be for the request to pass.
///
///     expect:
///       status: 2xx                  # or 200, or [200, 201]
///       headers:
///         Content-Type: {contains: json}
///       json:
///         - {path: $.users[0].name, equals: Ada}
///         - {path: $.users, count: 3}
///       duration: {lt: 500}          # milliseconds
///       body_size: {lt: 10000}       # bytes
///       schema: schemas/user.json    # kept; checked once the JSON Schema validator is wired in
public struct Expectations: Sendable, Equatable {
    /// One accepted status: a code, or a class such as `2xx`.
    public enum StatusPattern: Sendable, Equatable, CustomStringConvertible {
        case code(Int)
        /// The hundreds digit: 2 for `2xx`.
        case `class`(Int)

        public func matches(_ status: Int) -> Bool {
            switch self {
            case .code(let code): status == code
            case .class(let digit): status / 100 == digit
            }
        }

        public var description: String {
            switch self {
            case .code(let code): String(code)
            case .class(let digit): "\(digit)xx"
            }
        }
    }

    /// A check of one header (by name, any case).
    public struct HeaderCheck: Sendable, Equatable {
        public var name: String
        public var predicate: Predicate

        public init(name: String, predicate: Predicate) {
            self.name = name
            self.predicate = predicate
        }
    }

    /// A check of the value (or values) a JSONPath selects in the body.
    public struct JSONCheck: Sendable, Equatable {
        public var path: JSONPath
        public var predicate: Predicate

        public init(path: JSONPath, predicate: Predicate) {
            self.path = path
            self.predicate = predicate
        }
    }

    /// `schema:`, kept as written: a JSON Schema inline (as JSON text) or the path of a file
    /// relative to the request's. Not evaluated yet.
    public enum SchemaReference: Sendable, Equatable {
        case inline(String)
        case file(String)
    }

    /// Accepted statuses, any of which passes; empty for no status check.
    public var status: [StatusPattern]
    public var headers: [HeaderCheck]
    public var json: [JSONCheck]
    /// Bounds on the total time in milliseconds (`.lessThan(500)` ...).
    public var duration: [Predicate]
    /// Bounds on the decompressed body's size in bytes.
    public var bodySize: [Predicate]
    public var schema: SchemaReference?

    public init(
        status: [StatusPattern] = [], headers: [HeaderCheck] = [], json: [JSONCheck] = [], duration: [Predicate] = [],
        bodySize: [Predicate] = [], schema: SchemaReference? = nil
    ) {
        self.status = status
        self.headers = headers
        self.json = json
        self.duration = duration
        self.bodySize = bodySize
        self.schema = schema
    }

    /// Whether there is nothing to check.
    public var isEmpty: Bool {
        status.isEmpty && headers.isEmpty && json.isEmpty && duration.isEmpty && bodySize.isEmpty && schema == nil
    }
}

extension Expectations {
    /// One thing a value must be, as `expect:` writes it (`equals: Ada`, `lt: 500`, `type: integer`).
    public enum Predicate: Sendable, Equatable, CustomStringConvertible {
        case equals(JSONLiteral)
        case notEquals(JSONLiteral)
        case lessThan(Double)
        case lessOrEqual(Double)
        case greaterThan(Double)
        case greaterOrEqual(Double)
        /// A substring of a string, an element of an array, a key of an object.
        case contains(JSONLiteral)
        /// A regular expression found anywhere in the text (anchor it with `^...$` for all of it).
        case matches(String)
        /// Whether the value is there at all (`exists: false` passes when it is not).
        case exists(Bool)
        case type(ValueType)
        /// The number of elements (or members) of the one value selected, or of the values selected.
        case count(Int)

        /// The keys as a file writes them, for decoding and did-you-mean.
        public static let keys = ["equals", "not_equals", "lt", "le", "gt", "ge", "contains", "matches", "exists", "type", "count"]
        /// The keys a header check takes.
        public static let headerKeys = ["equals", "not_equals", "contains", "matches", "exists"]
        /// The keys a bound (`duration:`, `body_size:`) takes.
        public static let boundKeys = ["lt", "le", "gt", "ge"]

        /// `equals "Ada"`, `lt 500`, `type integer`: the predicate as a message shows it.
        public var description: String {
            switch self {
            case .equals(let value): "equals \(value)"
            case .notEquals(let value): "not_equals \(value)"
            case .lessThan(let bound): "lt \(Self.number(bound))"
            case .lessOrEqual(let bound): "le \(Self.number(bound))"
            case .greaterThan(let bound): "gt \(Self.number(bound))"
            case .greaterOrEqual(let bound): "ge \(Self.number(bound))"
            case .contains(let value): "contains \(value)"
            case .matches(let pattern): "matches /\(pattern)/"
            case .exists(let wanted): wanted ? "exists" : "does not exist"
            case .type(let type): "type \(type.rawValue)"
            case .count(let count): "count \(count)"
            }
        }

        /// What the value should be, for the "expected" column: `"Ada"`, `< 500`, `integer`.
        public var expected: String {
            switch self {
            case .equals(let value): value.description
            case .notEquals(let value): "not \(value)"
            case .lessThan(let bound): "< \(Self.number(bound))"
            case .lessOrEqual(let bound): "≤ \(Self.number(bound))"
            case .greaterThan(let bound): "> \(Self.number(bound))"
            case .greaterOrEqual(let bound): "≥ \(Self.number(bound))"
            case .contains(let value): "containing \(value)"
            case .matches(let pattern): "matching /\(pattern)/"
            case .exists(let wanted): wanted ? "present" : "absent"
            case .type(let type): "a value of type \(type.rawValue)"
            case .count(let count): "\(count) elements"
            }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
    }

    /// The types `type:` names; `integer` is a number without a fraction, as in JSON Schema.
    public enum ValueType: String, Sendable, Equatable, CaseIterable {
        case string, number, integer, boolean, array, object, null
    }
}
