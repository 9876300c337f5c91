import PropertyBased
import Testing
@testable import SondeCore

/// The exact decimals behind `multipleOf`, `minimum` and `enum`, checked against integer
/// arithmetic on random values written in random spellings (`12`, `12.000`, `1.2e1`, `120e-1`).
@Suite struct JSONSchemaNumberPropertyTests {
    /// `value` written with `shift` extra decimal places or exponent moves, all meaning the same number.
    static func spelling(_ value: Int, _ shift: Int, _ style: Int) -> String {
        switch style % 3 {
        case 0: return "\(value)" + (shift > 0 ? "." + String(repeating: "0", count: shift) : "")
        case 1: return "\(value)" + String(repeating: "0", count: shift) + "e-\(shift)"
        default: return "\(value)e0"
        }
    }

    @Test func spellingsOfOneIntegerAreEqualAndIntegral() async {
        await propertyCheck(count: 300, input: Gen.int(in: -1_000_000...1_000_000), Gen.int(in: 0...12), Gen.int(in: 0...2)) { value, shift, style in
            let number = JSONSchemaNumber(Self.spelling(value, shift, style))
            #expect(number == JSONSchemaNumber(value))
            #expect(number?.isInteger == true)
        }
    }

    @Test func orderAndMultiplesAgreeWithIntegers() async {
        await propertyCheck(count: 400, input: Gen.int(in: -100_000...100_000), Gen.int(in: 1...5_000), Gen.int(in: 0...6)) { a, b, scale in
            // a × 10^-scale and b × 10^-scale: order and divisibility are those of a and b.
            let x = JSONSchemaNumber("\(a)e-\(scale)")!, y = JSONSchemaNumber("\(b)e-\(scale)")!
            #expect((x < y) == (a < b))
            #expect((y < x) == (b < a))
            #expect(x.isMultiple(of: y) == (a % b == 0))
        }
    }
}

