import CNCurses
import Foundation
import SondeCore
import Synchronization

/// The real terminal, through ncursesw: copies `ScreenGrid`s to the screen and decodes keys,
/// mouse, paste and resizes into `InputEvent`s.
///
/// It draws on /dev/tty, so the TUI works even with standard output redirected; input is raw
/// (Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as keys, flow control is off). Colour follows the
/// terminal's depth and `NO_COLOR` (see `ColorPairTable`). Curses keeps one screen per process,
/// so only one `CursesTerminal` can be open at a time.
///
/// Shutdown: call `close()` (or let the object go) before the process exits. SIGTERM and SIGHUP
/// are caught while the terminal is open: the loop should poll `CursesTerminal.shutdownSignal`
/// (it is safe to read from any thread), leave, `close()`, and exit with 128 + that signal.
/// If it has not closed the terminal three seconds after the signal, the terminal is restored
/// and the process exits anyway (see `TerminationSignals`).
public final class CursesTerminal: TerminalBackend {
    private static let isOpen = Atomic<Bool>(false)

    /// The SIGTERM or SIGHUP that asks sonde to quit, or nil. Also SIGHUP when the terminal
    /// has gone away (the window was closed). Stays set after `close()`.
    public static var shutdownSignal: Int32? { TerminationSignals.pending }

    /// The terminal type in use (`TERM`).
    package let terminalType: String
    /// The colour depth chosen for this terminal and environment.
    package var colorDepth: ColorPairTable.Depth { colors.depth }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let descriptor: Int32
    private var colors: ColorPairTable
    private var drawStyles: [TextStyle: (attributes: attr_t, pair: Int16)] = [:]
    private var lastDrawStyle: (style: TextStyle, drawn: (attributes: attr_t, pair: Int16))?
    private var lastGrid: ScreenGrid?
    private var needsFullRedraw = true
    private var cursorVisible: Bool?
    private var readAhead: CursesInput?
    private var closed = false
    private var suspended = false
    private let pasteOn: [UInt8]
    private let pasteOff: [UInt8]

    /// Takes over the terminal at `device`.
    ///
    /// - Parameters:
    ///   - device: the terminal to draw on; /dev/tty is the process's controlling terminal.
    ///   - environment: where `TERM` and `NO_COLOR` are read from.
    /// - Throws: `TerminalStartError` when there is no usable terminal.
    public init(device: String = "/dev/tty", environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalStartError.terminalTypeNotSet }
        guard TerminalProbe.describe(term: term) != nil else { throw TerminalStartError.unknownTerminalType(term) }
        guard Self.isOpen.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw TerminalStartError.alreadyOpen
        }
        var ready = false
        defer { if !ready { Self.isOpen.store(false, ordering: .releasing) } }

        let fd = open(device, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw TerminalStartError.noTerminal(device: device, reason: String(cString: strerror(errno))) }
        guard isatty(fd) == 1 else {
            Glibc.close(fd)
            throw TerminalStartError.noTerminal(device: device, reason: "not a terminal")
        }
        let inputDescriptor = fcntl(fd, F_DUPFD_CLOEXEC, 0)  // not inherited by $EDITOR and the like
        let output = fdopen(fd, "w")
        let input = inputDescriptor >= 0 ? fdopen(inputDescriptor, "r") : nil
        guard let output, let input else {
            if let output { fclose(output) } else { Glibc.close(fd) }
            if let input { fclose(input) } else if inputDescriptor >= 0 { Glibc.close(inputDescriptor) }
            throw TerminalStartError.noTerminal(device: device, reason: "cannot open it for reading and writing")
        }

        Self.chooseUTF8Locale()
        // Before newterm: saves the shell's terminal modes, and keeps ncurses from installing
        // its own SIGTERM handler, which would exit without letting the app close.
        _ = TerminationSignals.install(descriptor: fd)
        guard let screen = newterm(term, output, input) else {
            TerminationSignals.uninstall()
            fclose(output)
            fclose(input)
            throw TerminalStartError.unsupportedTerminal(term)
        }
        set_term(screen)
        guard let window = sonde_stdscr(), sonde_string_capability("cup") != nil else {
            endwin()
            delscreen(screen)
            TerminationSignals.uninstall()
            fclose(output)
            fclose(input)
            throw TerminalStartError.unsupportedTerminal(term)
        }
        self.screen = screen
        self.window = window
        self.output = output
        self.input = input
        self.descriptor = fd
        terminalType = term

        raw()  // also turns off IXON, so Ctrl-S and Ctrl-Q reach the app
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(25)
        curs_set(0)

        let depth: ColorPairTable.Depth
        if has_colors(), start_color() == OK {
            _ = use_default_colors()  // lets pairs use the terminal's own colours (-1)
            depth = ColorPairTable.Depth(colors: Int(sonde_colors()), environment: environment)
        } else {
            depth = .none
        }
        colors = ColorPairTable(depth: depth, pairLimit: Int(sonde_color_pairs()))

        _ = mousemask(sonde_mouse_mask_wanted(), nil)
        _ = mouseinterval(0)

        pasteOn = sonde_string_capability("BE").map { Array(String(cString: $0).utf8) } ?? []
        pasteOff = sonde_string_capability("BD").map { Array(String(cString: $0).utf8) } ?? []
        writeDirectly(pasteOn)

        var restore: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8) + pasteOff
        for name in ["rmkx", "sgr0", "cnorm", "rmcup"] {
            if let value = sonde_string_capability(name) { restore += Array(String(cString: value).utf8) }
        }
        TerminationSignals.setRestoreSequence(restore)
        ready = true
    }

    deinit { close() }

    /// The terminal's size as curses last knew it (updated with each resize event).
    public var size: (width: Int, height: Int) {
        (Int(max(0, sonde_cols())), Int(max(0, sonde_lines())))
    }

    /// Gives the terminal back as it was: mouse and paste reporting off, cursor shown, the
    /// shell's modes and screen restored. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        if !suspended {
            _ = mousemask(0, nil)
            curs_set(1)
            endwin()
            writeDirectly(pasteOff)
        }
        delscreen(screen)
        fclose(output)
        fclose(input)
        TerminationSignals.uninstall()
        Self.isOpen.store(false, ordering: .releasing)
    }

    // MARK: - Output

    /// Shows `grid`: only rows that changed since the last frame are drawn again (from their
    /// first changed cell), all of it after a resize or `resume`; then one `doupdate`, which
    /// sends the terminal just the cells that differ. A grid larger than the terminal is cut.
    package func present(_ grid: ScreenGrid) {
        guard !closed, !suspended else { return }
        let rows = min(grid.height, Int(sonde_lines()))
        let columns = min(grid.width, Int(sonde_cols()))
        var previous = lastGrid
        if needsFullRedraw || previous?.width != grid.width || previous?.height != grid.height {
            previous = nil
            werase(window)
            clearok(window, true)
            needsFullRedraw = false
        }
        for y in 0..<rows {
            var start = 0
            if let previous {
                guard let changed = firstChange(row: y, of: grid, since: previous, columns: columns) else { continue }
                start = changed
                // Blank the rest of the row first: overwriting half of a wide character makes
                // curses blank its other half, which would undo cells drawn next to it.
                wmove(window, Int32(y), Int32(start))
                wclrtoeol(window)
            }
            for x in start..<columns { draw(grid, x: x, y: y, columns: columns) }
        }
        if let cursor = grid.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        lastGrid = grid
    }

    /// Where row `y` has to be redrawn from (to its end): one column before the first changed
    /// cell, or two when that column is the second half of a wide character, so the
    /// character's first half is redrawn too. Curses compares the result with what the
    /// terminal shows and sends only the cells that differ.
    private func firstChange(row y: Int, of grid: ScreenGrid, since previous: ScreenGrid, columns: Int) -> Int? {
        let offset = y * grid.width
        guard let first = (0..<columns).first(where: { grid.cells[offset + $0] != previous.cells[offset + $0] }) else { return nil }
        var start = max(0, first - 1)
        if start > 0, grid.cells[offset + start].isWideTail || previous.cells[offset + start].isWideTail { start -= 1 }
        return start
    }

    /// Draws one cell. A wide character is written at its head and covers its tail; a head
    /// without room or tail, an orphan tail, or a character whose width the C library sees
    /// differently from `DisplayWidth` is drawn so that curses and the grid keep agreeing on
    /// which column is which.
    private func draw(_ grid: ScreenGrid, x: Int, y: Int, columns: Int) {
        let cell = grid[x, y]
        if cell.isWideTail {
            let head = grid[x - 1, y]
            if x > 0, !head.isWideTail, DisplayWidth.of(head.character) == 2, Self.cursesWidth(of: head.character) == 2 { return }
            put(0x20, style: cell.style, x: x, y: y)
            return
        }
        // Most cells are printable ASCII: no width lookups (a full 200×60 frame is 12,000 cells).
        if let ascii = cell.character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            put(UInt32(ascii), style: cell.style, x: x, y: y)
            return
        }
        let width = DisplayWidth.of(cell.character)
        let hasTail = x + 1 < columns && grid[x + 1, y].isWideTail
        switch (width, hasTail, Self.cursesWidth(of: cell.character)) {
        case (1, false, 1), (2, true, 2):
            put(cell.character.unicodeScalars, style: cell.style, x: x, y: y)
        case (2, true, _):
            // Wide here but one column to the C library (emoji with a presentation selector):
            // the base character alone, then a blank for the tail.
            let first = cell.character.unicodeScalars.first.map { $0.value } ?? 0x20
            put(sonde_wcwidth(wchar_t(bitPattern: first)) == 1 ? first : 0xFFFD, style: cell.style, x: x, y: y)
            put(0x20, style: cell.style, x: x + 1, y: y)
        default:
            put(width == 0 ? 0x20 : 0xFFFD, style: cell.style, x: x, y: y)
        }
    }

    /// The columns the C library (and so curses) gives a character.
    private static func cursesWidth(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return Int(sonde_wcwidth(wchar_t(bitPattern: first.value)))
    }

    private func put(_ scalar: UInt32, style: TextStyle, x: Int, y: Int) {
        put(CollectionOfOne(Unicode.Scalar(scalar) ?? "\u{FFFD}"), style: style, x: x, y: y)
    }

    /// Writes a character (a base and up to four combining marks, curses' limit) at (x, y).
    private func put(_ scalars: some Sequence<Unicode.Scalar>, style: TextStyle, x: Int, y: Int) {
        let (attributes, pair) = drawStyle(style)
        let limit = Int(sonde_cchar_max()) - 1
        var cell = cchar_t()
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: limit + 1) { buffer in
            var count = 0
            for scalar in scalars where count < limit {
                buffer[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            buffer[count] = 0
            _ = setcchar(&cell, buffer.baseAddress, attributes, pair, nil)
        }
        // At the bottom-right cell this returns ERR (the cursor cannot wrap) but the cell is
        // stored, and curses draws it without scrolling the screen.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    /// The attributes and colour pair for `style`; the last one is kept aside, as neighbouring
    /// cells mostly share a style.
    private func drawStyle(_ style: TextStyle) -> (attributes: attr_t, pair: Int16) {
        if let last = lastDrawStyle, last.style == style { return last.drawn }
        let drawn: (attributes: attr_t, pair: Int16)
        if let known = drawStyles[style] {
            drawn = known
        } else {
            let choice = colors.pair(foreground: style.foreground, background: style.background)
            if case .allocate(let number, let foreground, let background) = choice {
                _ = init_pair(number, foreground, background)
            }
            let attributes = sonde_attributes(style.bold ? 1 : 0, style.dim ? 1 : 0, style.underline ? 1 : 0, style.reverse ? 1 : 0)
            drawn = (attributes, choice.number)
            drawStyles[style] = drawn
        }
        lastDrawStyle = (style, drawn)
        return drawn
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }

    /// OSC 52, which xterm, kitty, iTerm2, WezTerm, Windows Terminal and tmux (`set-clipboard
    /// on`) honour, also over ssh where no local clipboard tool could reach.
    package func copyToClipboard(_ text: String) {
        guard !closed else { return }
        writeDirectly(Array(("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}").utf8))
    }

    /// Writes terminal modes curses does not manage (bracketed paste) straight to the
    /// terminal; only when curses has flushed its own output (after doupdate or endwin).
    private func writeDirectly(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        fflush(output)
        // A terminal that cannot be written to has no one to tell.
        try? FileDescriptor(descriptor).writeAll(bytes)
    }

    // MARK: - Input

    /// Input is read in slices of at most this many milliseconds, checking between them for
    /// a resize or a termination signal that another thread received (curses only hears of
    /// SIGWINCH by itself when its read is interrupted on this thread).
    private static let readSliceMilliseconds: Int64 = 100

    /// The next key, mouse action, paste or resize within `timeout` seconds; nil when none came,
    /// and at once when a termination signal is pending (see `shutdownSignal`).
    package func nextEvent(timeout: Double) -> InputEvent? {
        guard !closed, !suspended else { return nil }
        let deadline = ContinuousClock.now + .milliseconds(Int(max(0, min(timeout, 86_400)) * 1000))
        while true {
            if Self.shutdownSignal != nil { return nil }
            let first: CursesInput
            if let pending = readAhead {
                readAhead = nil
                first = pending
            } else {
                if let resized = resizeIfTerminalChanged() { return resized }
                let remaining = deadline - ContinuousClock.now
                let milliseconds = max(0, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
                guard let read = read(waitingMilliseconds: Int32(min(milliseconds, Self.readSliceMilliseconds))) else {
                    if terminalHungUp() || ContinuousClock.now >= deadline { return nil }
                    continue
                }
                first = read
            }
            if let event = event(startingWith: first) { return event }
            if ContinuousClock.now >= deadline { return nil }
        }
    }

    /// A resize event when the terminal's size (asked of the kernel) differs from curses'
    /// idea of it, after telling curses; nil otherwise.
    private func resizeIfTerminalChanged() -> InputEvent? {
        var kernelSize = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &kernelSize) == 0, kernelSize.ws_col > 0, kernelSize.ws_row > 0 else { return nil }
        let (columns, rows) = (Int32(kernelSize.ws_col), Int32(kernelSize.ws_row))
        guard columns != sonde_cols() || rows != sonde_lines() else { return nil }
        resizeterm(rows, columns)
        needsFullRedraw = true
        return .resize(width: Int(columns), height: Int(rows))
    }

    private func event(startingWith first: CursesInput) -> InputEvent? {
        switch first {
        case .keyCode(KEY_RESIZE):
            needsFullRedraw = true
            let size = size
            return .resize(width: size.width, height: size.height)
        case .keyCode(KEY_MOUSE):
            return mouseEvent()
        default:
            let decoded = CursesInputDecoder.decode(first, keyName: Self.keyName) { [self] milliseconds in
                read(waitingMilliseconds: milliseconds)
            }
            readAhead = decoded.readAhead
            return decoded.event
        }
    }

    private static func keyName(_ code: Int32) -> String? {
        keyname(code).map { String(cString: $0) }
    }

    /// The next input within `milliseconds` (0: only what is already there), or nil.
    private func read(waitingMilliseconds milliseconds: Int32) -> CursesInput? {
        wtimeout(window, milliseconds)
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: UInt32(value)))
        default: return nil
        }
    }

    private func mouseEvent() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let action: MouseEvent.Action
        if state & sonde_button1_pressed() != 0 {
            action = .press
        } else if state & sonde_button1_released() != 0 {
            action = .release
        } else if state & sonde_button4_pressed() != 0 {
            action = .wheelUp
        } else if state & sonde_button5_pressed() != 0 {
            action = .wheelDown
        } else {
            return nil
        }
        return .mouse(MouseEvent(action, x: Int(event.x), y: Int(event.y)))
    }

    /// A terminal that has gone away makes every read fail at once: treat it as SIGHUP, so the
    /// loop leaves (or the grace period ends the process) instead of spinning.
    private func terminalHungUp() -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0, poller.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 else { return false }
        if Self.shutdownSignal == nil { kill(getpid(), SIGHUP) }
        return true
    }

    // MARK: - Suspend

    /// Gives the terminal to another program (`$EDITOR`): the shell's modes and screen, the
    /// cursor, no mouse or paste reporting. Input must not be read until `resume`.
    package func suspend() {
        guard !closed, !suspended else { return }
        suspended = true
        def_prog_mode()
        endwin()
        writeDirectly(pasteOff)
    }

    /// Takes the terminal back after `suspend` and redraws the last frame in full.
    package func resume() {
        guard !closed, suspended else { return }
        suspended = false
        reset_prog_mode()
        writeDirectly(pasteOn)
        needsFullRedraw = true
        cursorVisible = nil
        if let lastGrid { present(lastGrid) } else { wrefresh(window) }
    }

    /// Sets the character locale from the environment, so curses reads and writes UTF-8;
    /// when that is not a UTF-8 one (LANG unset gives "C"), C.UTF-8: sonde draws box lines and
    /// arbitrary response text, which a 7-bit locale would turn into "M-" escapes. Only
    /// LC_CTYPE: numbers formatted with printf-style calls keep their "." everywhere.
    private static func chooseUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if sonde_locale_is_utf8() == 0 {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
