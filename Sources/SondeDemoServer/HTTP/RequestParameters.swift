import FlyingFox

/// Reading the query string and path parameters the way every demo route needs them.
extension HTTPRequest {
    /// The query string's pairs, decoded, in the order sent.
    var queryForm: URLEncodedForm {
        URLEncodedForm(encoded: target.query())
    }

    /// The integer path parameter `name` (from a route like `/users/:id`), or 404 when it is not a number,
    /// since `/users/abc` names no user.
    func integerParameter(_ name: String) throws(RequestError) -> Int {
        guard let text = routeParameters[name], let value = Int(text) else {
            throw RequestError(status: .notFound, message: "not found: \(method.rawValue) \(path)")
        }
        return value
    }
}

/// The integers a query parameter takes, and how a refusal names them.
struct IntegerBounds: Sendable {
    var range: ClosedRange<Int>
    /// "a positive integer", "a whole number from 1 to 1000": what a 400 says the value must be.
    var description: String

    static let any = IntegerBounds(range: Int.min...Int.max, description: "an integer")
    static let nonNegative = IntegerBounds(range: 0...Int.max, description: "a non-negative integer")
    static let positive = IntegerBounds(range: 1...Int.max, description: "a positive integer")

    static func within(_ range: ClosedRange<Int>) -> IntegerBounds {
        IntegerBounds(range: range, description: "a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
}

extension URLEncodedForm {
    /// The query parameter `name` as an integer within `bounds`, or nil when it is absent; a 400
    /// that names the parameter, its bounds and the text sent when it is not such an integer.
    func integer(_ name: String, _ bounds: IntegerBounds = .any) throws(RequestError) -> Int? {
        guard let text = value(for: name) else { return nil }
        guard let number = Int(text), bounds.range.contains(number) else {
            throw .badRequest("\(name) must be \(bounds.description), got \"\(text)\"")
        }
        return number
    }

    /// The query parameter `name` as an integer within `bounds`, or `defaultValue` when it is absent.
    func integer(_ name: String, default defaultValue: Int, _ bounds: IntegerBounds) throws(RequestError) -> Int {
        try integer(name, bounds) ?? defaultValue
    }
}
