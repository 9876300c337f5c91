/// A terminal colour: the terminal's default, or an index into the 256-colour palette.
///
/// Indexes 0–7 are the classic colours every terminal has; the backend maps higher indexes to
/// the nearest of those on 8-colour terminals and drops colour entirely under `NO_COLOR`.
package enum TerminalColor: Sendable, Hashable {
    case `default`
    case palette(UInt8)

    package static let black = TerminalColor.palette(0)
    package static let red = TerminalColor.palette(1)
    package static let green = TerminalColor.palette(2)
    package static let yellow = TerminalColor.palette(3)
    package static let blue = TerminalColor.palette(4)
    package static let magenta = TerminalColor.palette(5)
    package static let cyan = TerminalColor.palette(6)
    package static let white = TerminalColor.palette(7)
    package static let gray = TerminalColor.palette(244)
    package static let darkGray = TerminalColor.palette(238)
    package static let orange = TerminalColor.palette(208)
    package static let purple = TerminalColor.palette(141)

    /// The closest of the eight classic colours, for terminals that have no more.
    package var eightColorFallback: TerminalColor {
        guard case .palette(let index) = self, index >= 8 else { return self }
        switch index {
        case 8...15: return .palette(index - 8)
        case 232...255: return index < 244 ? .black : .white
        default:
            // The 6×6×6 cube: pick the classic colour from which channels are strong.
            let cube = Int(index) - 16
            let (r, g, b) = (cube / 36 >= 3, (cube / 6) % 6 >= 3, cube % 6 >= 3)
            return .palette(UInt8((r ? 1 : 0) | (g ? 2 : 0) | (b ? 4 : 0)))
        }
    }
}

/// How a cell is drawn. Plain value so a rendered grid can be compared in tests.
package struct TextStyle: Sendable, Hashable {
    package var foreground: TerminalColor
    package var background: TerminalColor
    package var bold: Bool
    package var dim: Bool
    package var underline: Bool
    package var reverse: Bool

    package init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    package static let plain = TextStyle()

    package func with(foreground: TerminalColor) -> TextStyle { var s = self; s.foreground = foreground; return s }
    package func with(background: TerminalColor) -> TextStyle { var s = self; s.background = background; return s }
    package var bolded: TextStyle { var s = self; s.bold = true; return s }
    package var reversed: TextStyle { var s = self; s.reverse = true; return s }
    package var dimmed: TextStyle { var s = self; s.dim = true; return s }
    package var underlined: TextStyle { var s = self; s.underline = true; return s }
}
