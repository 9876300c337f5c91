import SondeCore

extension AppState {
    /// The question to ask before sending a request whose secrets come from `{{cmd:}}` in a
    /// collection the user has not trusted: the TUI's form of `sonde trust`, naming each command
    /// and where it is written, so a cloned collection never runs one by surprise. Nil when there
    /// is nothing to ask (no command, already trusted, or another problem, which the send reports).
    mutating func trustQuestionBeforeSending() -> ConfirmDialog? {
        guard var editor, transfer == nil else { return nil }
        let collection = editor.reference.collection
        let source = secretSource(for: collection)
        guard !source.commandsTrusted, source.collectionRoot != nil, collections.indices.contains(collection) else { return nil }
        editor.syncDraft()
        self.editor = editor
        // Untrusted, so preparing runs nothing: it only says which commands would have run.
        let commands: [String]
        do throws(RequestError) {
            _ = try RequestPreparer.prepare(editor.draftRequest, in: sendContext(for: collection))
            return nil
        } catch {
            guard case .unresolved(let resolution) = error else { return nil }
            commands = resolution.problems.compactMap { problem in
                guard case .commandSecret(let command, _) = problem.kind else { return nil }
                return "  " + TerminalSafeText.singleLine(command) + (problem.location.map { " (\($0.file):\($0.line))" } ?? "")
            }
        }
        guard !commands.isEmpty else { return nil }
        let folder = collections[collection].rootURL.path
        return ConfirmDialog(
            title: "Run commands for secrets?",
            message: "This request takes secrets from commands: \(commands.joined(separator: ", ")). "
                + "Trust \(folder) to run its {{cmd:}} commands from now on (as `sonde trust`)?",
            action: .trustCommandsAndSend(editor.reference), choices: "y trust and send · n/Esc don't run")
    }
}
