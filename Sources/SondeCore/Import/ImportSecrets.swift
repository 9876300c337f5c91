import Foundation

/// The secrets an import takes out of its source: each becomes a `{{env:NAME}}` reference, its
/// value kept only here (for `.env` with `--secrets-to-dotenv`), never in YAML. One value found
/// twice gets one name; one name found with two values gets a second name (`TOKEN_2`).
public struct ImportSecrets: Sendable, Equatable {
    /// Every name referenced, in order of first use, values known or not (`{{$processEnv HOME}}`).
    public private(set) var names: [String] = []
    /// The values found in the source, by name.
    public private(set) var values: [String: String] = [:]

    public init() {}

    /// The `{{env:NAME}}` reference for a secret `value`; the first of `suggestedNames` that is free
    /// (after `environmentName(_:)`), else the first with `_2`, `_3`, ….
    public mutating func reference(for value: String, suggestedNames: [String]) -> String {
        if let known = names.first(where: { values[$0] == value }) { return "{{env:\(known)}}" }
        let candidates = suggestedNames.map(Self.environmentName)
        let base = candidates.first ?? "SECRET"
        var name = candidates.first { !names.contains($0) } ?? base
        var suffix = 2
        while names.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        names.append(name)
        values[name] = value
        return "{{env:\(name)}}"
    }

    /// What to write instead of `value`: a `{{env:NAME}}` reference named after `suggestedName`
    /// (`apiKey` → `API_KEY`). An empty value, or one that already refers to a variable or
    /// secret (`{{token}}`, `Bearer {{token}}`, a shell's `$TOKEN` read as `{{env:TOKEN}}`), is
    /// written as it is: it holds no secret.
    public mutating func reference(for value: String, suggestedName: String) -> String {
        guard !value.isEmpty, Template(value).isLiteral else { return value }
        return reference(for: value, suggestedNames: [suggestedName])
    }

    /// Like `reference(for:suggestedName:)`, but an empty value still gets a name, to be set
    /// before sending: a Postman secret left blank in the export.
    public mutating func declaredReference(for value: String, suggestedName: String) -> String {
        guard value.isEmpty else { return reference(for: value, suggestedName: suggestedName) }
        let base = Self.environmentName(suggestedName)
        var name = base
        var suffix = 2
        while values[name] != nil {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        noteReference(name)
        return "{{env:\(name)}}"
    }

    /// A header, query or form row whose value is moved to `{{env:}}` when its name says it
    /// holds a secret. An Authorization value keeps its scheme in sight: `Bearer {{env:AUTHORIZATION}}`.
    public mutating func row(_ name: String, _ value: String, enabled: Bool) -> KeyValue {
        let lower = name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization" {
            if let space = value.firstIndex(of: " "), value[..<space].allSatisfy(\.isLetter) {
                let credentials = String(value[value.index(after: space)...])
                return KeyValue(name, value[...space] + reference(for: credentials, suggestedName: name), enabled: enabled)
            }
            return KeyValue(name, reference(for: value, suggestedName: name), enabled: enabled)
        }
        if Self.looksSecret(name: name) {
            return KeyValue(name, reference(for: value, suggestedName: name), enabled: enabled)
        }
        return KeyValue(name, value, enabled: enabled)
    }

    /// Adds these secrets to an imported collection's lists.
    public func record(in collection: inout ImportedCollection) {
        for name in names where !collection.secretNames.contains(name) { collection.secretNames.append(name) }
        collection.secretValues.merge(values) { _, new in new }
    }

    /// Records a reference to a variable whose value the source does not hold (`{{$dotenv KEY}}`).
    public mutating func noteReference(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    /// `apiKey`, `x-api-key` and `api key` as `API_KEY`: the shape of a shell variable's name.
    public static func environmentName(_ text: String) -> String {
        var name = ""
        var previous: Character?
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber {
                if character.isUppercase, let previous, previous.isLowercase || previous.isNumber, !name.hasSuffix("_") { name += "_" }
                name += character.uppercased()
            } else if !name.isEmpty, !name.hasSuffix("_") {
                name += "_"
            }
            previous = character
        }
        while name.hasSuffix("_") { name.removeLast() }
        if name.isEmpty { return "SECRET" }
        if name.first!.isNumber { name = "_" + name }
        return name
    }

    /// Name parts that mark a value as a credential (compared lowercased, `-`/`_` removed).
    static let secretNameParts = [
        "password", "passwd", "secret", "token", "apikey", "authkey", "accesskey", "privatekey", "credential",
        "authorization", "bearer", "sessionid", "signature", "cookie",
    ]

    /// Name endings that say the value is about a credential, not one: `tokenUrl`, `passwordType`.
    static let aboutNameEndings = ["url", "uri", "endpoint", "path", "type", "name", "expiry", "expires", "expiresin", "header", "prefix", "location"]

    /// Whether a variable, header, field or query parameter of this name holds a credential.
    public static func looksSecret(name: String) -> Bool {
        let folded = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "." }
        if aboutNameEndings.contains(where: { folded.hasSuffix($0) && folded != $0 }) { return false }
        return secretNameParts.contains { folded.contains($0) } || folded == "pwd" || folded == "pass"
    }

    /// Whether a value has the shape of a credential whatever its name: a JWT, or a provider's
    /// key prefix (Stripe `sk_live_`, GitHub `ghp_`, Slack `xox`, AWS `AKIA`).
    public static func looksSecret(value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if value.hasPrefix("eyJ"), parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) { return true }
        let prefixes = ["sk_live_", "sk_test_", "rk_live_", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxp-", "AKIA"]
        return value.count >= 16 && prefixes.contains { value.hasPrefix($0) } && !value.contains(" ")
    }

    /// Whether a value found under `name` should leave the YAML: a credential that is written
    /// out (not already a `{{…}}` reference, not empty, not a URL such as a `tokenUrl`).
    public static func shouldMove(name: String, value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains("{{") else { return false }
        if looksSecret(value: trimmed) { return true }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return false }
        return looksSecret(name: name)
    }
}

extension ImportedCollection {
    /// Secrets shorter than this are not searched for elsewhere: a password `abc` would turn up
    /// inside unrelated words.
    public static let shortestSecretSearchedFor = 6

    /// Whether `referToSecretsEverywhere` looks for `value` outside the field it was found in:
    /// long enough, and not letters alone (a password `password` is also the word in `/password/reset`).
    public static func isSearchedFor(_ value: String) -> Bool {
        value.count >= shortestSecretSearchedFor && !value.allSatisfy(\.isLetter)
    }

    /// Every other place a secret's value is written out (a token pasted into a body too, a
    /// password repeated in a URL) refers to it instead, so no value of `secretValues` is left
    /// in what is written as YAML.
    public mutating func referToSecretsEverywhere() {
        let secrets = secretValues.filter { Self.isSearchedFor($0.value) }
            .sorted { ($0.value.count, $0.key) > ($1.value.count, $1.key) }
        guard !secrets.isEmpty else { return }
        // Only in literal text: a secret whose value is `PASSWORD` must not rewrite `{{env:PASSWORD}}`.
        func replaced(_ text: String) -> String {
            guard secrets.contains(where: { text.contains($0.value) }) else { return text }
            return Template(text).segments.map { segment in
                guard case .literal(var plain) = segment else { return Template.text(of: segment) }
                for (name, value) in secrets { plain = plain.replacingOccurrences(of: value, with: "{{env:\(name)}}") }
                return plain
            }.joined()
        }
        func rows(_ rows: [KeyValue]) -> [KeyValue] { rows.map { KeyValue(replaced($0.name), replaced($0.value), enabled: $0.enabled) } }
        func fix(_ folder: inout ImportedFolder) {
            folder.defaults.headers = rows(folder.defaults.headers)
            for index in folder.requests.indices {
                var definition = folder.requests[index].definition
                definition.name = replaced(definition.name)
                definition.description = replaced(definition.description)
                definition.url = replaced(definition.url)
                definition.params = rows(definition.params)
                definition.headers = rows(definition.headers)
                switch definition.body {
                case .json(let text): definition.body = .json(replaced(text))
                case .text(let text, let type): definition.body = .text(replaced(text), contentType: type)
                case .form(let fields): definition.body = .form(rows(fields))
                case .multipart(let parts):
                    definition.body = .multipart(parts.map { part in
                        var part = part
                        if !part.isFile { part.value = replaced(part.value) }
                        return part
                    })
                case .none, .file: break
                }
                switch definition.auth {
                case .basic(let user, let password): definition.auth = .basic(username: replaced(user), password: replaced(password))
                case .challenge(let scheme, let user, let password):
                    definition.auth = .challenge(scheme, username: replaced(user), password: replaced(password))
                case .bearer(let token): definition.auth = .bearer(token: replaced(token))
                case .apiKey(let name, let value, let location): definition.auth = .apiKey(name: name, value: replaced(value), location: location)
                case .inherit, .none, .oauth2ClientCredentials: break
                }
                folder.requests[index].definition = definition
            }
            for index in folder.folders.indices { fix(&folder.folders[index]) }
        }
        variables = rows(variables)
        fix(&root)
        for index in environments.indices { environments[index].variables = rows(environments[index].variables) }
    }
}
