/// The terminal as the app loop sees it: a size, a way to show a grid, and a source of input.
/// `CursesTerminal` is the real one; tests drive the app without any terminal at all.
package protocol TerminalBackend: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `grid` on the terminal, redrawing only what changed since the last call.
    func present(_ grid: ScreenGrid)
    /// The next input, waiting at most `timeout` seconds; nil when nothing arrived in time.
    func nextEvent(timeout: Double) -> InputEvent?
    /// Gives the terminal back (before running `$EDITOR`); `resume` takes it again and redraws.
    func suspend()
    func resume()
    /// Puts `text` on the clipboard of the terminal (OSC 52), which may ignore it.
    func copyToClipboard(_ text: String)
}

extension TerminalBackend {
    package func copyToClipboard(_ text: String) {}
}
