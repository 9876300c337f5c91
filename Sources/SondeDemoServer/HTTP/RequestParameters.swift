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
