import CNCurses

/// One unit of input as curses' `wget_wch` returns it.
enum CursesInput: Sendable, Hashable {
    /// A character (a Unicode scalar value, control characters included).
    case character(UInt32)
    /// A key curses recognised from an escape sequence (`KEY_UP`, `KEY_F(1)`, `KEY_MOUSE`...).
    case keyCode(Int32)
}

/// Turns what curses reads into `InputEvent`s: function keys, control characters, Alt
/// (Escape followed at once by a character), bracketed paste, and sequences curses does not
/// know, which are swallowed whole rather than leaking as stray characters.
///
/// Pure apart from `next`, so the decoding is tested without a terminal. Mouse and resize
/// need curses calls and are handled by `CursesTerminal` before decoding.
enum CursesInputDecoder {
    /// How long to wait for the rest of a paste before giving up on its end marker.
    static let pasteWaitMilliseconds: Int32 = 200

    /// Decodes the event that starts with `first`.
    ///
    /// - Parameters:
    ///   - keyName: curses' name for a key code (`keyname`), used for the codes terminfo
    ///     defines beyond the standard ones, such as "kUP5" for Ctrl-Up.
    ///   - next: the following input if it arrives within the given milliseconds, else nil.
    ///     Curses has already waited `ESCDELAY` after an Escape, so what follows it at once
    ///     (0 ms) came in the same burst: a key sequence or Alt, not a second key press.
    /// - Returns: the event (nil for input that means nothing to sonde) and an input read
    ///   ahead that begins the next event.
    static func decode(
        _ first: CursesInput, keyName: (Int32) -> String? = { _ in nil }, next: (Int32) -> CursesInput?
    ) -> (event: InputEvent?, readAhead: CursesInput?) {
        switch first {
        case .keyCode(let code):
            let found = key(forCode: code) ?? keyName(code).flatMap { key(forExtendedName: $0) }
            return (found.map { .key($0) }, nil)
        case .character(27):
            return decodeAfterEscape(next: next)
        case .character(let value):
            return (key(forCharacter: value).map { .key($0) }, nil)
        }
    }

    /// The key for a curses key code, or nil for one sonde does not use. Shifted keys count
    /// as the plain key (xterm's Shift-Up is `KEY_SR`), as `Key` has no modifiers.
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_SHOME: return .home
        case KEY_END, KEY_SEND: return .end
        case KEY_PPAGE, KEY_SPREVIOUS: return .pageUp
        case KEY_NPAGE, KEY_SNEXT: return .pageDown
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case sonde_key_f(1)...sonde_key_f(12): return .function(Int(code - sonde_key_f(0)))
        default: return nil
        }
    }

    /// The key for a terminfo extended key name: the modified arrows and editing keys
    /// ("kUP5" is Ctrl-Up, "kDC3" Alt-Delete) count as the plain key, as `Key` has no modifiers.
    static func key(forExtendedName name: String) -> Key? {
        let base = String(name.reversed().drop(while: \.isNumber).reversed())
        switch base {
        case "kUP": return .up
        case "kDN": return .down
        case "kLFT": return .left
        case "kRIT": return .right
        case "kHOM": return .home
        case "kEND": return .end
        case "kPRV": return .pageUp
        case "kNXT": return .pageDown
        case "kDC": return .delete
        case "kIC": return .insert
        default: return nil
        }
    }

    /// The key for a character: Ctrl-letter for 1–26 except those that are tab, enter and
    /// backspace (Ctrl-I, Ctrl-J/M, Ctrl-H); nil for other control characters.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + value))))
        case 0..<32, 128..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func decodeAfterEscape(next: (Int32) -> CursesInput?) -> (event: InputEvent?, readAhead: CursesInput?) {
        guard let following = next(0) else { return (.key(.escape), nil) }
        switch following {
        case .character(91):  // "[": a control sequence, unless nothing follows (Alt-[)
            guard let parameter = next(10) else { return (.key(.alt("[")), nil) }
            return decodeControlSequence(startingWith: parameter, next: next)
        case .character(79):  // "O": an SS3 sequence curses did not know, unless nothing follows (Alt-O)
            guard let final = next(10) else { return (.key(.alt("O")), nil) }
            if case .character(let value) = final, value >= 0x40, value <= 0x7E {
                return (Self.key(forFinal: UInt8(value), parameters: []).map { .key($0) }, nil)
            }
            return (.key(.alt("O")), final)
        case .character(let value):
            if case .character(let c)? = key(forCharacter: value), value != 27 { return (.key(.alt(c)), nil) }
            return (.key(.escape), following)
        case .keyCode:
            return (.key(.escape), following)
        }
    }

    /// Reads a CSI sequence (after "ESC [") to its final byte. Bracketed paste starts a paste;
    /// the VT keys that terminals send when they differ from their terminfo entry (tmux sends
    /// Home as "ESC [ 1 ~" where xterm's entry says "ESC O H") are decoded here; anything else
    /// is dropped.
    private static func decodeControlSequence(startingWith first: CursesInput, next: (Int32) -> CursesInput?) -> (event: InputEvent?, readAhead: CursesInput?) {
        var body: [UInt8] = []
        var input: CursesInput? = first
        while let current = input {
            guard case .character(let value) = current, value >= 0x20, value <= 0x7E else { return (nil, current) }
            body.append(UInt8(value))
            if value >= 0x40 { break }  // the final byte
            if body.count > 32 { return (nil, nil) }
            input = next(10)
        }
        if body == Array("200~".utf8) { return (.paste(readPaste(next: next)), nil) }
        guard let final = body.last else { return (nil, nil) }
        let parameters = String(decoding: body.dropLast(), as: UTF8.self).split(separator: ";").map { Int($0) }
        return (key(forFinal: final, parameters: parameters).map { .key($0) }, nil)
    }

    /// The key a VT sequence stands for, from its final byte and parameters; the modifier
    /// parameter ("1;5A" is Ctrl-Up) is ignored.
    private static func key(forFinal final: UInt8, parameters: [Int?]) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        case UInt8(ascii: "~"):
            switch parameters.first ?? nil {
            case 1, 7: return .home
            case 4, 8: return .end
            case 2: return .insert
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case let n? where (11...15).contains(n): return .function(n - 10)
            case let n? where (17...21).contains(n): return .function(n - 11)
            case 23: return .function(11)
            case 24: return .function(12)
            default: return nil
            }
        default: return nil
        }
    }

    /// The pasted text up to the end marker "ESC [ 2 0 1 ~" (or until input stops coming);
    /// carriage returns become newlines.
    private static func readPaste(next: (Int32) -> CursesInput?) -> String {
        let endMarker: [UInt32] = [27, 91, 50, 48, 49, 126]
        var scalars: [UInt32] = []
        while let input = next(pasteWaitMilliseconds) {
            switch input {
            case .character(let value):
                scalars.append(value)
                if scalars.count >= endMarker.count, Array(scalars.suffix(endMarker.count)) == endMarker {
                    scalars.removeLast(endMarker.count)
                    return text(of: scalars)
                }
            case .keyCode(KEY_ENTER):
                scalars.append(10)
            case .keyCode:
                break  // a sequence curses matched inside pasted text: not text
            }
        }
        return text(of: scalars)
    }

    private static func text(of scalars: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        var previous: UInt32 = 0
        for value in scalars {
            defer { previous = value }
            if value == 10, previous == 13 { continue }
            let normalized = value == 13 ? 10 : value
            text.append(Unicode.Scalar(normalized) ?? "\u{FFFD}")
        }
        return String(text)
    }
}
