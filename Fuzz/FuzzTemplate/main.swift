import LibFuzzerDriver
import SondeCore

/// The first line is a template; each further line `name=value` defines a variable (values may
/// hold placeholders themselves). Parsing and resolving never crash or hang; text without a
/// placeholder is one literal and resolves to itself.
runLibFuzzer { data, size in
    let lines = String(decoding: fuzzBytes(data, size), as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false)
    let text = String(lines.first ?? "")
    var values: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let equals = line.firstIndex(of: "=") else { continue }
        values[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    let template = Template(text)
    if template.isLiteral {
        fuzzCheck(template.segments == (text.isEmpty ? [] : [.literal(text)]), "literal text split: \(template.segments)")
    }
    var resolver = VariableResolver(
        scopes: [VariableScope(origin: "fuzz", values: values)],
        secretSource: SecretSource(processEnvironment: ["TOKEN": "s3cr3t"], dotEnv: [:]))
    let resolved = resolver.resolve(text, usedIn: "fuzz")
    if template.isLiteral { fuzzCheck(resolved == text, "literal text changed: \(resolved)") }
    _ = resolver.secrets.redact(resolved)
    return 0
}
