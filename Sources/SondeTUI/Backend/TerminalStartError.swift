/// Why the TUI could not take over the terminal, in words that say what to do about it.
package enum TerminalStartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No terminal to draw on: the device (normally /dev/tty) could not be opened, as under
    /// cron, in a pipeline without a controlling terminal, or in a container started without -t.
    case noTerminal(device: String, reason: String)
    /// `TERM` is not set (or is empty).
    case terminalTypeNotSet
    /// terminfo has no entry for `TERM`.
    case unknownTerminalType(String)
    /// The terminal type is known but cannot run a full-screen program (no cursor addressing).
    case unsupportedTerminal(String)
    /// Another `CursesTerminal` is still open: curses has one screen per process.
    case alreadyOpen

    package var description: String {
        switch self {
        case .noTerminal(let device, let reason):
            return "sonde needs a terminal for its interactive UI, but \(device) could not be opened (\(reason)). Use `sonde send` in scripts."
        case .terminalTypeNotSet:
            return "TERM is not set, so sonde cannot tell how to draw on this terminal. Set it, for example: TERM=xterm-256color sonde"
        case .unknownTerminalType(let term):
            return "The terminal type '\(term)' (from TERM) is unknown to terminfo. Set TERM to one it knows, for example xterm-256color, or install the ncurses-term package."
        case .unsupportedTerminal(let term):
            return "The terminal type '\(term)' (from TERM) cannot run full-screen programs. Use a terminal such as xterm-256color, or `sonde send`."
        case .alreadyOpen:
            return "The terminal UI is already open in this process."
        }
    }
}
