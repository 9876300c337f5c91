/// Why a JSONPath expression could not be read, and where: `column` counts characters from 1.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "invalid JSONPath at column \(column): \(message)" }
}
