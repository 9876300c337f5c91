/// Decoding the inside of a JSON string literal for display: escapes resolved (`\uXXXX` with
/// surrogate pairs), lone surrogates and invalid UTF-8 replaced by U+FFFD, so server bytes can
/// never crash or corrupt a String.
enum JSONStringLiteral {
    /// `content` (between the quotes) as text, at most about `limit` UTF-8 bytes of it.
    static func decode(_ content: UnsafeBufferPointer<UInt8>, escaped: Bool, limit: Int = .max) -> (text: String, truncated: Bool) {
        if !escaped {
            guard content.count > limit else { return (String(decoding: content, as: UTF8.self), false) }
            var cut = limit
            // Back off to the start of a character, so the cut does not make a U+FFFD.
            while cut > 0, content[cut] & 0xC0 == 0x80 { cut -= 1 }
            return (String(decoding: UnsafeBufferPointer(rebasing: content[..<cut]), as: UTF8.self), true)
        }
        let (bytes, truncated) = unescape(content, limit: limit)
        return (String(decoding: bytes, as: UTF8.self), truncated)
    }

    /// The UTF-8 bytes `content` stands for.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> (bytes: [UInt8], truncated: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(min(content.count, limit) + 4)
        var index = 0
        let count = content.count
        while index < count {
            let byte = content[index]
            // Stop at the limit, but not inside a character.
            if out.count >= limit, byte & 0xC0 != 0x80 { return (out, true) }
            guard byte == UInt8(ascii: "\\"), index + 1 < count else {
                out.append(byte)
                index += 1
                continue
            }
            let escape = content[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let unit = hex4(content, at: index) else {
                    appendScalar(0xFFFD, to: &out)
                    continue
                }
                index += 4
                if unit >= 0xD800, unit < 0xDC00,
                   index + 6 <= count, content[index] == UInt8(ascii: "\\"), content[index + 1] == UInt8(ascii: "u"),
                   let low = hex4(content, at: index + 2), low >= 0xDC00, low < 0xE000 {
                    index += 6
                    appendScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &out)
                } else if unit >= 0xD800, unit < 0xE000 {
                    appendScalar(0xFFFD, to: &out)
                } else {
                    appendScalar(unit, to: &out)
                }
            default:
                // `"`, `\`, `/`, and (never from a parsed tree) anything else: the character itself.
                out.append(escape)
            }
        }
        return (out, false)
    }

    private static func hex4(_ content: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= content.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = content[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
