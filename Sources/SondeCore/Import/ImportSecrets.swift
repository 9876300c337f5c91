/// The secrets an import takes out of its source: each value becomes a `{{env:NAME}}`
/// reference, the same name for the same value, so a token used by ten requests is one line
/// of `.env`. Importers of every format share it, so names are made one way.
public struct ImportSecrets: Sendable, Equatable {
    /// In order of first use (`ImportedCollection.secretNames`).
    public private(set) var names: [String] = []
    /// By name; a name declared with an empty value has none.
    public private(set) var values: [String: String] = [:]
    private var nameByValue: [String: String] = [:]

    public init() {}

    /// What to write instead of `value`: a `{{env:NAME}}` reference named after `suggestedName`
    /// (`apiKey` → `API_KEY`). An empty value, or one that already refers to a variable or
    /// secret (`{{token}}`, `Bearer {{token}}`), is written as it is: it holds no secret.
    public mutating func reference(for value: String, suggestedName: String) -> String {
        guard !value.isEmpty, Template(value).isLiteral else { return value }
        return "{{env:\(name(for: value, suggestedName: suggestedName))}}"
    }

    /// Like `reference(for:suggestedName:)`, but an empty value still gets a name, to be set
    /// before sending: a Postman secret left blank in the export.
    public mutating func declaredReference(for value: String, suggestedName: String) -> String {
        guard value.isEmpty else { return reference(for: value, suggestedName: suggestedName) }
        var name = Self.environmentName(suggestedName)
        var counter = 1
        while values[name] != nil { counter += 1; name = "\(Self.environmentName(suggestedName))_\(counter)" }
        if !names.contains(name) { names.append(name) }
        return "{{env:\(name)}}"
    }

    private mutating func name(for value: String, suggestedName: String) -> String {
        if let known = nameByValue[value] { return known }
        let base = Self.environmentName(suggestedName)
        var name = base
        var counter = 1
        while values[name] != nil || (names.contains(name) && values[name] == nil) {
            counter += 1
            name = "\(base)_\(counter)"
        }
        names.append(name)
        values[name] = value
        nameByValue[value] = name
        return name
    }

    /// A name as environment variables are named: `apiKey`, `api-key` and `api key` all give
    /// `API_KEY`; one that would start with a digit gets a leading `_`.
    public static func environmentName(_ text: String) -> String {
        var out = ""
        var previous: Character?
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase, let previous, previous.isLowercase || previous.isNumber, out.last != "_" { out += "_" }
                out += character.uppercased()
            } else if !out.isEmpty, out.last != "_" {
                out += "_"
            }
            previous = character
        }
        while out.hasSuffix("_") { out.removeLast() }
        out = String(out.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        if out.isEmpty { return "SECRET" }
        if out.first!.isNumber { out = "_" + out }
        return out
    }

    /// Whether a variable, header or field named `name` holds a secret: a password, a token,
    /// an API key. `tokenUrl` or `passwordType` name something about a secret, not one.
    public static func looksSecret(name: String) -> Bool {
        let flat = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let about = ["url", "uri", "endpoint", "path", "type", "name", "expiry", "expires", "expiresin", "header", "prefix", "location"]
        if about.contains(where: { flat.hasSuffix($0) && flat != $0 }) {
            return false
        }
        let marks = ["password", "passwd", "secret", "token", "apikey", "authkey", "authorization", "privatekey", "accesskey", "credential"]
        return marks.contains { flat.contains($0) }
    }
}
