import SondeCore

extension AppState {
    /// Whether pasted text is a curl command (as "Copy as cURL" gives it) rather than a URL.
    static func isCurlCommand(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        return ["curl ", "curl\t", "curl\n", "curl.exe ", "curl \\"].contains { trimmed.hasPrefix($0) }
    }

    /// A curl command pasted into the URL fills the whole request (method, URL, params,
    /// headers, body, auth, options) through `CurlImporter`, the importer `sonde import` uses;
    /// the request keeps its name and file, and nothing is saved until `Ctrl-S`.
    ///
    /// Credentials in the command become `{{env:NAME}}` references as on import. Their values
    /// are kept for this session only (beside the collection's `.env` values, never written to
    /// a file) so the request sends at once; the notice says which names to set to keep them.
    mutating func pasteCurl(_ text: String) {
        guard var editor else { return }
        let imported: ImportedCollection
        do {
            imported = try CurlImporter.convert(text, sourceName: "pasted command")
        } catch {
            show("Not pasted: \(error)", .error)
            return
        }
        guard let request = imported.root.requests.first else { return }
        let collection = editor.reference.collection
        var source = secretSource(for: collection)
        for name in imported.secretNames.sorted() {
            guard let value = imported.secretValues[name] else { continue }
            if let existing = source.value(of: name), existing != value {
                show("Not pasted: the command's credential would be {{env:\(name)}}, which already holds another value", .error)
                return
            }
        }
        for (name, value) in imported.secretValues where source.value(of: name) == nil { source.dotEnv[name] = value }
        while secretSources.count <= collection { secretSources.append(SecretSource(processEnvironment: [:])) }
        secretSources[collection] = source

        var definition = request.definition
        definition.name = editor.draft.name
        definition.description = editor.draft.description
        definition.captures = editor.draft.captures
        definition.expectations = editor.draft.expectations
        definition.pagination = editor.draft.pagination
        let saved = editor.saved
        var pasted = saved
        pasted.definition = definition
        let focus = editor.focus
        editor = RequestEditorState(reference: editor.reference, saved: pasted)
        editor.saved = saved
        editor.focus = focus
        editor.tab = definition.body == .none ? (definition.headers.isEmpty ? .params : .headers) : .body
        self.editor = editor

        var parts = ["Pasted curl: \(definition.method.rawValue)"]
        if !definition.headers.isEmpty { parts.append("\(definition.headers.count) header\(definition.headers.count == 1 ? "" : "s")") }
        if definition.body != .none { parts.append("a body") }
        if definition.auth != .inherit { parts.append("\(definition.auth.kind) auth") }
        var message = parts.joined(separator: ", ")
        if !imported.secretNames.isEmpty {
            message += " · credentials kept until sonde quits as " + imported.secretNames.map { "{{env:\($0)}}" }.joined(separator: ", ")
                + " (set them in .env to keep them)"
        }
        let others = imported.root.requests.count - 1
        if others > 0 { message += " · \(others) more command\(others == 1 ? "" : "s") ignored: sonde import reads them all" }
        if !imported.warnings.isEmpty { message += " · " + imported.warnings.map(\.message).joined(separator: "; ") }
        show(message + " · Ctrl-S saves", imported.warnings.isEmpty ? .success : .warning)
    }
}
