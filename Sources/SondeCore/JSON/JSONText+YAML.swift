import Yams

extension JSONText {
    /// The YAML tag that writes a value into a JSON body as JSON text, unquoted: `n: !json "{{count}}"`
    /// sends a number, `tags: !json "{{list}}"` an array (see `JSONBodyTemplate`).
    static let rawValueTag = "!json"

    /// A JSON body written as YAML (`content: {name: Ada}`), as JSON text with keys in order.
    ///
    /// Unquoted scalars that read as numbers, booleans or null stay so; all else is a string,
    /// so `"{{id}}"` becomes a JSON string whose placeholder is filled, escaped, at send time. A
    /// scalar tagged `!json` is written as it is; each one that is not one JSON value (placeholders
    /// aside) is added to `invalidRawValues`, so loading can report it at its line.
    static func fromYAML(_ node: Node, depth: Int = 0, invalidRawValues: inout [(Node.Scalar, JSONSyntaxError)]) -> String {
        let pad = String(repeating: "  ", count: depth + 1)
        let closePad = String(repeating: "  ", count: depth)
        switch node {
        case .scalar(let scalar):
            if scalar.tag.description == rawValueTag {
                let asWritten = JSONBodyTemplate.withRawPlaceholdersAsNull(scalar.string)
                if let error = validate(Array(asWritten.utf8)) { invalidRawValues.append((scalar, error)) }
                return scalar.string
            }
            guard scalar.style == .plain else { return quote(scalar.string) }
            let text = scalar.string
            switch text {
            case "true", "false", "null": return text
            case "~", "": return "null"
            default:
                if Int(text) != nil { return text }
                if let value = Double(text), value.isFinite, text.first != "." , text.last != "." { return text }
                return quote(text)
            }
        case .mapping(let mapping):
            if mapping.isEmpty { return "{}" }
            let members = mapping.map { key, value in
                "\(pad)\(quote(key.scalar?.string ?? "")): \(fromYAML(value, depth: depth + 1, invalidRawValues: &invalidRawValues))"
            }
            return "{\n" + members.joined(separator: ",\n") + "\n\(closePad)}"
        case .sequence(let sequence):
            if sequence.isEmpty { return "[]" }
            let items = sequence.map { "\(pad)\(fromYAML($0, depth: depth + 1, invalidRawValues: &invalidRawValues))" }
            return "[\n" + items.joined(separator: ",\n") + "\n\(closePad)]"
        case .alias:
            return "null"
        }
    }
}
