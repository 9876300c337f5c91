/// A key press, decoded from the terminal's input by the backend.
package enum Key: Sendable, Hashable {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl with a letter: `.control("r")` for Ctrl-R. Ctrl-I/M/H arrive as tab/enter/backspace.
    case control(Character)
    /// Alt (meta) with a character, sent by terminals as Escape followed by the character.
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

/// A mouse action at a screen cell.
package struct MouseEvent: Sendable, Hashable {
    package enum Action: Sendable, Hashable { case press, release, wheelUp, wheelDown }
    package var action: Action
    package var x: Int
    package var y: Int

    package init(_ action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}

/// Something that came from the terminal.
package enum InputEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal changed size to this many columns and rows.
    case resize(width: Int, height: Int)
    /// Text pasted in one go (bracketed paste), inserted as is rather than run as keys.
    case paste(String)
}
