import CNCurses
@testable import SondeTUI
import Testing

/// Decoding of what curses reads: the input is scripted, so timing-dependent cases (a lone
/// Escape, a paste that stops) are exact.
@Suite struct CursesInputDecoderTests {
    /// Decodes `inputs` the way CursesTerminal does: events in order, read-ahead fed back.
    private func decode(_ inputs: [CursesInput], keyName: @escaping (Int32) -> String? = { _ in nil }) -> [InputEvent?] {
        var queue = inputs[...]
        var events: [InputEvent?] = []
        var readAhead: CursesInput?
        while let first = readAhead ?? queue.popFirst() {
            readAhead = nil
            let decoded = CursesInputDecoder.decode(first, keyName: keyName) { _ in queue.popFirst() }
            events.append(decoded.event)
            readAhead = decoded.readAhead
        }
        return events
    }

    private func chars(_ text: String) -> [CursesInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func controlCharactersAreCtrlLettersExceptTabEnterAndBackspace() {
        #expect(decode(chars("\u{01}\u{12}\u{13}\u{11}\u{1A}\u{03}")) == [
            .key(.control("a")), .key(.control("r")), .key(.control("s")), .key(.control("q")), .key(.control("z")), .key(.control("c")),
        ])
        #expect(decode(chars("\t\r\n\u{08}\u{7F}")) == [.key(.tab), .key(.enter), .key(.enter), .key(.backspace), .key(.backspace)])
        #expect(decode(chars("\u{00}\u{1C}\u{9B}")) == [nil, nil, nil], "NUL, Ctrl-\\ and C1 controls mean nothing")
        #expect(decode(chars("a é中")) == [.key(.character("a")), .key(.character(" ")), .key(.character("é")), .key(.character("中"))])
    }

    @Test func cursesKeyCodesBecomeKeys() {
        #expect(decode([.keyCode(KEY_UP), .keyCode(KEY_NPAGE), .keyCode(KEY_DC), .keyCode(KEY_BTAB), .keyCode(KEY_ENTER), .keyCode(KEY_BACKSPACE)])
            == [.key(.up), .key(.pageDown), .key(.delete), .key(.backTab), .key(.enter), .key(.backspace)])
        #expect(decode([.keyCode(sonde_key_f(1)), .keyCode(sonde_key_f(12)), .keyCode(sonde_key_f(13))]) == [.key(.function(1)), .key(.function(12)), nil])
        #expect(decode([.keyCode(KEY_SR), .keyCode(KEY_SLEFT)]) == [.key(.up), .key(.left)], "shifted keys count as plain ones")
        #expect(decode([.keyCode(0o777)]) == [nil], "an unknown code is ignored")
        let names: [Int32: String] = [600: "kUP5", 601: "kDC3", 602: "kxIN"]
        #expect(decode([.keyCode(600), .keyCode(601), .keyCode(602)], keyName: { names[$0] }) == [.key(.up), .key(.delete), nil])
    }

    @Test func escapeAloneIsEscapeAndWithACharacterIsAlt() {
        #expect(decode(chars("\u{1B}")) == [.key(.escape)])
        #expect(decode(chars("\u{1B}x\u{1B}.")) == [.key(.alt("x")), .key(.alt("."))])
        #expect(decode(chars("\u{1B}\u{1B}")) == [.key(.escape), .key(.escape)])
        #expect(decode(chars("\u{1B}\r")) == [.key(.escape), .key(.enter)])
        #expect(decode([.character(27), .keyCode(KEY_UP)]) == [.key(.escape), .key(.up)])
        #expect(decode(chars("\u{1B}[")) == [.key(.alt("["))])
        #expect(decode(chars("\u{1B}O")) == [.key(.alt("O"))])
    }

    @Test func sequencesCursesDidNotKnowAreDecodedOrDroppedWhole() {
        #expect(decode(chars("\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~")) == [.key(.home), .key(.end), .key(.home), .key(.end)])
        #expect(decode(chars("\u{1B}[1;5A\u{1B}[Z\u{1B}[3;2~\u{1B}[15~\u{1B}[24~")) == [.key(.up), .key(.backTab), .key(.delete), .key(.function(5)), .key(.function(12))])
        #expect(decode(chars("\u{1B}OH\u{1B}OS")) == [.key(.home), .key(.function(4))])
        #expect(decode(chars("\u{1B}[?1;2cz")) == [nil, .key(.character("z"))], "a device report is dropped, not typed")
        #expect(decode(chars("\u{1B}[99;1Xz")) == [nil, .key(.character("z"))])
    }

    @Test func bracketedPasteArrivesAsOneEvent() {
        #expect(decode(chars("\u{1B}[200~GET /users\r\nAccept: */*\r{\"a\":\t1}\u{1B}[201~x")) == [
            .paste("GET /users\nAccept: */*\n{\"a\":\t1}"), .key(.character("x")),
        ])
        #expect(decode(chars("\u{1B}[200~\u{1B}[201~")) == [.paste("")])
        #expect(decode(chars("\u{1B}[200~cut sho")) == [.paste("cut sho")], "input stopping ends the paste")
    }
}
