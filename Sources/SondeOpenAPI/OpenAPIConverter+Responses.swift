import SondeCore

extension OpenAPIConverter {
    /// The file name ending of a response schema beside its request.
    static let responseSchemaSuffix = "response.schema.json"

    /// `expect:` for an operation's first 2xx response (its status), and that response's JSON
    /// schema as a file to write beside the request. Response links are warned about.
    mutating func responses(_ json: JSONLiteral?, place: String, kept: inout [KeyValue]) -> (Expectations, ImportedCompanionFile?) {
        var expectations = Expectations()
        guard let responses = json?.members else { return (expectations, nil) }
        for (code, raw) in responses {
            if let links = resolve(raw, place: place)?["links"]?.members, !links.isEmpty {
                warn(place, "response \(code) links (\(links.map(\.key).joined(separator: ", "))) have no place in sonde: kept as text under x-openapi-links")
                kept.append(KeyValue("x-openapi-links", JSONLiteral.object([(code, .object(links))]).prettyText))
            }
        }
        guard let (code, raw) = responses.first(where: { $0.key.hasPrefix("2") }).map({ ($0.key, $0.value) }) else {
            return (expectations, nil)
        }
        if let number = Int(code), (200...299).contains(number) {
            expectations.status = [.code(number)]
        } else {
            expectations.status = [.class(2)]
        }
        guard let response = resolve(raw, place: place),
              let media = response["content"]?.members?.first(where: { Self.isJSON($0.key) })?.value,
              let schema = media["schema"]
        else { return (expectations, nil) }
        var bundle = OpenAPISchemaBundle(isVersion30: source.isVersion30, lookup: { [root = source.root] ref in
            OpenAPIConverter.lookup(ref, in: root)
        })
        let document = bundle.document(for: schema)
        for ref in bundle.unresolved {
            warn(place, "response \(code) schema: $ref \(ref) \(ref.hasPrefix("#") ? "points at nothing in the document" : "points into another file, which sonde does not read"): the schema file keeps it as written")
        }
        return (expectations, ImportedCompanionFile(suffix: Self.responseSchemaSuffix, contents: document.prettyText + "\n", isResponseSchema: true))
    }
}
