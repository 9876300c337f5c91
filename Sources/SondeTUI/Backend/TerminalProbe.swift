import CNCurses
import Foundation

/// What the terminal database says about a terminal type: whether the TUI can draw on it.
package struct TerminalDescription: Sendable, Equatable {
    package var name: String
    package var colors: Int
    /// The size terminfo gives for this type; the live size comes from the terminal when drawing.
    package var columns: Int
    package var lines: Int
}

/// Looks a terminal type up in terminfo through ncurses, before the TUI takes over the screen,
/// so an unknown `TERM` gets a clear message instead of a garbled screen.
package enum TerminalProbe {
    /// The description of `term`, or nil when terminfo does not know it.
    package static func describe(term: String) -> TerminalDescription? {
        var status: Int32 = 0
        // Output to /dev/null's descriptor: setupterm must not write to the real terminal.
        let sink = open("/dev/null", O_WRONLY)
        defer { if sink >= 0 { close(sink) } }
        // setupterm replaces the current terminal, which an open CursesTerminal draws through.
        let previous = sonde_current_terminal()
        defer { sonde_release_terminal_restoring(previous) }
        guard setupterm(term, sink, &status) == OK, status == 1 else { return nil }
        return TerminalDescription(
            name: term,
            colors: Int(max(0, tigetnum("colors"))),
            columns: Int(max(0, tigetnum("cols"))),
            lines: Int(max(0, tigetnum("lines"))))
    }
}
