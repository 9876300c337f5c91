/// How a YAML scalar in a JSON body becomes a JSON value: YAML 1.2's core schema
/// (https://yaml.org/spec/1.2.2/#1032-tag-resolution), written as canonical JSON.
///
/// | YAML (plain, untagged)                        | JSON                          |
/// |-----------------------------------------------|-------------------------------|
/// | `null` `Null` `NULL` `~` and nothing          | `null`                        |
/// | `true` `True` `TRUE` `false` `False` `FALSE`  | `true` / `false`              |
/// | `012` `+5` `-0`                               | `12` `5` `0` (any digits kept)|
/// | `0o17` `0x1F`                                 | `15` `31`                     |
/// | `.5` `1.` `+1.5e3`                            | `0.5` `1.0` `1.5e3`           |
/// | `.inf` `-.Inf` `.nan`, `0x` over 2^64 - 1     | an error at the file's line   |
/// | anything else (`yes`, `1_000`, `0b1`)         | a string                      |
///
/// A quoted scalar is a string; an explicit tag (`!!str 012`, `!!int "12"`, `!!float 1`) wins
/// over both the style and the text.
package enum YAMLCoreSchema {
    /// What a scalar becomes: JSON text, or why it cannot be JSON (a message for the user).
    package enum Resolution: Equatable {
        case json(String)
        case notJSON(String)
    }

    static let strTag = "tag:yaml.org,2002:str"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let nullTag = "tag:yaml.org,2002:null"

    /// The JSON value of the scalar `text`, written with `tag` (Yams' tag name: empty when
    /// untagged) and quoted or not.
    package static func resolve(_ text: String, tag: String, isPlain: Bool) -> Resolution {
        switch tag {
        case strTag: return .json(JSONText.quote(text))
        case intTag:
            if isOversizedInteger(text) { return oversized(text) }
            return integer(text).map(Resolution.json) ?? notA("an integer", text, tag: "!!int")
        case floatTag:
            if isOversizedInteger(text) { return oversized(text) }
            if let number = integer(text) ?? float(text) { return .json(number) }
            if isInfinityOrNaN(text) { return notJSONNumber(text) }
            return notA("a number", text, tag: "!!float")
        case boolTag:
            return boolean(text).map(Resolution.json) ?? notA("a boolean", text, tag: "!!bool")
        case nullTag:
            return isNull(text) ? .json("null") : notA("null", text, tag: "!!null")
        case "!": return .json(JSONText.quote(text))
        default:
            guard isPlain else { return .json(JSONText.quote(text)) }
            if isNull(text) { return .json("null") }
            if let value = boolean(text) ?? integer(text) ?? float(text) { return .json(value) }
            if isInfinityOrNaN(text) { return notJSONNumber(text) }
            if isOversizedInteger(text) { return oversized(text) }
            return .json(JSONText.quote(text))
        }
    }

    private static func oversized(_ text: String) -> Resolution {
        .notJSON("\(text) is larger than 2^64 - 1; write it in decimal, or quote it to send a string")
    }

    private static func notA(_ what: String, _ text: String, tag: String) -> Resolution {
        .notJSON("\(tag) \(TerminalSafeText.singleLine(text)) is not \(what) in YAML 1.2's core schema")
    }

    private static func notJSONNumber(_ text: String) -> Resolution {
        .notJSON("\(text) is not a JSON number (JSON has no infinity or NaN); quote it to send a string: \"\(text)\"")
    }

    static func isNull(_ text: String) -> Bool {
        ["null", "Null", "NULL", "~", ""].contains(text)
    }

    static func boolean(_ text: String) -> String? {
        switch text {
        case "true", "True", "TRUE": "true"
        case "false", "False", "FALSE": "false"
        default: nil
        }
    }

    static func isInfinityOrNaN(_ text: String) -> Bool {
        let unsigned = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
        return [".inf", ".Inf", ".INF"].contains(unsigned) || [".nan", ".NaN", ".NAN"].contains(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` as a JSON integer. Decimal digits are kept
    /// exactly, however many (JSON sets no limit); octal and hexadecimal up to 2^64 - 1 (larger
    /// ones are reported: `isOversizedInteger`).
    static func integer(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        if utf8.count > 2, utf8[0] == UInt8(ascii: "0") {
            let digits = String(decoding: utf8[2...], as: UTF8.self)
            switch utf8[1] {
            case UInt8(ascii: "o"):
                guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return nil }
                return UInt64(digits, radix: 8).map { String($0) }
            case UInt8(ascii: "x"):
                guard digits.utf8.allSatisfy(isHexDigit) else { return nil }
                return UInt64(digits, radix: 16).map { String($0) }
            default: break
            }
        }
        let (sign, rest) = splitSign(utf8)
        guard !rest.isEmpty, rest.allSatisfy(isDigit) else { return nil }
        let digits = canonicalDigits(rest)
        return (digits == "0" ? "" : sign) + digits
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` as a JSON number, its digits kept:
    /// `.5` → `0.5`, `1.` → `1.0`, `+007.50e+3` → `7.50e+3`.
    static func float(_ text: String) -> String? {
        let (sign, rest) = splitSign(Array(text.utf8))
        var mantissa = rest[...]
        var exponent: ArraySlice<UInt8> = []
        if let e = rest.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
            mantissa = rest[..<e]
            exponent = rest[(e + 1)...]
            var exponentDigits = exponent
            if let first = exponentDigits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { exponentDigits = exponentDigits.dropFirst() }
            guard !exponentDigits.isEmpty, exponentDigits.allSatisfy(isDigit) else { return nil }
        }
        let dot = mantissa.firstIndex(of: UInt8(ascii: "."))
        let whole = dot.map { mantissa[..<$0] } ?? mantissa
        let fraction = dot.map { mantissa[($0 + 1)...] } ?? []
        // A dot or an exponent makes a float (`5` alone is an integer); `.` and `.e1` are not numbers.
        guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit), !(whole.isEmpty && fraction.isEmpty),
              dot != nil || !exponent.isEmpty else { return nil }
        var out = sign + canonicalDigits(Array(whole))
        if dot != nil { out += "." + (fraction.isEmpty ? "0" : String(decoding: fraction, as: UTF8.self)) }
        if !exponent.isEmpty { out += "e" + String(decoding: exponent, as: UTF8.self) }
        return out
    }

    /// An octal or hexadecimal integer too large for `integer(_:)` to convert.
    static func isOversizedInteger(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count > 2, utf8[0] == UInt8(ascii: "0") else { return false }
        let digits = utf8[2...]
        switch utf8[1] {
        case UInt8(ascii: "o"): return digits.allSatisfy { $0 >= 0x30 && $0 <= 0x37 } && UInt64(String(decoding: digits, as: UTF8.self), radix: 8) == nil
        case UInt8(ascii: "x"): return digits.allSatisfy(isHexDigit) && UInt64(String(decoding: digits, as: UTF8.self), radix: 16) == nil
        default: return false
        }
    }

    private static func splitSign(_ utf8: [UInt8]) -> (sign: String, rest: [UInt8]) {
        switch utf8.first {
        case UInt8(ascii: "-"): ("-", Array(utf8.dropFirst()))
        case UInt8(ascii: "+"): ("", Array(utf8.dropFirst()))
        default: ("", utf8)
        }
    }

    /// Decimal digits without leading zeros (JSON forbids them), at least `0`.
    private static func canonicalDigits(_ digits: [UInt8]) -> String {
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        return significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
