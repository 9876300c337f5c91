/// Which keywords hold subschemas, and in which shape. The one list both the resource scan
/// (`$id`, `$anchor`) and the compiler follow, so a `$id` inside `enum` or `const` (plain data)
/// is never mistaken for an identifier.
enum JSONSchemaKeywords {
    /// Keywords whose value is one schema.
    static let single: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
    ]
    /// Keywords whose value is an array of schemas.
    static let list: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    /// Keywords whose value is an object of schemas (`dependencies` and `definitions`: draft-07's,
    /// which schemas in the wild still use).
    static let map: Set<String> = ["$defs", "properties", "patternProperties", "dependentSchemas", "dependencies", "definitions"]

    /// Every subschema directly under `object`, with the pointer tokens that lead to it.
    static func subschemas(of object: JSONSchemaObject) -> [([String], JSONSchemaValue)] {
        var found: [([String], JSONSchemaValue)] = []
        for (key, value) in object.members {
            if single.contains(key) {
                found.append(([key], value))
            } else if list.contains(key), let array = value.arrayValue {
                for (index, element) in array.enumerated() { found.append(([key, String(index)], element)) }
            } else if map.contains(key), let members = value.objectValue {
                for (name, member) in members.members { found.append(([key, name], member)) }
            }
        }
        return found
    }

    /// The validation vocabulary's keywords: ignored when a metaschema's `$vocabulary` omits it.
    static let validationVocabulary = "https://json-schema.org/draft/2020-12/vocab/validation"
    /// The format-assertion vocabulary: `format` then fails validation (see `JSONSchemaFormat`).
    static let formatAssertionVocabulary = "https://json-schema.org/draft/2020-12/vocab/format-assertion"
}
