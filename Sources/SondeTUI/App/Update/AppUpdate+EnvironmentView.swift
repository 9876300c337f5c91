import SondeCore

/// The environments view (`EnvironmentViewState`): keys, typing and the ends of its file work.
/// Nothing here writes a file; each write is an effect that only a confirming key returns
/// (Enter in a prompt, `y` in a question, the save key).
extension AppState {
    /// The collection the view opens on: the open request's, else the selected tree row's.
    var environmentViewCollection: Int? {
        guard !collections.isEmpty else { return nil }
        if let collection = editor?.reference.collection { return collection }
        if let row = selectedTreeRow {
            switch row.kind {
            case .folder(_, let collection, _, _, _): return collection
            case .request(let reference, _, _): return reference.collection
            }
        }
        return 0
    }

    mutating func openEnvironmentView() {
        guard let collection = environmentViewCollection else {
            show("No collection to manage environments of", .info)
            return
        }
        var view = EnvironmentViewState(collection: collection)
        view.selection = collections[collection].environments.firstIndex { $0.name == environmentName } ?? 0
        syncTable(&view)
        overlay = .environmentView(view)
    }

    /// The environments the view lists.
    func environments(of view: EnvironmentViewState) -> [Environment] {
        collections.indices.contains(view.collection) ? collections[view.collection].environments : []
    }

    func selectedEnvironment(_ view: EnvironmentViewState) -> Environment? {
        let all = environments(of: view)
        return all.indices.contains(view.selection) ? all[view.selection] : nil
    }

    /// Whether any environment has variable edits not saved yet.
    func hasUnsavedVariables(_ view: EnvironmentViewState) -> Bool {
        !view.drafts.isEmpty || isSelectedDirty(view)
    }

    func isSelectedDirty(_ view: EnvironmentViewState) -> Bool {
        guard let environment = selectedEnvironment(view) else { return false }
        return view.table.rows != environment.variables
    }

    /// Puts the selected environment's variables (its draft, if any) in the table, keeping the
    /// previous one's edits as a draft.
    func syncTable(_ view: inout EnvironmentViewState) {
        let all = environments(of: view)
        view.selection = min(max(0, view.selection), max(0, all.count - 1))
        let environment = all.indices.contains(view.selection) ? all[view.selection] : nil
        let path = environment?.fileURL.path
        guard path != view.tableFile else { return }
        if let old = view.tableFile {
            let saved = all.first { $0.fileURL.path == old }?.variables
            view.drafts[old] = view.table.rows == saved ? nil : view.table.rows
        }
        view.table = KeyValueTable(rows: path.flatMap { view.drafts.removeValue(forKey: $0) } ?? environment?.variables ?? [])
        view.tableFile = path
        view.revealedRow = nil
    }

    /// A bound key in the view (its list, its table, or its prompt and question, which use the
    /// `.prompt` and `.confirm` tables).
    mutating func performInEnvironmentView(_ action: AppAction, key: Key, view: EnvironmentViewState) -> [AppEffect] {
        var view = view
        defer { if case .environmentView = overlay { overlay = .environmentView(view) } }
        if let confirmation = view.confirmation {
            view.confirmation = nil
            guard action == .accept else { return [] }
            switch confirmation {
            case .delete(let name):
                guard let environment = environments(of: view).first(where: { $0.name == name }) else { return [] }
                if let path = view.tableFile, path == environment.fileURL.path { view.tableFile = nil; view.table = KeyValueTable(rows: []) }
                view.drafts[environment.fileURL.path] = nil
                return [.environmentOperation(collection: view.collection, .delete(environment))]
            case .discard:
                overlay = nil
                return []
            }
        }
        if let prompt = view.prompt {
            guard action == .accept else {
                view.prompt = nil
                return []
            }
            return acceptPrompt(prompt, in: &view)
        }
        view.revealedRow = action == .revealValue ? view.revealedRow : nil
        switch action {
        case .moveDown, .moveUp:
            if view.focus == .list {
                view.selection += action == .moveDown ? 1 : -1
                syncTable(&view)
            } else {
                _ = view.table.perform(action == .moveDown ? .down : .up)
            }
        case .useEnvironment:
            guard let environment = selectedEnvironment(view) else { return [] }
            environmentName = environment.name
            show("Environment: \(environment.name)", .info)
        case .editVariables:
            guard selectedEnvironment(view) != nil, !view.showsMatrix else { return [] }
            view.focus = .variables
        case .focusEnvironmentList:
            view.focus = .list
        case .toggleMatrix:
            view.showsMatrix.toggle()
            view.focus = .list
        case .newEnvironment:
            view.prompt = .init(purpose: .create, editor: LineEditor())
        case .duplicateEnvironment:
            guard let environment = selectedEnvironment(view) else { return [] }
            view.prompt = .init(purpose: .duplicate, editor: LineEditor(environment.name + "-copy"))
        case .renameEnvironment:
            guard let environment = selectedEnvironment(view) else { return [] }
            guard !isSelectedDirty(view) else {
                show("Save (Ctrl-S) the variables of \(environment.name) before renaming it", .error)
                return []
            }
            view.prompt = .init(purpose: .rename, editor: LineEditor(environment.name))
        case .deleteEnvironment:
            guard let environment = selectedEnvironment(view) else { return [] }
            view.confirmation = .delete(environment: environment.name)
        case .editRow, .addRow:
            _ = view.table.perform(action == .editRow ? .edit : .addBelow)
        case .deleteRow:
            _ = view.table.perform(.delete)
        case .revealValue:
            guard let status = selectedStatus(view), case .secretSet = status else {
                show("Only a set {{env:NAME}} secret has a value to reveal", .info)
                return []
            }
            view.revealedRow = view.revealedRow == view.table.selection ? nil : view.table.selection
        case .setSecretValue:
            guard let name = selectedStatus(view)?.secretName else {
                show("Set a secret on a row whose value is {{env:NAME}}", .info)
                return []
            }
            view.prompt = .init(purpose: .secretValue(name: name), editor: LineEditor())
        case .saveEnvironment:
            return saveVariables(&view)
        case .dismiss:
            if hasUnsavedVariables(view) {
                view.confirmation = .discard
            } else {
                overlay = nil
            }
        default:
            break
        }
        return []
    }

    /// The status of the selected table row's value.
    func selectedStatus(_ view: EnvironmentViewState) -> VariableStatus? {
        guard view.table.rows.indices.contains(view.table.selection) else { return nil }
        return VariableStatus.of(view.table.rows[view.table.selection].value, in: secretSource(for: view.collection))
    }

    private mutating func acceptPrompt(_ prompt: EnvironmentViewState.Prompt, in view: inout EnvironmentViewState) -> [AppEffect] {
        let text = prompt.editor.text
        let all = environments(of: view)
        switch prompt.purpose {
        case .secretValue(let name):
            guard !text.isEmpty else {
                show("An empty value: nothing written (Esc cancels)", .error)
                return []
            }
            view.prompt = nil
            return [.setSecret(collection: view.collection, name: name, value: text)]
        case .create, .duplicate, .rename:
            let current = prompt.purpose == .rename ? selectedEnvironment(view) : nil
            if let problem = EnvironmentFileWriter.problem(withName: text, among: all, except: current) {
                show(problem.description, .error)
                return []
            }
            view.prompt = nil
            switch prompt.purpose {
            case .create:
                return [.environmentOperation(collection: view.collection, .create(name: text))]
            case .duplicate:
                guard let environment = selectedEnvironment(view) else { return [] }
                return [.environmentOperation(collection: view.collection, .duplicate(environment, name: text))]
            default:
                guard let environment = current else { return [] }
                return [.environmentOperation(collection: view.collection, .rename(environment, name: text))]
            }
        }
    }

    /// The save key: the selected environment's variables, checked first.
    private mutating func saveVariables(_ view: inout EnvironmentViewState) -> [AppEffect] {
        guard let environment = selectedEnvironment(view) else { return [] }
        guard isSelectedDirty(view) else {
            show("No changes to save", .info)
            return []
        }
        if let problem = variableProblem(view.table.rows, includingEmpty: true) {
            show("Not saved: \(problem)", .error)
            return []
        }
        return [.environmentOperation(collection: view.collection, .save(environment, variables: view.table.rows))]
    }

    /// The first thing wrong with a set of variables: an invalid or repeated name.
    func variableProblem(_ rows: [KeyValue], includingEmpty: Bool) -> String? {
        var seen: Set<String> = []
        for (index, row) in rows.enumerated() {
            if row.name.isEmpty {
                if includingEmpty { return "row \(index + 1) has no name" }
                continue
            }
            if let problem = EnvironmentFileWriter.problem(withVariableName: row.name) { return problem }
            if !seen.insert(row.name).inserted { return "the variable \(row.name) is there twice" }
        }
        return nil
    }

    /// A key no table bound: text for the prompt or the cell being edited. A committed cell with
    /// a bad name is refused and stays open.
    mutating func typeIntoEnvironmentView(_ key: Key, view: EnvironmentViewState) {
        var view = view
        defer { overlay = .environmentView(view) }
        if var prompt = view.prompt {
            _ = prompt.editor.handle(key)
            view.prompt = prompt
            return
        }
        guard view.table.editing != nil else { return }
        let before = view.table
        view.table.layout(height: max(1, environmentTableHeight(view)))
        if view.table.handle(key) == .edited, let problem = variableProblem(view.table.rows, includingEmpty: false) {
            view.table = before
            show(problem, .error)
        }
    }

    mutating func pasteIntoEnvironmentView(_ text: String, view: EnvironmentViewState) {
        var view = view
        if var prompt = view.prompt {
            _ = prompt.editor.insert(text)
            view.prompt = prompt
        } else {
            view.table.insert(text)
        }
        overlay = .environmentView(view)
    }

    /// The rows the variables table has on screen (header included), for scrolling.
    func environmentTableHeight(_ view: EnvironmentViewState) -> Int {
        EnvironmentViewRenderer.tableRect(self, view).height
    }

    mutating func environmentOperationFinished(_ collection: Int, _ result: Result<EnvironmentOperation.Done, AppFailure>) -> [AppEffect] {
        switch result {
        case .success(let done):
            show(done.notice, .success)
            if let from = done.renamedFrom, environmentName == from { environmentName = done.select }
            if case .environmentView(var view) = overlay, view.collection == collection {
                // Saved: the table shows the file as reloaded.
                if done.saved { view.tableFile = nil }
                view.pendingSelection = done.select
                overlay = .environmentView(view)
            }
        case .failure(let failure):
            show(failure.message, .error)
        }
        return [.reloadCollections(select: editor?.reference)]
    }

    mutating func secretSaved(_ collection: Int, name: String, dotEnv: [String: String], _ result: Result<String?, AppFailure>) {
        switch result {
        case .success(let ignoredIn):
            if secretSources.indices.contains(collection) { secretSources[collection].dotEnv = dotEnv }
            let saved = "Saved \(name) in .env" + (ignoredIn.map { " (and added .env to \($0))" } ?? "")
            // The process environment wins over .env (as a shell's export does): say so, or the
            // new value seems saved and the old one goes on being sent.
            if secretSources.indices.contains(collection), secretSources[collection].processEnvironment[name] != nil {
                show(saved + ", but \(name) is set in sonde's environment, which wins: unset it there and restart sonde", .warning)
            } else {
                show(saved, .success)
            }
        case .failure(let failure):
            show("Not saved: \(failure.message)", .error)
        }
    }

    /// After a reload: the view selects what it was on (or the environment just made) and shows
    /// the reloaded variables; the environment in use falls back to the first when it is gone.
    mutating func refreshEnvironmentView() {
        // The environment in use was deleted: the first one left, as at start without --env.
        if environmentName == nil { environmentName = environmentNames.first }
        guard case .environmentView(var view) = overlay else { return }
        let all = environments(of: view)
        if let name = view.pendingSelection, let index = all.firstIndex(where: { $0.name == name }) {
            view.selection = index
            view.pendingSelection = nil
        } else if let path = view.tableFile, let index = all.firstIndex(where: { $0.fileURL.path == path }) {
            view.selection = index
        }
        // The table's edits stay with their environment: shown again when it is still
        // selected, kept as its draft otherwise.
        let old = view.tableFile.flatMap { path in all.contains { $0.fileURL.path == path } ? (path, view.table) : nil }
        view.tableFile = nil
        if let old, selectedEnvironment(view)?.fileURL.path != old.0 {
            view.drafts[old.0] = old.1.rows == all.first(where: { $0.fileURL.path == old.0 })?.variables ? nil : old.1.rows
        }
        syncTable(&view)
        if let old, view.tableFile == old.0 { view.table = old.1 }
        view.drafts = view.drafts.filter { path, _ in all.contains { $0.fileURL.path == path } }
        overlay = .environmentView(view)
    }
}
