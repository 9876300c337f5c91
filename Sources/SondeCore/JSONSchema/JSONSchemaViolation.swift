/// One way an instance fails a schema: where in the instance, which keyword, and why.
///
///     $.users[3].email: "x" is not a "email" (#/properties/users/items/properties/email/format)
public struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// Where in the instance, as a JSONPath that `JSONPath` parses back: `$.users[3].email`.
    public var instancePath: String
    /// The keyword that failed, as a JSON Pointer fragment along the way it was reached
    /// (`$ref`s included): `#/properties/users/items/properties/email/format`.
    public var schemaPath: String
    /// What is wrong, with the expected and the actual value: `"abc" is shorter than 5 characters`.
    public var message: String

    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String { "\(instancePath): \(message) (\(schemaPath))" }
}
