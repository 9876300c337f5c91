/// One character cell of the screen.
public struct Cell: Sendable, Hashable {
    /// The character drawn here; a space for blank cells. For the second column of a wide
    /// character this is empty and `isWideTail` is true.
    public var character: Character
    public var style: TextStyle
    public var isWideTail: Bool

    public init(_ character: Character = " ", style: TextStyle = .plain, isWideTail: Bool = false) {
        self.character = character
        self.style = style
        self.isWideTail = isWideTail
    }

    public static let blank = Cell()
}
