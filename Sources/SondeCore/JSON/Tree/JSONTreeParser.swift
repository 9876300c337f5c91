import Foundation

/// The single pass from UTF-8 bytes to a `JSONNodeBuffer`: iterative (the open containers are
/// linked through the nodes' parent fields, so no stack at all and no recursion), strict JSON
/// (RFC 8259) except that bytes inside strings are not checked for valid UTF-8; decoding for
/// display replaces invalid sequences with U+FFFD instead.
struct JSONTreeParser {
    private let input: UnsafePointer<UInt8>
    private let end: Int
    private var position = 0
    /// The nodes so far, grown with `JSONNodeBuffer.reallocate`; kept here rather than in the
    /// buffer object so the hot loop works on locals.
    private var nodes: UnsafeMutablePointer<JSONNode>
    private var count = 0
    private var capacity: Int
    /// The innermost open container, `JSONNode.noParent` when none is.
    private var current = JSONNode.noParent
    private var currentIsObject = false

    /// The largest body a tree holds: offsets are 32-bit.
    static let maximumSize = Int(UInt32.max) - 1

    private init(_ input: UnsafePointer<UInt8>, count: Int) {
        self.input = input
        end = count
        // Typical API JSON has 10–20 bytes per value: starting at one node per 12 bytes means
        // one or two remaps at most.
        capacity = count / 12 + 16
        nodes = JSONNodeBuffer.reallocate(nil, to: capacity)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONNodeBuffer {
        guard bytes.count <= maximumSize else {
            throw JSONSyntaxError(line: 1, column: 1, message: "the document is over 4 GiB, too large for a JSON tree", offset: 0)
        }
        // An empty buffer may have no base address at all.
        guard let input = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONSyntaxError(line: 1, column: 1, message: "expected a JSON value, found an empty document", offset: 0)
        }
        var parser = JSONTreeParser(input, count: bytes.count)
        do {
            try parser.run()
        } catch {
            free(parser.nodes)
            throw error
        }
        // Give back the unused tail.
        let nodes = parser.capacity > parser.count + 16 ? JSONNodeBuffer.reallocate(parser.nodes, to: parser.count) : parser.nodes
        return JSONNodeBuffer(adopting: nodes, count: parser.count)
    }

    @inline(__always)
    private mutating func append(_ node: JSONNode) {
        if count == capacity {
            capacity *= 2
            nodes = JSONNodeBuffer.reallocate(nodes, to: capacity)
        }
        (nodes + count).initialize(to: node)
        count += 1
    }

    // MARK: - The grammar

    private mutating func run() throws(JSONSyntaxError) {
        skipSpace()
        if position == end { throw error("expected a JSON value, found an empty document") }
        var keyStart = 0
        var keyEscaped = false
        var isMember = false
        parsing: while true {
            // A value is expected here (after a key's colon when `isMember`).
            skipSpace()
            guard position < end else { throw error("expected a value, found the end of the document") }
            let index = UInt32(truncatingIfNeeded: count)
            let valueStart = position
            let start = isMember ? keyStart : valueStart
            var info: UInt32 = isMember ? JSONNode.memberBit : 0
            if keyEscaped { info |= JSONNode.keyEscapedBit }
            let byte = input[position]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                let isObject = byte == UInt8(ascii: "{")
                info |= isObject ? 0 : 1
                countChild()
                append(JSONNode(start: UInt32(truncatingIfNeeded: start), parent: current, extent: index + 1, info: info))
                position += 1
                skipSpace()
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if position < end, input[position] == close {
                    position += 1
                } else {
                    current = index
                    currentIsObject = isObject
                    if isObject {
                        try key(&keyStart, &keyEscaped, orClose: true)
                        isMember = true
                    } else {
                        isMember = false
                        keyEscaped = false
                    }
                    continue parsing
                }
            } else {
                let kind: JSONTree.Kind
                switch byte {
                case UInt8(ascii: "\""):
                    kind = .string
                    if try scanString() { info |= JSONNode.valueEscapedBit }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    kind = .number
                    try scanNumber()
                case UInt8(ascii: "t"):
                    kind = .true
                    try scanWord(0x74_72_75_65, length: 4)
                case UInt8(ascii: "f"):
                    kind = .false
                    try scanWord(0x66_61_6C_73_65, length: 5)
                case UInt8(ascii: "n"):
                    kind = .null
                    try scanWord(0x6E_75_6C_6C, length: 4)
                default:
                    throw error("expected a value")
                }
                info |= UInt32(kind.rawValue)
                if isMember { info |= min(UInt32(truncatingIfNeeded: valueStart - keyStart), JSONNode.payloadLimit) << JSONNode.payloadShift }
                countChild()
                append(JSONNode(
                    start: UInt32(truncatingIfNeeded: start), parent: current,
                    extent: UInt32(truncatingIfNeeded: position - valueStart), info: info))
            }
            // After a value: a comma, a closing bracket, or the end of the document.
            while true {
                skipSpace()
                if current == JSONNode.noParent {
                    guard position == end else { throw error("expected the end of the document after the JSON value") }
                    break parsing
                }
                let close = currentIsObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard position < end else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))', found the end of the document") }
                let next = input[position]
                if next == UInt8(ascii: ",") {
                    position += 1
                    if currentIsObject {
                        try key(&keyStart, &keyEscaped, orClose: false)
                        isMember = true
                    } else {
                        isMember = false
                        keyEscaped = false
                    }
                    continue parsing
                }
                guard next == close else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                position += 1
                let closed = Int(current)
                nodes[closed].extent = UInt32(truncatingIfNeeded: count)
                current = nodes[closed].parent
                if current != JSONNode.noParent { currentIsObject = nodes[Int(current)].kindBits == 0 }
            }
        }
    }

    /// Reads `"key" :` and leaves the position at the value.
    private mutating func key(_ keyStart: inout Int, _ keyEscaped: inout Bool, orClose: Bool) throws(JSONSyntaxError) {
        skipSpace()
        guard position < end, input[position] == UInt8(ascii: "\"") else {
            throw error(orClose ? "expected a key in double quotes or '}'" : "expected a key in double quotes")
        }
        keyStart = position
        keyEscaped = try scanString()
        skipSpace()
        guard position < end, input[position] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
        position += 1
    }

    /// Counts one more child in the open container.
    @inline(__always)
    private func countChild() {
        guard current != JSONNode.noParent else { return }
        let pointer = nodes + Int(current)
        if pointer.pointee.payload < JSONNode.payloadLimit { pointer.pointee.info &+= 1 << JSONNode.payloadShift }
    }

    // MARK: - Tokens

    @inline(__always)
    private mutating func skipSpace() {
        while position < end {
            let byte = input[position]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// Moves past a string literal; returns whether it has escapes.
    private mutating func scanString() throws(JSONSyntaxError) -> Bool {
        let open = position
        position += 1
        var escaped = false
        while true {
            // Eight bytes at a time to the first quote, backslash or control character: strings
            // are most of a typical body's bytes.
            while position + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
                let quote = word ^ 0x2222_2222_2222_2222
                let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- 0x2020_2020_2020_2020) & ~word)
                let found = special & highs
                if found != 0 {
                    // The lowest flagged byte is exact (borrows only run upwards).
                    position += found.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < end else { throw error("unterminated string: expected a closing '\"'", at: open) }
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return escaped
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 1
                guard position < end else { throw error("unterminated string: expected a closing '\"'", at: open) }
                switch input[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 1
                case UInt8(ascii: "u"):
                    for offset in 1...4 {
                        guard position + offset < end, Self.isHexDigit(input[position + offset]) else {
                            throw error("expected four hex digits after \\u", at: position + offset)
                        }
                    }
                    position += 5
                default:
                    throw error("invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: position - 1)
                }
            } else if byte < 0x20 {
                throw error("control character in a string: write it as an escape such as \\n or \\u0000")
            } else {
                position += 1
            }
        }
    }

    /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func scanNumber() throws(JSONSyntaxError) {
        if input[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, Self.isDigit(input[position]) else { throw error("expected a digit in the number") }
        if input[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if position < end, input[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, Self.isDigit(input[position]) else { throw error("expected a digit after the decimal point") }
            skipDigits()
        }
        if position < end, input[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < end, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") { position += 1 }
            guard position < end, Self.isDigit(input[position]) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
    }

    @inline(__always)
    private mutating func skipDigits() {
        while position < end, Self.isDigit(input[position]) { position += 1 }
    }

    /// `word` holds the ASCII letters big-endian in its low `length` bytes.
    private mutating func scanWord(_ word: UInt64, length: Int) throws(JSONSyntaxError) {
        let start = position
        for index in 0..<length {
            let expected = UInt8(truncatingIfNeeded: word >> (8 * UInt64(length - 1 - index)))
            guard position < end, input[position] == expected else {
                var text = ""
                for shift in stride(from: length - 1, through: 0, by: -1) {
                    text.append(Character(Unicode.Scalar(UInt8(truncatingIfNeeded: word >> (8 * UInt64(shift))))))
                }
                throw error("expected '\(text)'", at: start)
            }
            position += 1
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    // MARK: - Errors

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, end)
        var line = 1
        var column = 1
        for index in 0..<offset {
            let byte = input[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message, offset: offset)
    }
}
