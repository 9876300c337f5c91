import Yams

extension JSONText {
    /// A JSON body written as YAML (`content: {name: Ada}`), as JSON text with keys in order.
    ///
    /// Unquoted scalars that read as numbers, booleans or null stay so; all else is a string,
    /// so `"{{id}}"` becomes a JSON string whose placeholder is filled at send time.
    static func fromYAML(_ node: Node, depth: Int = 0) -> String {
        let pad = String(repeating: "  ", count: depth + 1)
        let closePad = String(repeating: "  ", count: depth)
        switch node {
        case .scalar(let scalar):
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
                "\(pad)\(quote(key.scalar?.string ?? "")): \(fromYAML(value, depth: depth + 1))"
            }
            return "{\n" + members.joined(separator: ",\n") + "\n\(closePad)}"
        case .sequence(let sequence):
            if sequence.isEmpty { return "[]" }
            let items = sequence.map { "\(pad)\(fromYAML($0, depth: depth + 1))" }
            return "[\n" + items.joined(separator: ",\n") + "\n\(closePad)]"
        case .alias:
            return "null"
        }
    }
}
