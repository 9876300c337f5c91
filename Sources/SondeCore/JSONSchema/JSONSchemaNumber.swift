/// A JSON number exactly as written, as a decimal: `digits × 10^exponent`. Schema keywords
/// compare numbers by value, not by spelling or Double rounding: `1.0` is an integer, `1e2`
/// equals `100`, `0.0075` is a multiple of `0.0001`, and an integer of 30 digits keeps them all.
struct JSONSchemaNumber: Sendable, Hashable, Comparable {
    /// Whether the value is below zero (never for zero itself).
    var isNegative: Bool
    /// Decimal digits (0...9) without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The power of ten the digits are scaled by.
    var exponent: Int
    /// The nearest Double, for the rare computation that falls back to floating point.
    var double: Double { Double(text) ?? .nan }

    /// Parses a JSON number literal; nil for anything else.
    init?(_ text: String) {
        var negative = false
        var digits: [UInt8] = []
        var exponent = 0
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        var sawDigit = false
        while let byte = bytes.first, byte >= 48, byte <= 57 { digits.append(byte - 48); sawDigit = true; bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let byte = bytes.first, byte >= 48, byte <= 57 { digits.append(byte - 48); exponent -= 1; sawDigit = true; bytes = bytes.dropFirst() }
        }
        guard sawDigit else { return nil }
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var sign = 1
            if bytes.first == UInt8(ascii: "-") { sign = -1; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            var value = 0
            var sawExponentDigit = false
            while let byte = bytes.first, byte >= 48, byte <= 57 {
                // Saturate: 1e999999999999 is still "very large", and Int must not overflow.
                value = min(value * 10 + Int(byte - 48), 1_000_000_000)
                sawExponentDigit = true
                bytes = bytes.dropFirst()
            }
            guard sawExponentDigit else { return nil }
            exponent += sign * value
        }
        guard bytes.isEmpty else { return nil }
        self.init(isNegative: negative, digits: digits, exponent: exponent)
    }

    /// Normalises `digits` (strips leading and trailing zeros) so equal values compare equal.
    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        var digits = digits[...]
        var exponent = exponent
        while digits.first == 0 { digits = digits.dropFirst() }
        while digits.last == 0 { digits = digits.dropLast(); exponent += 1 }
        self.digits = Array(digits)
        self.isNegative = digits.isEmpty ? false : isNegative
        self.exponent = digits.isEmpty ? 0 : exponent
    }

    init(_ integer: Int) {
        self.init(String(integer))!
    }

    var isZero: Bool { digits.isEmpty }

    /// Whether the value has no fractional part (`1.0` and `1e3` do not).
    var isInteger: Bool { exponent >= 0 }

    /// The value as an Int when it is a non-negative integer that fits (for counts like `maxLength`).
    var count: Int? {
        guard isInteger, !isNegative, digits.count + exponent <= 18 else { return nil }
        var value = 0
        for digit in digits { value = value * 10 + Int(digit) }
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.isNegative == rhs.isNegative && lhs.exponent == rhs.exponent && lhs.digits == rhs.digits
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = lhs.magnitudeCompare(rhs)
        return lhs.isNegative ? magnitudeLess > 0 : magnitudeLess < 0
    }

    /// -1, 0 or 1 as |self| is below, equal to or above |other|.
    private func magnitudeCompare(_ other: Self) -> Int {
        if isZero || other.isZero { return isZero == other.isZero ? 0 : (isZero ? -1 : 1) }
        // The position of the leading digit decides first; then the digits, left to right.
        let order = digits.count + exponent, otherOrder = other.digits.count + other.exponent
        if order != otherOrder { return order < otherOrder ? -1 : 1 }
        for (a, b) in zip(digits, other.digits) where a != b { return a < b ? -1 : 1 }
        return digits.count == other.digits.count ? 0 : (digits.count < other.digits.count ? -1 : 1)
    }

    /// Whether `self / divisor` is an integer, exactly. Both are scaled to a common exponent;
    /// the divisor then fits in 64 bits for any realistic `multipleOf`, and the dividend's digits
    /// (and powers of ten, by squaring, so `1e308` costs nothing) are reduced modulo it.
    func isMultiple(of divisor: Self) -> Bool {
        if isZero { return true }
        if divisor.isZero { return false }
        let common = min(exponent, divisor.exponent)
        let divisorZeros = divisor.exponent - common
        if divisor.digits.count + divisorZeros <= 19, let modulus = Self.integer(divisor.digits, zeros: divisorZeros) {
            var remainder: UInt64 = 0
            for digit in digits { remainder = Self.step(remainder, times: 10, plus: UInt64(digit), modulo: modulus) }
            let power = Self.powerOfTen(exponent - common, modulo: modulus)
            remainder = Self.step(remainder, times: power, plus: 0, modulo: modulus)
            return remainder == 0
        }
        // A divisor of more than 19 significant digits: fall back to floating point.
        let quotient = double / divisor.double
        return quotient.isFinite && quotient == quotient.rounded()
    }

    private static func integer(_ digits: [UInt8], zeros: Int) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits + Array(repeating: 0, count: zeros) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// `(value × factor + addend) mod modulus` without overflow (value, factor < modulus).
    private static func step(_ value: UInt64, times factor: UInt64, plus addend: UInt64, modulo modulus: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: factor)
        let (low, overflow) = product.low.addingReportingOverflow(addend)
        let high = product.high + (overflow ? 1 : 0)
        if high >= modulus {
            // Only possible when factor or addend is not below the modulus; reduce the high word first.
            return modulus.dividingFullWidth((high % modulus, low)).remainder
        }
        return modulus.dividingFullWidth((high, low)).remainder
    }

    private static func powerOfTen(_ exponent: Int, modulo modulus: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus
        var base: UInt64 = 10 % modulus
        var exponent = exponent
        while exponent > 0 {
            if exponent & 1 == 1 { result = step(result, times: base, plus: 0, modulo: modulus) }
            base = step(base, times: base, plus: 0, modulo: modulus)
            exponent >>= 1
        }
        return result
    }
}
