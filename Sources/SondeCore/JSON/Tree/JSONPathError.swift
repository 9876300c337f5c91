/// Why a JSONPath expression could not be read, and where: `column` counts characters from 1.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Counted in characters from 1.
    public var column: Int
    /// What was expected there, or what is wrong.
    public var message: String

    /// An error at `column` saying `message`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "invalid JSONPath at column \(column): \(message)" }
}
