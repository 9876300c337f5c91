/// A place in a collection file, `users/list.yaml:4:12`, as compilers print one so terminals and
/// editors can jump to it.
public struct FilePosition: Sendable, Equatable, CustomStringConvertible {
    /// The path below the collection root.
    public var file: String
    public var line: Int
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }
}
