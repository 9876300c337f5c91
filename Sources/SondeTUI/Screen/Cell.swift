/// One character cell of the screen.
package struct Cell: Sendable, Hashable {
    /// The character drawn here; a space for blank cells. For the second column of a wide
    /// character this is empty and `isWideTail` is true.
    package var character: Character
    package var style: TextStyle
    package var isWideTail: Bool

    package init(_ character: Character = " ", style: TextStyle = .plain, isWideTail: Bool = false) {
        self.character = character
        self.style = style
        self.isWideTail = isWideTail
    }

    package static let blank = Cell()
}
