/// The keywords that check the value itself (validation vocabulary): no subschemas involved.
extension JSONSchemaEvaluator {
    mutating func evaluateAssertions(_ node: JSONSchemaNode, _ value: JSONSchemaValue, collect: Bool) -> Bool {
        var valid = true
        func fail(_ keyword: String, _ message: @autoclosure () -> String) {
            valid = false
            if collect { report(keyword, message()) }
        }
        if let types = node.types, !types.admits(value) {
            fail("type", "expected \(types.text), got \(value.typeName) \(value.brief())")
        }
        if let values = node.enumValues, !values.contains(value) {
            let list = values.prefix(5).map { $0.brief(limit: 30) }.joined(separator: ", ") + (values.count > 5 ? ", …" : "")
            fail("enum", "\(value.brief()) is not one of [\(list)]")
        }
        if let constant = node.constValue, constant != value {
            fail("const", "expected \(constant.brief()), got \(value.brief())")
        }
        switch value {
        case .number(let number):
            if let divisor = node.multipleOf, !number.isMultiple(of: divisor) {
                fail("multipleOf", "\(number.text) is not a multiple of \(divisor.text)")
            }
            if let maximum = node.maximum, number > maximum { fail("maximum", "\(number.text) is greater than the maximum \(maximum.text)") }
            if let maximum = node.exclusiveMaximum, number >= maximum { fail("exclusiveMaximum", "\(number.text) is not less than \(maximum.text)") }
            if let minimum = node.minimum, number < minimum { fail("minimum", "\(number.text) is less than the minimum \(minimum.text)") }
            if let minimum = node.exclusiveMinimum, number <= minimum { fail("exclusiveMinimum", "\(number.text) is not greater than \(minimum.text)") }
        case .string(let string):
            if node.maxLength != nil || node.minLength != nil {
                // Code points, as the specification counts (not UTF-16 units, not grapheme clusters).
                let length = string.unicodeScalars.count
                if let maximum = node.maxLength, length > maximum { fail("maxLength", "\(value.brief()) is longer than \(maximum) characters (\(length))") }
                if let minimum = node.minLength, length < minimum { fail("minLength", "\(value.brief()) is shorter than \(minimum) characters (\(length))") }
            }
            if assertsFormats || node.assertsFormat, let format = node.format, JSONSchemaFormat.check(format, string) == false {
                fail("format", "\(value.brief()) is not a \(JSONText.quote(format))")
            }
            if let pattern = node.pattern, !pattern.matches(string) {
                fail("pattern", "\(value.brief()) does not match the pattern \(JSONText.quote(pattern.source))")
            }
        case .array(let items):
            if let maximum = node.maxItems, items.count > maximum { fail("maxItems", "\(items.count) items, more than maxItems \(maximum)") }
            if let minimum = node.minItems, items.count < minimum { fail("minItems", "\(items.count) items, fewer than minItems \(minimum)") }
            if node.uniqueItems, let (first, second) = Self.firstDuplicate(items) {
                fail("uniqueItems", "items \(first) and \(second) are equal (\(items[first].brief(limit: 30))), but uniqueItems is true")
            }
        case .object(let object):
            if let maximum = node.maxProperties, object.keys.count > maximum { fail("maxProperties", "\(object.keys.count) properties, more than maxProperties \(maximum)") }
            if let minimum = node.minProperties, object.keys.count < minimum { fail("minProperties", "\(object.keys.count) properties, fewer than minProperties \(minimum)") }
            for name in node.required where object[name] == nil {
                fail("required", "missing required property \(JSONText.quote(name))")
                if !collect { return false }
            }
            for (keyword, name, names) in node.dependentRequired where object[name] != nil {
                for missing in names where object[missing] == nil {
                    fail(keyword, "missing property \(JSONText.quote(missing)), required when \(JSONText.quote(name)) is present")
                }
            }
        default:
            break
        }
        return valid
    }

    /// The first pair of equal items, in O(n) expected time (hashing) rather than comparing all pairs.
    static func firstDuplicate(_ items: [JSONSchemaValue]) -> (Int, Int)? {
        var seen: [JSONSchemaValue: Int] = [:]
        for (position, item) in items.enumerated() {
            if let first = seen[item] { return (first, position) }
            seen[item] = position
        }
        return nil
    }
}
