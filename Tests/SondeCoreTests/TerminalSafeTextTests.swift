import Testing
import SondeCore

@Suite struct TerminalSafeTextTests {
    @Test func escapeSequencesBecomeVisibleAndInert() {
        let hostile = "ok\u{1B}]0;pwned\u{07}\u{1B}[2Jdone\r\n\tend\u{9B}"
        let safe = TerminalSafeText.make(hostile)
        #expect(safe == "ok\\x1b]0;pwned\\x07\\x1b[2Jdone\\x0d\n\tend\\x9b")
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    @Test func invalidUTF8IsReplacedNotFatal() {
        let bytes: [UInt8] = [0x68, 0x69, 0xFF, 0xFE, 0x21]
        #expect(TerminalSafeText.make(bytes) == "hi\u{FFFD}\u{FFFD}!")
    }

    @Test func detectsBinary() {
        #expect(TerminalSafeText.looksBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        #expect(!TerminalSafeText.looksBinary(Array("plain text, café".utf8)))
    }
}
