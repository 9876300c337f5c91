/// Percent-encoding for query strings and form bodies.
public enum PercentEncoding {
    /// RFC 3986 unreserved characters: the only ones a query component never escapes.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// A query name or value: spaces as `%20`, UTF-8 bytes escaped.
    public static func queryComponent(_ text: String) -> String {
        encode(text, spaceAsPlus: false)
    }

    /// An `application/x-www-form-urlencoded` name or value: spaces as `+`, as browsers send.
    public static func formComponent(_ text: String) -> String {
        encode(text, spaceAsPlus: true)
    }

    /// `name=value` pairs joined by `&`.
    public static func query(_ pairs: [(String, String)], form: Bool = false) -> String {
        pairs.map { name, value in
            form ? "\(formComponent(name))=\(formComponent(value))" : "\(queryComponent(name))=\(queryComponent(value))"
        }.joined(separator: "&")
    }

    private static func encode(_ text: String, spaceAsPlus: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else if byte == UInt8(ascii: " "), spaceAsPlus {
                out += "+"
            } else {
                out += "%"
                out.unicodeScalars.append(UnicodeScalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(UnicodeScalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
