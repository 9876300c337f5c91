import Foundation

/// Where a JSON text stops being valid, for a message the user can act on.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    /// The byte offset into the text, for callers that point into the bytes (0-based).
    public var offset: Int = 0
    /// Valid JSON nested deeper than `JSONText.maximumIndentedDepth`: refused for indenting only.
    public var isTooDeepToIndent = false

    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}

/// JSON as text: validation and pretty printing that keep key order and number spelling
/// exactly as the server sent them (Foundation's JSONSerialization keeps neither). Pretty
/// printing decodes `\uXXXX` escapes of printable characters (`printableEscape`).
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func quote(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// `text` as the inside of a JSON string literal: `"`, `\` and control characters escaped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `data` is one valid JSON value (surrounding white space allowed).
    public static func validate(_ data: some Collection<UInt8>) -> JSONSyntaxError? {
        switch withBytes(data, { reformat($0, indent: nil) }) {
        case .success: nil
        case .failure(let error): error
        }
    }

    /// The JSON value in `data`, indented by `indent` spaces, or the first syntax error.
    public static func prettyPrinted(_ data: some Collection<UInt8>, indent: Int = 2) -> Result<String, JSONSyntaxError> {
        prettyPrintedBytes(data, indent: indent).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The indented JSON as UTF-8 bytes: for large bodies, one copy fewer than a String.
    public static func prettyPrintedBytes(_ data: some Collection<UInt8>, indent: Int = 2) -> Result<[UInt8], JSONSyntaxError> {
        withBytes(data) { reformat($0, indent: indent) }
    }

    /// Runs `body` on the bytes in place when the collection is contiguous (Data, Array), so a
    /// 160 MB body is not copied just to be read.
    private static func withBytes<R>(_ data: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = data.withContiguousStorageIfAvailable(body) { return result }
        return Array(data).withUnsafeBufferPointer(body)
    }

    /// The deepest nesting that is indented. Indentation grows with depth, so the output of
    /// deep nesting grows with the square of it: 100,000 nested arrays (200 kB) asked for 13 GB
    /// and aborted `sonde send`. Deeper JSON is not reformatted (callers show it as received).
    public static let maximumIndentedDepth = 512

    /// One pass that validates and, when `indent` is set, writes the indented form. Iterative with
    /// an explicit stack, so a deeply nested body cannot overflow the call stack.
    static func reformat(_ input: UnsafeBufferPointer<UInt8>, indent: Int?) -> Result<[UInt8], JSONSyntaxError> {
        var out: [UInt8] = []
        // Indenting compact JSON roughly doubles it; reserving that avoids a copy of the whole
        // output when it outgrows a smaller guess (untouched capacity costs no memory).
        if indent != nil { out.reserveCapacity(input.count * 2 + 16) }
        var position = 0
        /// Open containers: `{` or `[`.
        var stack: [UInt8] = []
        enum Expect { case value, keyOrEnd, key, colon, commaOrEnd, valueOrEnd }
        var expect = Expect.value

        func fail(_ message: String) -> Result<[UInt8], JSONSyntaxError> {
            var line = 1, column = 1
            for byte in input[..<min(position, input.count)] {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return .failure(JSONSyntaxError(line: line, column: column, message: message, offset: min(position, input.count)))
        }
        func newline(_ depth: Int) {
            guard let indent else { return }
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * indent))
        }
        func skipSpace() {
            while position < input.count {
                switch input[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }
        /// Copies a string literal, `\uXXXX` escapes of printable characters decoded
        /// (`printableEscape`); returns false on a malformed one.
        func copyString() -> Bool {
            /// The first byte not yet copied: the literal is copied in runs between decoded escapes.
            var copied = position
            position += 1
            while position < input.count {
                let byte = input[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    if indent != nil { out.append(contentsOf: input[copied..<position]) }
                    return true
                }
                if byte < 0x20 { return false }
                if byte == UInt8(ascii: "\\") {
                    position += 1
                    guard position < input.count else { return false }
                    switch input[position] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        break
                    case UInt8(ascii: "u"):
                        // Decoding checks the hex digits too: an escape that decodes is valid.
                        if indent != nil, let (scalar, length) = printableEscape(input, at: position - 1) {
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<(position - 1)]))
                            appendUTF8(scalar, to: &out)
                            position += length - 1
                            copied = position
                            continue
                        }
                        guard position + 4 < input.count,
                              input[(position + 1)...(position + 4)].allSatisfy({ isHexDigit($0) }) else { return false }
                        position += 4
                    default: return false
                    }
                }
                position += 1
            }
            return false
        }
        func copyScalar() -> Bool {
            let start = position
            let byte = input[position]
            if byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "n") {
                for word in ["true", "false", "null"] {
                    let bytes = Array(word.utf8)
                    if input.count - position >= bytes.count, input[position..<(position + bytes.count)].elementsEqual(bytes) {
                        position += bytes.count
                        if indent != nil { out.append(contentsOf: bytes) }
                        return true
                    }
                }
                return false
            }
            // Numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
            if input[position] == UInt8(ascii: "-") { position += 1 }
            func digits() -> Int {
                let from = position
                while position < input.count, isDigit(input[position]) { position += 1 }
                return position - from
            }
            guard position < input.count else { return false }
            if input[position] == UInt8(ascii: "0") { position += 1 } else if digits() == 0 { return false }
            if position < input.count, input[position] == UInt8(ascii: ".") {
                position += 1
                if digits() == 0 { return false }
            }
            if position < input.count, input[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") { position += 1 }
                if digits() == 0 { return false }
            }
            if indent != nil { out.append(contentsOf: input[start..<position]) }
            return true
        }

        /// Ends the innermost container right after it opened: `{}` or `[]`.
        func closeEmpty(_ byte: UInt8) {
            stack.removeLast()
            position += 1
            out.append(byte)
            expect = .commaOrEnd
        }

        skipSpace()
        if position == input.count { return fail("empty document") }
        while true {
            skipSpace()
            guard position < input.count else {
                return stack.isEmpty && expect == .commaOrEnd ? .success(out) : fail("unexpected end of input")
            }
            let byte = input[position]
            switch expect {
            case .value, .valueOrEnd:
                if expect == .valueOrEnd, byte == UInt8(ascii: "]") {
                    closeEmpty(byte)
                    continue
                }
                if indent != nil, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "["), stack.count >= maximumIndentedDepth {
                    return fail("nested deeper than \(maximumIndentedDepth) levels: too deep to indent").mapError { error in
                        var error = error
                        error.isTooDeepToIndent = true
                        return error
                    }
                }
                switch byte {
                case UInt8(ascii: "{"):
                    stack.append(byte)
                    out.append(byte)
                    position += 1
                    expect = .keyOrEnd
                case UInt8(ascii: "["):
                    stack.append(byte)
                    out.append(byte)
                    position += 1
                    skipSpace()
                    if position < input.count, input[position] != UInt8(ascii: "]") { newline(stack.count) }
                    expect = .valueOrEnd
                case UInt8(ascii: "\""):
                    guard copyString() else { return fail("malformed string") }
                    expect = .commaOrEnd
                default:
                    guard copyScalar() else { return fail("expected a value") }
                    expect = .commaOrEnd
                }
            case .keyOrEnd, .key:
                if expect == .keyOrEnd, byte == UInt8(ascii: "}") {
                    closeEmpty(byte)
                    continue
                }
                guard byte == UInt8(ascii: "\"") else { return fail("expected a key in double quotes") }
                if expect == .keyOrEnd { newline(stack.count) }
                guard copyString() else { return fail("malformed string") }
                expect = .colon
            case .colon:
                guard byte == UInt8(ascii: ":") else { return fail("expected ':' after a key") }
                position += 1
                if indent != nil { out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")]) }
                expect = .value
            case .commaOrEnd:
                guard let open = stack.last else { return fail("unexpected text after the JSON value") }
                let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if byte == UInt8(ascii: ",") {
                    position += 1
                    out.append(byte)
                    newline(stack.count)
                    expect = open == UInt8(ascii: "{") ? .key : .value
                } else if byte == close {
                    stack.removeLast()
                    position += 1
                    newline(stack.count)
                    out.append(byte)
                } else {
                    return fail("expected ',' or '\(Character(UnicodeScalar(close)))'")
                }
            }
        }
    }

    /// The character a `\uXXXX` escape at `start` (its backslash) stands for, and the length of
    /// the escape (12 for a surrogate pair), when it is safe to print as itself: people read
    /// `"Zürich"`, not `"Z\u00fcrich"`. Escapes that stay as written: `"` and `\` (JSON needs them
    /// escaped), control characters, DEL and C1 controls (a terminal would obey them), invisible
    /// characters such as bidi overrides and zero width spaces (`TerminalSafeText.isInvisible`),
    /// and lone surrogates (no character at all).
    static func printableEscape(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        guard let first = escapedUnit(input, at: start) else { return nil }
        var value = first
        var length = 6
        if first >= 0xD800, first < 0xDC00 {
            guard let low = escapedUnit(input, at: start + 6), low >= 0xDC00, low < 0xE000 else { return nil }
            value = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
            length = 12
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        switch value {
        case 0..<0x20, 0x22, 0x5C, 0x7F..<0xA0: return nil
        default: return TerminalSafeText.isInvisible(scalar) ? nil : (scalar, length)
        }
    }

    /// The UTF-16 unit of the `\uXXXX` escape at `index`, nil when there is none.
    @inline(__always)
    private static func escapedUnit(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 6 <= input.count, input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u") else { return nil }
        var value: UInt32 = 0
        for offset in 2..<6 {
            let byte = input[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends `scalar` as UTF-8 without going through a String.
    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80: out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | value >> 6)); out.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | value >> 12)); out.append(UInt8(0x80 | value >> 6 & 0x3F)); out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18)); out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F)); out.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
