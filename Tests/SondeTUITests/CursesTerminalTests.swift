import Foundation
import SondeTUI
import Testing

// Curses has one current screen and terminal per process, and TerminalProbe swaps the current
// terminal: every test that touches curses runs inside TerminalProbeTests' serialized suite.
extension TerminalProbeTests {
    /// The real ncurses backend on a pseudo-terminal: what reaches the terminal, how typed
    /// bytes decode, resizing, suspending, and that closing gives the terminal back as it was.
    @Suite struct CursesTerminalTests {
        @Test func drawsColoursAndWideCharactersAndDecodesWhatIsTyped() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 40, height: 10)
                let before = pty.modes()
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm-256color"])
                defer { terminal.close() }
                #expect(terminal.size == (40, 10))
                #expect(terminal.colorDepth == .full)
                #expect(!pty.isCooked, "raw input while the TUI runs")

                var grid = ScreenGrid(width: 40, height: 10)
                grid.box(grid.bounds, title: "box")
                grid.write("wide 中文 end", x: 2, y: 1, style: TextStyle(foreground: .orange, background: .palette(236)))
                grid.write("bold", x: 2, y: 2, style: TextStyle.plain.bolded)
                terminal.present(grid)
                let drawn = try #require(pty.waitForOutput(containing: "end"))
                #expect(drawn.contains("中文"))
                #expect(drawn.contains("38;5;208"), "palette index 208 as is on a 256-colour terminal")
                #expect(drawn.contains("48;5;236"))
                #expect(drawn.contains("┌─ box ─"))

                let typed: [(String, InputEvent)] = [
                    ("\u{13}", .key(.control("s"))),  // Ctrl-S: flow control is off
                    ("\u{11}", .key(.control("q"))),
                    ("\u{03}", .key(.control("c"))),
                    ("\u{1A}", .key(.control("z"))),
                    ("\u{1B}x", .key(.alt("x"))),
                    ("\u{1B}[Z", .key(.backTab)),
                    ("\u{1B}[A", .key(.up)),
                    ("\u{1B}[1~", .key(.home)),  // what tmux sends for Home
                    ("\u{1B}OP", .key(.function(1))),
                    ("\u{7F}", .key(.backspace)),
                    ("\r", .key(.enter)),
                    ("\t", .key(.tab)),
                    ("é", .key(.character("é"))),
                    ("中", .key(.character("中"))),
                    ("\u{1B}[<0;5;3M", .mouse(MouseEvent(.press, x: 4, y: 2))),
                    ("\u{1B}[<0;5;3m", .mouse(MouseEvent(.release, x: 4, y: 2))),
                    ("\u{1B}[<64;7;4M", .mouse(MouseEvent(.wheelUp, x: 6, y: 3))),
                    ("\u{1B}[<65;1;1M", .mouse(MouseEvent(.wheelDown, x: 0, y: 0))),
                    ("\u{1B}[200~line 1\r\nline 2 中\u{1B}[201~", .paste("line 1\nline 2 中")),
                    ("\u{1B}", .key(.escape)),
                ]
                for (bytes, expected) in typed {
                    pty.type(bytes)
                    #expect(terminal.nextEvent(timeout: 2) == expected, "typed \(bytes.debugDescription)")
                }
                pty.type("\u{1B}[?99u")  // a report curses does not know: dropped whole
                pty.type("k")
                #expect(terminal.nextEvent(timeout: 2) == .key(.character("k")))
                #expect(terminal.nextEvent(timeout: 0.05) == nil)

                terminal.close()
                // Bracketed paste is turned off last, after curses has finished.
                let restored = try #require(pty.waitForOutput(containing: "\u{1B}[?2004l"), "bracketed paste off")
                #expect(restored.contains("\u{1B}[?1049l"), "left the alternate screen")
                #expect(restored.contains("\u{1B}[?25h"), "cursor shown again")
                #expect(restored.contains("\u{1B}[?1006;1000l"), "mouse reporting off")
                #expect(pty.modes() == before, "terminal modes exactly as before")
            }
        }

        @Test func aResizeIsReportedAndTheNextFrameRedrawsEverything() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 30, height: 8)
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm-256color"])
                defer { terminal.close() }
                var grid = ScreenGrid(width: 30, height: 8)
                grid.write("first frame", x: 0, y: 0)
                terminal.present(grid)
                _ = try #require(pty.waitForOutput(containing: "first frame"))
                terminal.present(grid)
                #expect(pty.waitForOutput(containing: "first frame", timeout: 0.3) == nil, "an unchanged frame sends nothing again")

                pty.setSize(width: 50, height: 12)
                raise(SIGWINCH)  // the kernel sends it only to the terminal's foreground process group
                let start = Date()
                #expect(terminal.nextEvent(timeout: 2) == .resize(width: 50, height: 12))
                #expect(Date().timeIntervalSince(start) < 0.5)
                #expect(terminal.size == (50, 12))
                var larger = ScreenGrid(width: 50, height: 12)
                larger.write("first frame", x: 0, y: 0)
                larger.write("bottom", x: 44, y: 11)
                terminal.present(larger)
                let redrawn = try #require(pty.waitForOutput(containing: "botto\u{1B}[?7lm\u{1B}[?7h"),
                                           "the bottom-right cell is written with auto-margins off, so the screen cannot scroll")
                #expect(redrawn.contains("first frame"), "after a resize the whole screen is drawn again")
            }
        }

        @Test func suspendGivesTheShellItsModesAndResumeRedraws() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 30, height: 8)
                let before = pty.modes()
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm-256color"])
                defer { terminal.close() }
                var grid = ScreenGrid(width: 30, height: 8)
                grid.write("before the editor", x: 0, y: 3)
                terminal.present(grid)
                _ = try #require(pty.waitForOutput(containing: "before the editor"), "\(pty.takeOutput().debugDescription)")

                terminal.suspend()
                let suspended = try #require(pty.waitForOutput(containing: "\u{1B}[?2004l"))
                #expect(suspended.contains("\u{1B}[?1049l"))
                #expect(suspended.contains("\u{1B}[?1006;1000l"), "mouse reporting off while the editor runs")
                #expect(pty.modes() == before, "the editor gets the shell's modes")
                terminal.resume()
                let redrawn = try #require(pty.waitForOutput(containing: "before the editor"), "resume redraws the last frame")
                #expect(redrawn.contains("\u{1B}[?1049h"))
                #expect(!pty.isCooked)
                pty.type("\u{13}")
                #expect(terminal.nextEvent(timeout: 2) == .key(.control("s")))
            }
        }

        @Test func noColorKeepsBoldAndReverseButSendsNoColour() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 30, height: 5)
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
                defer { terminal.close() }
                #expect(terminal.colorDepth == .none)
                var grid = ScreenGrid(width: 30, height: 5)
                grid.write("loud", x: 0, y: 0, style: TextStyle(foreground: .red, background: .blue).bolded)
                grid.write("flipped", x: 0, y: 1, style: TextStyle(foreground: .orange).reversed)
                terminal.present(grid)
                let drawn = try #require(pty.waitForOutput(containing: "flipped"))
                #expect(drawn.contains("\u{1B}[1m") || drawn.contains(";1m"), "bold kept")
                #expect(drawn.contains("\u{1B}[7m") || drawn.contains(";7m"), "reverse kept")
                for colour in ["\u{1B}[31m", "\u{1B}[44m", "38;5;", "48;5;"] {
                    #expect(!drawn.contains(colour), "no colour sequence \(colour.debugDescription)")
                }
            }
        }

        @Test func anEightColourTerminalGetsTheNearestClassicColour() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 30, height: 5)
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm"])
                defer { terminal.close() }
                #expect(terminal.colorDepth == .limited(colors: 8))
                var grid = ScreenGrid(width: 30, height: 5)
                grid.write("orange", x: 0, y: 0, style: TextStyle(foreground: .orange))
                terminal.present(grid)
                let drawn = try #require(pty.waitForOutput(containing: "orange"))
                #expect(drawn.contains("\u{1B}[31m"), "208 (orange) becomes red")
                #expect(!drawn.contains("38;5;"))
            }
        }

        @Test func aSecondScreenOrAMissingTerminalIsAClearError() async throws {
            try await onOwnThread {
                #expect(throws: TerminalStartError.terminalTypeNotSet) {
                    try CursesTerminal(device: "/dev/null", environment: [:])
                }
                #expect(throws: TerminalStartError.unknownTerminalType("no-such-terminal")) {
                    try CursesTerminal(device: "/dev/null", environment: ["TERM": "no-such-terminal"])
                }
                #expect(throws: TerminalStartError.noTerminal(device: "/dev/null", reason: "not a terminal")) {
                    try CursesTerminal(device: "/dev/null", environment: ["TERM": "xterm"])
                }
                #expect(throws: TerminalStartError.self) {
                    try CursesTerminal(device: "/nonexistent/tty", environment: ["TERM": "xterm"])
                }

                let pty = try PseudoTerminal(width: 20, height: 5)
                let first = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm"])
                #expect(throws: TerminalStartError.alreadyOpen) {
                    try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm"])
                }
                // Probing a terminal type while the screen is open leaves the screen working.
                #expect(TerminalProbe.describe(term: "vt100") != nil)
                var grid = ScreenGrid(width: 20, height: 5)
                grid.write("still drawing", x: 0, y: 0)
                first.present(grid)
                #expect(pty.waitForOutput(containing: "still drawing") != nil)
                first.close()
                let second = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm"])
                second.close()
            }
        }

        @Test func sigtermIsRecordedForTheLoopAndCloseEndsTheGracePeriod() async throws {
            try await onOwnThread {
                let pty = try PseudoTerminal(width: 20, height: 5)
                let terminal = try CursesTerminal(device: pty.devicePath, environment: ["TERM": "xterm"])
                #expect(CursesTerminal.shutdownSignal == nil)
                raise(SIGTERM)
                #expect(CursesTerminal.shutdownSignal == SIGTERM)
                let start = Date()
                #expect(terminal.nextEvent(timeout: 5) == nil)
                #expect(Date().timeIntervalSince(start) < 1, "the loop hears of it at once")
                // Closing cancels the grace alarm (were it left, this test process would end
                // with status 143 three seconds later): alarm(0) says how much was left.
                terminal.close()
                #expect(alarm(0) == 0, "no grace alarm pending after close")
                #expect(CursesTerminal.shutdownSignal == SIGTERM, "still readable after close, for the exit status")
            }
        }
    }
}
