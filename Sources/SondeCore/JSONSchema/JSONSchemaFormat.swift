/// Checks for the common `format`s, used only when a schema is compiled with
/// `assertingFormats` (2020-12 treats `format` as an annotation by default): `date-time`, `date`,
/// `time` (RFC 3339, leap seconds only at 23:59:60 UTC), `email` (RFC 5321 mailbox: dot-atom or
/// quoted local part, domain or address literal), `uuid` (RFC 4122 text form), `ipv4` (dotted
/// decimal, no leading zeros) and `ipv6` (RFC 4291 text forms, embedded IPv4 included). Other
/// format names stay annotations.
enum JSONSchemaFormat {
    /// Whether `text` is a valid `format`; nil when sonde does not check that format.
    static func check(_ format: String, _ text: String) -> Bool? {
        let bytes = Array(text.utf8)
        switch format {
        case "date-time": return dateTime(bytes[...])
        case "date": return date(bytes[...])
        case "time": return time(bytes[...])
        case "email": return email(bytes[...])
        case "uuid": return uuid(bytes[...])
        case "ipv4": return ipv4(bytes[...])
        case "ipv6": return ipv6(bytes[...])
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 97 && byte | 0x20 <= 102) }

    /// The number in exactly `count` ASCII digits at the start of `bytes`.
    private static func number(_ bytes: ArraySlice<UInt8>, _ count: Int) -> Int? {
        guard bytes.count >= count else { return nil }
        var value = 0
        for byte in bytes.prefix(count) {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    static func dateTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count > 11, bytes[bytes.startIndex + 10] | 0x20 == UInt8(ascii: "t") else { return false }
        return date(bytes.prefix(10)) && time(bytes.dropFirst(11))
    }

    static func date(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = number(bytes, 4), let month = number(bytes.dropFirst(5), 2), let day = number(bytes.dropFirst(8), 2),
              (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func time(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        guard bytes.count >= 9, bytes[start + 2] == UInt8(ascii: ":"), bytes[start + 5] == UInt8(ascii: ":"),
              let hour = number(bytes, 2), let minute = number(bytes.dropFirst(3), 2), let second = number(bytes.dropFirst(6), 2),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        var rest = bytes.dropFirst(8)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: isDigit)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        var offsetMinutes = 0
        if rest.count == 1, rest.first! | 0x20 == UInt8(ascii: "z") {
            offsetMinutes = 0
        } else if rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
                  rest[rest.startIndex + 3] == UInt8(ascii: ":"),
                  let offsetHour = number(rest.dropFirst(), 2), let offsetMinute = number(rest.dropFirst(4), 2),
                  offsetHour <= 23, offsetMinute <= 59 {
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (rest.first == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return false
        }
        guard second == 60 else { return true }
        // A leap second is 23:59:60 in UTC, whatever the offset it is written in.
        let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utc == 23 * 60 + 59
    }

    static func uuid(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) { guard byte == UInt8(ascii: "-") else { return false } } else if !isHex(byte) { return false }
        }
        return true
    }

    static func ipv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(isDigit), part.count == 1 || part.first != 48 else { return false }
            return number(part, part.count)! <= 255
        }
    }

    static func ipv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        var groups = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var words = 0
        // An IPv4 address may end the text, standing for the last two groups.
        if let last = groups.last, last.contains(UInt8(ascii: ".")) {
            guard ipv4(last) else { return false }
            groups.removeLast()
            groups.append([UInt8(ascii: "0")][...])
            words = 1
        }
        let text = Array(bytes)
        let compressed = text.indices.dropLast().filter { text[$0] == UInt8(ascii: ":") && text[$0 + 1] == UInt8(ascii: ":") }
        guard compressed.count <= 1 else { return false }
        if compressed.isEmpty {
            guard groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(isHex) }) else { return false }
            return groups.count + words == 8
        }
        // "::" leaves empty groups: at both ends of "::", or at one end of "::x"/"x::", or one in the middle.
        var nonEmpty = 0
        for (index, group) in groups.enumerated() {
            if group.isEmpty {
                let atEdge = index == 0 || index == groups.count - 1
                if atEdge {
                    let neighbour = index == 0 ? 1 : groups.count - 2
                    guard groups.indices.contains(neighbour), groups[neighbour].isEmpty else { return false }
                }
                continue
            }
            guard group.count <= 4, group.allSatisfy(isHex) else { return false }
            nonEmpty += 1
        }
        return nonEmpty + words <= 7
    }

    static func email(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        let localValid: Bool
        if local.first == UInt8(ascii: "\""), local.count >= 2, local.last == UInt8(ascii: "\"") {
            localValid = local.dropFirst().dropLast().allSatisfy { $0 >= 32 && $0 < 127 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        } else {
            let atext = Set("!#$%&'*+-/=?^_`{|}~".utf8)
            localValid = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { atom in
                !atom.isEmpty && atom.allSatisfy { isDigit($0) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || atext.contains($0) }
            }
        }
        guard localValid else { return false }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            let prefix = Array("IPv6:".utf8)
            if literal.starts(with: prefix) { return ipv6(literal.dropFirst(prefix.count)) }
            return ipv4(literal)
        }
        return domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { isDigit($0) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == UInt8(ascii: "-") }
        }
    }
}
