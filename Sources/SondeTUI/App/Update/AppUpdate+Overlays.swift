import SondeCore

extension AppState {
    /// The palette's actions matching `query`: every query character in order in the title
    /// (so "sv req" finds "Save request"), best first: prefix matches, then by title length.
    package static func paletteActions(matching query: String) -> [AppAction] {
        let needle = query.lowercased().filter { $0 != " " }
        guard !needle.isEmpty else { return AppAction.commands }
        let matches = AppAction.commands.filter { action in
            var rest = Substring(needle)
            for c in action.title.lowercased() where rest.first == c { rest = rest.dropFirst() }
            return rest.isEmpty
        }
        return matches.sorted { a, b in
            let ap = a.title.lowercased().hasPrefix(needle), bp = b.title.lowercased().hasPrefix(needle)
            if ap != bp { return ap }
            return a.title.count < b.title.count
        }
    }

    /// Runs an action bound in the open dialog's key table.
    mutating func performInOverlay(_ action: AppAction, key: Key) -> [AppEffect]? {
        guard let overlay else { return nil }
        switch overlay {
        case .help(let scroll):
            switch action {
            case .moveDown: self.overlay = .help(scroll: scroll + 1)
            case .moveUp: self.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown: self.overlay = .help(scroll: scroll + 10)
            case .pageUp: self.overlay = .help(scroll: max(0, scroll - 10))
            default: self.overlay = nil
            }
        case .palette(let query, var selection):
            let actions = Self.paletteActions(matching: query.text)
            switch action {
            case .moveDown:
                selection = min(selection + 1, max(0, actions.count - 1))
                self.overlay = .palette(query: query, selection: selection)
            case .moveUp:
                selection = max(0, selection - 1)
                self.overlay = .palette(query: query, selection: selection)
            case .accept:
                self.overlay = nil
                guard actions.indices.contains(selection) else { return [] }
                return perform(actions[selection])
            default:
                self.overlay = nil
            }
        case .environments(var selection):
            let names = environmentNames
            switch action {
            case .moveDown:
                selection = min(selection + 1, max(0, names.count - 1))
                self.overlay = .environments(selection: selection)
            case .moveUp:
                selection = max(0, selection - 1)
                self.overlay = .environments(selection: selection)
            case .accept, .pickByNumber:
                if action == .pickByNumber, case .character(let c) = key { selection = (c.wholeNumberValue ?? 0) - 1 }
                // A number with no environment leaves the list open; Enter on an empty list closes it.
                guard names.indices.contains(selection) else {
                    if action == .accept { self.overlay = nil }
                    return []
                }
                self.overlay = nil
                environmentName = names[selection]
                show("Environment: \(names[selection])", .info)
            case .manageEnvironments:
                openEnvironmentView()
            default:
                self.overlay = nil
            }
        case .problems(var list):
            switch action {
            case .moveDown: list.selection = min(list.selection + 1, max(0, list.entries.count - 1))
            case .moveUp: list.selection = max(0, list.selection - 1)
            case .accept:
                guard list.entries.indices.contains(list.selection) else { return [] }
                let entry = list.entries[list.selection]
                guard collections.indices.contains(entry.collection) else { return [] }
                self.overlay = nil
                return [.editFile(collections[entry.collection].rootURL.appendingPathComponent(entry.problem.file), line: entry.problem.line)]
            default:
                self.overlay = nil
                return []
            }
            self.overlay = .problems(list)
        case .importPreview(var preview):
            switch action {
            case .moveDown: preview.scroll = min(preview.scroll + 1, max(0, preview.lines.count - 1))
            case .moveUp: preview.scroll = max(0, preview.scroll - 1)
            case .accept where preview.succeeded && preview.isDryRun:
                self.overlay = nil
                show("Importing \(TerminalSafeText.singleLine(preview.source))…", .info)
                return [.runImport(source: preview.source, collection: preview.collection, dryRun: false)]
            default:
                self.overlay = nil
                return []
            }
            self.overlay = .importPreview(preview)
        case .jwt(var inspector):
            guard action != .dismiss else {
                self.overlay = nil
                return []
            }
            inspector.perform(action, treeHeight: JWTInspector.treeHeight(screenHeight: size.height, summaryCount: inspector.summaryCount(now: wallClock)))
            self.overlay = .jwt(inspector)
        case .authEditor(let form):
            return performInAuthEditor(action, key: key, form)
        case .effectiveAuth(let view):
            performInEffectiveAuth(action, view)
        case .tokenPanel(let panel):
            return performInTokenPanel(action, panel)
        case .login(let dialog):
            return performInLogin(action, dialog)
        case .runResults:
            return performInRunResults(action)
        case .confirm(let dialog):
            self.overlay = nil
            if action == .accept { return confirm(dialog.action) }
            if case .reloadChangedFile(let reference) = dialog.action {
                // The draft is kept, on top of the file as it is now (see `draftsToRebase`).
                draftsToRebase.insert(reference)
                return [.reloadCollections(select: editor?.reference)]
            }
            return []
        case .environmentView(let view):
            return performInEnvironmentView(action, key: key, view: view)
        case .prompt(let prompt):
            guard action == .accept else {
                self.overlay = nil
                return []
            }
            let name = prompt.editor.text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                show("A name is needed", .error)
                return []
            }
            self.overlay = nil
            switch prompt.purpose {
            case .newRequest(let collection, let folderPath):
                return [.createRequest(collection: collection, folderPath: folderPath, name: name)]
            case .duplicate(let reference):
                return [.duplicateRequest(reference, name: name)]
            case .rename(let reference):
                if isDirty(reference) {
                    show("Save or discard the changes to this request before renaming it", .error)
                    return []
                }
                return [.renameRequest(reference, name: name)]
            case .curlScript(let reference):
                guard let editor, editor.reference == reference else { return [] }
                let order = TransferOrder(id: 0, reference: reference, request: editor.draftRequest, context: sendContext(for: reference.collection))
                return [.copyAsCurl(order, to: .file(name))]
            case .importSource(let collection):
                show("Reading \(TerminalSafeText.singleLine(name))…", .info)
                return [.runImport(source: name, collection: collection, dryRun: true)]
            }
        }
        return []
    }

    mutating func confirm(_ action: ConfirmDialog.Action) -> [AppEffect] {
        switch action {
        case .deleteRequest(let reference):
            drafts[reference] = nil
            if editor?.reference == reference { editor = nil; focus = .collections }
            responses[reference] = nil
            return [.deleteRequest(reference)]
        case .quitDiscardingChanges:
            wantsQuit = true
            return [.quit]
        case .send(let reference):
            guard editor?.reference == reference else { return [] }
            return send()
        case .reloadChangedFile(let reference):
            dropDraft(reference)
            return [.reloadCollections(select: editor?.reference)]
        case .trustCommandsAndSend(let reference):
            return [.trustCollection(collection: reference.collection, thenSend: reference)]
        case .runFolder:
            return startFlowRun(changingDataConfirmed: true)
        }
    }

    // MARK: - Mouse

    mutating func handleMouse(_ mouse: MouseEvent) -> [AppEffect] {
        guard overlay == nil else {
            if mouse.action == .press, case .help = overlay { overlay = nil }
            return []
        }
        let layout = self.layout
        if let bar = layout.paneBar, bar.contains(x: mouse.x, y: mouse.y), mouse.action == .press {
            // The pane switcher: three equal slots.
            let slot = (mouse.x - bar.x) * 3 / max(1, bar.width)
            if let pane = Pane(rawValue: slot), pane == .collections || editor != nil { focus = pane }
            return []
        }
        guard let pane = layout.pane(atX: mouse.x, y: mouse.y), let rect = layout.rect(of: pane) else { return [] }
        switch mouse.action {
        case .wheelUp, .wheelDown:
            let step = mouse.action == .wheelDown ? 3 : -3
            switch pane {
            case .collections:
                treeScroll = min(max(0, treeScroll + step), max(0, treeRows.count - treeViewHeight))
            case .request:
                if let top = editor?.body.topLine, editor?.tab == .body { editor?.body.scroll(to: max(0, top + step)) }
            case .response:
                if let reference = editor?.reference { responses[reference]?.scroll(by: step) }
            }
        case .press:
            if pane == .request || pane == .response, editor == nil { return [] }
            focus = pane
            isFiltering = false
            let row = mouse.y - rect.y - 1
            switch pane {
            case .collections:
                let index = treeScroll + row
                guard row >= 0, treeRows.indices.contains(index) else { return [] }
                treeSelection = index
                if let reference = treeRows[index].request {
                    open(reference)
                } else if let key = treeRows[index].folderKey {
                    if expanded.contains(key) { expanded.remove(key) } else { expanded.insert(key) }
                    refreshTree()
                }
            case .request:
                clickRequest(x: mouse.x - rect.x - 1, row: row, width: rect.width - 2)
            case .response:
                if let reference = editor?.reference { responses[reference]?.click(x: mouse.x - rect.x - 1, row: row, width: rect.width - 2) }
            }
        case .release:
            break
        }
        return []
    }

    /// Row 0 holds the method and URL, row 1 the tabs; below is the tab's content.
    private mutating func clickRequest(x: Int, row: Int, width: Int) {
        guard var editor else { return }
        defer { self.editor = editor }
        switch row {
        case 0:
            editor.focus = x < RequestEditorRenderer.methodColumnWidth ? .method : .url
        case 1:
            editor.focus = .tabs
            if let tab = RequestEditorRenderer.tab(atColumn: x, editor: editor) { editor.tab = tab }
        default:
            editor.focus = .content
        }
    }
}
