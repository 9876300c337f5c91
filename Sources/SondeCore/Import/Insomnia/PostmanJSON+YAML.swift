import Yams

extension PostmanJSON {
    /// A YAML document as the same loose tree the JSON importers read (Insomnia exports its v4
    /// and v5 files in YAML too): scalars keep their text as written (`1.10` stays `1.10`),
    /// aliases are read as null. Nil when nested deeper than `maximumDepth`.
    init?(yaml node: Node, depth: Int = 0) {
        guard depth <= Self.maximumDepth else { return nil }
        switch node {
        case .scalar(let scalar):
            // YAML 1.2's core schema (`YAMLCoreSchema`) for null and booleans; numbers are read as text anyway.
            let isPlain = scalar.style == .plain && scalar.tag.description.isEmpty
            if isPlain, YAMLCoreSchema.isNull(scalar.string) {
                self = .null
            } else if isPlain, let boolean = YAMLCoreSchema.boolean(scalar.string) {
                self = .bool(boolean == "true")
            } else {
                self = .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [PostmanJSON] = []
            for item in sequence {
                guard let value = PostmanJSON(yaml: item, depth: depth + 1) else { return nil }
                items.append(value)
            }
            self = .array(items)
        case .mapping(let mapping):
            var fields: [String: PostmanJSON] = [:]
            for (key, value) in mapping {
                guard let value = PostmanJSON(yaml: value, depth: depth + 1) else { return nil }
                fields[key.string ?? ""] = value
            }
            self = .object(fields)
        case .alias:
            self = .null
        }
    }
}
