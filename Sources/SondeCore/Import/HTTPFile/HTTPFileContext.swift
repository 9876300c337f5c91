/// What converting one source builds up besides requests: its secrets, its warnings, and the
/// rewriting of JetBrains HTTP Client and VS Code REST Client `{{…}}` into sonde's: an
/// environment read (`{{$processEnv NAME}}`, `{{$dotenv NAME}}`, `{{$env.NAME}}`) becomes
/// `{{env:NAME}}`; dynamic values become sonde's where it has one (`VariableResolver.dynamicNames`).
/// The rest stays as written and is reported once per kind: sonde sends such text as it is.
struct HTTPFileContext {
    var file: String
    var secrets: ImportSecrets
    private(set) var warnings: [ImportWarning] = []
    private var warnedKinds: Set<String> = []

    init(file: String) {
        self.file = file
        self.secrets = ImportSecrets()
    }

    /// A warning at `line` of the current file.
    mutating func note(_ line: Int?, _ message: String) {
        warnings.append(ImportWarning(place: line.map { "\(file):\($0)" } ?? file, message: message))
    }

    /// An error at `line` of the current file.
    func error(_ line: Int?, _ message: String) -> HTTPFileImportError {
        HTTPFileImportError(place: line.map { "\(file):\($0)" } ?? file, message: message)
    }

    /// `text` with each placeholder rewritten. `line` is where `text` starts in the source, so an
    /// unclosed `{{` is reported on its own line.
    mutating func rewrite(_ text: String, line: Int) throws(HTTPFileImportError) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            let here = line + text[..<open.lowerBound].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw HTTPFileImportError(
                    place: "\(file):\(here)",
                    message: "{{ is never closed: close it with }} (sonde would send it as written)")
            }
            output += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += replacement(for: inner, written: String(rest[open.lowerBound..<close.upperBound]), line: here)
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private mutating func replacement(for inner: String, written: String, line: Int) -> String {
        let words = inner.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, first.hasPrefix("$") else {
            if inner.contains(".response.") || inner.contains(".request.") {
                warn("request-variables", line, "\(written) reads another request's response, which sonde does not chain: kept as text, sent as written")
                return written
            }
            if case .variable = Template(written).segments.first, Template(written).segments.count == 1 { return written }
            warn("not-a-variable:\(inner)", line, "\(written) is not a sonde variable name: kept as text, sent as written")
            return written
        }
        let arguments = Array(words.dropFirst())
        switch first {
        case "$processEnv", "$dotenv":
            guard arguments.count == 1 else { break }
            var name = arguments[0]
            if name.hasPrefix("%") {
                name.removeFirst()
                warn("indirect-env", line, "\(written) names its variable indirectly (%): read as {{env:\(name)}}")
            }
            guard isEnvironmentName(name) else { break }
            secrets.noteReference(name)
            return "{{env:\(name)}}"
        case "$guid", "$uuid", "$random.uuid":
            if arguments.isEmpty { return first == "$guid" ? "{{$guid}}" : "{{$uuid}}" }
        case "$timestamp", "$isoTimestamp":
            if arguments.isEmpty { return "{{\(first)}}" }
        case "$randomInt":
            if arguments.isEmpty { return "{{$randomInt}}" }
            warn("randomInt-range", line, "\(written): sonde's {{$randomInt}} is 0...1000, the range is dropped")
            return "{{$randomInt}}"
        case "$datetime":
            if arguments == ["iso8601"] { return "{{$isoTimestamp}}" }
        case "$shared":
            // VS Code's environments read `$shared` values by name; they are merged into each.
            if arguments.count == 1, case .variable(let name)? = Template("{{\(arguments[0])}}").segments.first { return "{{\(name)}}" }
        default:
            if first.hasPrefix("$env."), arguments.isEmpty, isEnvironmentName(String(first.dropFirst(5))) {
                let name = String(first.dropFirst(5))
                secrets.noteReference(name)
                return "{{env:\(name)}}"
            }
            if first.hasPrefix("$random.integer") {
                warn("randomInt-range", line, "\(written): sonde's {{$randomInt}} is 0...1000, the range is dropped")
                return "{{$randomInt}}"
            }
        }
        // `{{$aadToken}}` reads as a dynamic value sonde does not know, which stops a send;
        // `{{$datetime rfc1123}}` is no placeholder at all to sonde, and goes out as written.
        let outcome = if case .dynamic? = Template(written).segments.first { "sonde refuses to send it until it is replaced" } else { "sent as written" }
        let known = VariableResolver.dynamicNames.map { "{{$\($0)}}" }.joined(separator: ", ")
        warn("dynamic:\(first)", line, "\(written) has no sonde equivalent: kept as text, \(outcome) (sonde has \(known))")
        return written
    }

    private func isEnvironmentName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// A warning for the first use of each kind of placeholder sonde cannot carry over.
    mutating func warn(_ kind: String, _ line: Int, _ message: String) {
        guard warnedKinds.insert(kind).inserted else { return }
        warnings.append(ImportWarning(place: "\(file):\(line)", message: message))
    }
}
