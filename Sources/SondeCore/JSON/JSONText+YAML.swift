import Yams

extension JSONText {
    /// The YAML tag that writes a value into a JSON body as JSON text, unquoted: `n: !json "{{count}}"`
    /// sends a number, `tags: !json "{{list}}"` an array (see `JSONBodyTemplate`).
    static let rawValueTag = "!json"

    /// A JSON body written as YAML (`content: {name: Ada}`), as JSON text with keys in order.
    ///
    /// Scalars follow YAML 1.2's core schema (`YAMLCoreSchema`): `012` sends `12`, `.5` sends
    /// `0.5`, `yes` and anything quoted send a string, so `"{{id}}"` becomes a JSON string whose
    /// placeholder is filled, escaped, at send time. A scalar tagged `!json` is written as it is.
    /// Each scalar that cannot be JSON (`.inf`, or a `!json` value that is not one JSON value,
    /// placeholders aside) is added to `problems` with its message, so loading can report it at
    /// its line; the text then holds it as a string.
    static func fromYAML(_ node: Node, depth: Int = 0, problems: inout [(Node.Scalar, String)]) -> String {
        let pad = String(repeating: "  ", count: depth + 1)
        let closePad = String(repeating: "  ", count: depth)
        switch node {
        case .scalar(let scalar):
            if scalar.tag.description == rawValueTag {
                let asWritten = JSONBodyTemplate.withRawPlaceholdersAsNull(scalar.string)
                if let error = validate(Array(asWritten.utf8)) {
                    problems.append((scalar, "a value tagged \(rawValueTag) is written into the body as JSON and must be one JSON value: \(error)"))
                }
                return scalar.string
            }
            switch YAMLCoreSchema.resolve(scalar.string, tag: scalar.tag.description, isPlain: scalar.style == .plain) {
            case .json(let text): return text
            case .notJSON(let message):
                problems.append((scalar, message))
                return quote(scalar.string)
            }
        case .mapping(let mapping):
            if mapping.isEmpty { return "{}" }
            let members = mapping.map { key, value in
                "\(pad)\(quote(key.scalar?.string ?? "")): \(fromYAML(value, depth: depth + 1, problems: &problems))"
            }
            return "{\n" + members.joined(separator: ",\n") + "\n\(closePad)}"
        case .sequence(let sequence):
            if sequence.isEmpty { return "[]" }
            let items = sequence.map { "\(pad)\(fromYAML($0, depth: depth + 1, problems: &problems))" }
            return "[\n" + items.joined(separator: ",\n") + "\n\(closePad)]"
        case .alias:
            return "null"
        }
    }
}
