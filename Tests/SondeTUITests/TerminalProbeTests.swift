import Testing
import SondeTUI

@Suite(.serialized) struct TerminalProbeTests {
    @Test func knowsCommonTerminalsAndTheirColours() throws {
        let xterm = try #require(TerminalProbe.describe(term: "xterm-256color"))
        #expect(xterm.colors == 256)
        let vt100 = try #require(TerminalProbe.describe(term: "vt100"))
        #expect(vt100.colors == 0)
        #expect(vt100.columns == 80)
        #expect(vt100.lines == 24)
    }

    @Test func anUnknownTerminalIsNil() {
        #expect(TerminalProbe.describe(term: "no-such-terminal-type") == nil)
    }
}
