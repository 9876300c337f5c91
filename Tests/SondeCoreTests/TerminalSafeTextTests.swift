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

    @Test func bidiOverridesAndZeroWidthCharactersAreShownByName() {
        let spoof = "invoice\u{202E}fdp.exe \u{2066}x\u{2069} a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}"
        #expect(TerminalSafeText.make(spoof) == "invoice<U+202E>fdp.exe <U+2066>x<U+2069> a<U+200B>b<U+200C>c<U+200D>d<U+2060>e<U+FEFF>f<U+202A><U+202B><U+202C><U+202D><U+2067><U+2068>")
        #expect(TerminalSafeText.singleLine("k\u{202E}\nv") == "k<U+202E>\\nv")
        // Text with none of them comes back as it was, emoji joined by U+200D included.
        let family = "café 中文 👩\u{200D}💻 🏃🏽\u{200D}♂\u{FE0F}"
        #expect(TerminalSafeText.make(family) == family)
        #expect(TerminalSafeText.make("x\u{200D}💻") == "x<U+200D>💻", "a joiner after a letter is no emoji")
    }
}
