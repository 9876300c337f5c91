extension String {
    /// The text with `pad` in front up to `width` characters: numbers lined up on the right in
    /// a table, hex digits filled with zeros.
    package func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
