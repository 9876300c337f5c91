/// The secrets an importer moves out of the request into `{{env:NAME}}` references: each value
/// gets a name once (the same value found twice is one secret), and a name already taken by
/// another value gets `_2`, `_3`.
public struct ImportedSecrets: Sendable, Equatable {
    /// The names in order of first use.
    public private(set) var names: [String] = []
    public private(set) var values: [String: String] = [:]

    public init() {}

    /// The `{{env:NAME}}` reference that stands for `value`, named from `suggested`; a value
    /// that holds a placeholder already (`{{env:PASS}}` from a shell's `$PASS`) is kept as it is.
    public mutating func reference(for value: String, named suggested: String) -> String {
        if value.contains("{{") { return value }
        return "{{env:\(name(for: value, suggested: suggested))}}"
    }

    /// The variable name for `value`: the one it already has, or `suggested` made a valid
    /// environment variable name and unique.
    public mutating func name(for value: String, suggested: String) -> String {
        if let known = names.first(where: { values[$0] == value }) { return known }
        let base = Self.variableName(suggested)
        var name = base
        var counter = 2
        while values[name] != nil || names.contains(name) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        names.append(name)
        values[name] = value
        return name
    }

    /// A name referred to without a value (an exported command's `"${TOKEN}"`): listed to set.
    public mutating func mention(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    /// `text` as an upper-case shell variable name: letters, digits and `_`, not starting with a
    /// digit (`api.example.com` + `x-api-key` → `API_EXAMPLE_COM_X_API_KEY`).
    public static func variableName(_ text: String) -> String {
        var name = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                name += String(scalar).uppercased()
            } else if !name.hasSuffix("_") {
                name += "_"
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        while name.hasPrefix("_") { name.removeFirst() }
        if name.isEmpty { return "SECRET" }
        if name.first!.isNumber { name = "V_" + name }
        return name
    }

    /// Adds these secrets to an imported collection's lists.
    public func record(in collection: inout ImportedCollection) {
        for name in names where !collection.secretNames.contains(name) { collection.secretNames.append(name) }
        collection.secretValues.merge(values) { _, new in new }
    }
}
