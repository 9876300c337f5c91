import SondeCore

/// Key dispatch: a key is looked up in the key tables of where it was pressed (`keyContexts`),
/// and the binding's action runs. Nothing here decides what a key means; `KeyMap` does.
extension AppState {
    mutating func handleKey(_ key: Key) -> [AppEffect] {
        if isTooSmallToDraw, !overlayDrawnAtAnySize {
            // Only quitting makes sense on a screen too small to draw (an open dialog included:
            // keys would act on what nobody sees).
            if KeyMap.binding(for: key, in: [.global, .outsideText])?.0.action == .quit { return requestQuit() }
            return []
        }
        let contexts = overlay == nil ? [.global] + keyContexts : keyContexts
        let typing = isTypingText
        if let prefix = pendingPrefix {
            pendingPrefix = nil
            for context in contexts {
                for binding in KeyMap.bindings(in: context) where binding.strokes.contains(where: { $0.completes(prefix, with: key) }) {
                    if let effects = performBound(binding.action, key: key, in: context) { return effects }
                }
            }
        }
        // In a text field a printable key is text, whatever the tables say.
        if !(typing && key.isCharacter) {
            for context in contexts {
                for binding in KeyMap.bindings(in: context) where binding.matches(key) {
                    if let effects = performBound(binding.action, key: key, in: context) { return effects }
                }
            }
            if case .character(let c) = key,
               contexts.contains(where: { KeyMap.bindings(in: $0).contains { $0.strokes.contains { $0.starts(with: key) } } }) {
                pendingPrefix = c
                return []
            }
        }
        return typing || overlay != nil ? typeIntoFocusedField(key) : []
    }

    /// The key tables that answer a key now, asked in order (after `.global`, which always comes
    /// first outside dialogs). A list without `.outsideText` means printable keys are text.
    package var keyContexts: [KeyContext] {
        if let overlay {
            switch overlay {
            case .help: return [.help]
            case .palette: return [.palette]
            case .environments: return [.environments]
            case .confirm: return [.confirm]
            case .prompt: return [.prompt]
            case .problems: return [.problems]
            case .jwt: return [.jwt]
            case .importPreview: return [.importPreview]
            case .authEditor(let form): return form.editing == nil ? [.authEditor] : [.authEditorField]
            case .effectiveAuth: return [.effectiveAuth]
            case .tokenPanel: return [.tokenPanel]
            case .login: return [.login]
            case .runResults: return [.runResults]
            case .environmentView(let view):
                if view.confirmation != nil { return [.confirm] }
                if view.prompt != nil { return [.prompt] }
                if view.focus == .list { return [.environmentList] }
                return view.table.editing == nil ? [.environmentVariables] : []
            }
        }
        switch focus {
        case .collections:
            return isFiltering ? [.collectionsFilter] : [.collections, .outsideText]
        case .request:
            guard let editor else { return [.outsideText] }
            switch editor.focus {
            case .method: return [.requestMethod, .outsideText]
            case .url: return editor.isEditing ? [.requestURLEditing] : [.requestURL, .outsideText]
            case .tabs: return [.requestTabs, .outsideText]
            case .content:
                switch editor.tab {
                case .params: return editor.params.editing == nil ? [.requestTable, .outsideText] : []
                case .headers: return editor.headers.editing == nil ? [.requestTable, .outsideText] : []
                case .body:
                    if let table = editor.activeTable { return table.editing == nil ? [.requestBodyKind, .requestTable, .outsideText] : [] }
                    if editor.isEditing { return editor.bodyKind == .file ? [.requestFieldEditing] : [.requestBodyEditing] }
                    return [.requestBodyKind, .requestBody, .outsideText]
                case .options: return editor.isEditing ? [.requestFieldEditing] : [.requestOptions, .outsideText]
                case .auth: return [.requestAuth, .requestFields, .outsideText]
                }
            }
        case .response:
            let response = currentResponse ?? ResponseViewState()
            if response.isTypingText { return [.responseSearch] }
            switch response.tab {
            case .body: return [.responseBody, .response, .outsideText]
            case .headers, .request, .tests: return [.responseHeaders, .response, .outsideText]
            case .timing: return [.response, .outsideText]
            case .history: return [.responseHistory, .response, .outsideText]
            }
        }
    }

    /// Whether the focused widget is a text field that wants printable keys (so `q` types a q).
    var isTypingText: Bool {
        switch overlay {
        case .palette, .prompt: true
        case .authEditor(let form): form.editing != nil
        case .help, .environments, .confirm, .problems, .effectiveAuth, .jwt, .importPreview, .tokenPanel, .login, .runResults: false
        case .environmentView(let view): view.confirmation == nil && (view.prompt != nil || view.table.editing != nil)
        case nil: !keyContexts.contains(.outsideText)
        }
    }

    /// Whether the focused widget uses Tab itself: a table row being edited (name → value) or
    /// the body text (indent). Esc leaves them, and then Tab cycles panes again.
    var wantsTabKey: Bool {
        guard focus == .request, let editor, editor.focus == .content else { return false }
        switch editor.tab {
        case .params: return editor.params.editing != nil
        case .headers: return editor.headers.editing != nil
        case .body: return editor.activeTable.map { $0.editing != nil } ?? (editor.bodyIsEditable && editor.isEditing)
        case .auth, .options: return false
        }
    }

    /// Runs a bound action in the context whose table bound it. Nil when the action does not
    /// apply right now (Esc with nothing running, ← inside the URL), so the next table, or the
    /// text field, gets the key.
    mutating func performBound(_ action: AppAction, key: Key, in context: KeyContext) -> [AppEffect]? {
        switch context {
        case .global, .outsideText:
            switch action {
            case .cancel where transfer == nil && flowRun?.isRunning != true: return nil
            case .nextPane where wantsTabKey, .previousPane where wantsTabKey: return nil
            default: return perform(action)
            }
        case .collections, .collectionsFilter:
            return performInCollections(action)
        case .requestOptions, .requestFieldEditing, .requestBodyKind:
            return performInOptionsOrBody(action, key: key) ?? performInRequest(action, key: key)
        case .requestMethod, .requestURL, .requestURLEditing, .requestTabs, .requestTable, .requestBody, .requestBodyEditing, .requestFields, .requestAuth:
            if action == .formatBody { return performInOptionsOrBody(action, key: key) }
            return performInRequest(action, key: key)
        case .response, .responseBody, .responseSearch, .responseHeaders, .responseHistory:
            return performInResponse(action, key: key)
        case .help, .palette, .environments, .confirm, .prompt, .problems, .jwt, .importPreview, .authEditor, .authEditorField, .effectiveAuth,
             .environmentList, .environmentVariables, .tokenPanel, .login, .runResults:
            return performInOverlay(action, key: key)
        }
    }

    /// A key no table bound: text for the focused text field or dialog.
    mutating func typeIntoFocusedField(_ key: Key) -> [AppEffect] {
        switch overlay {
        case .help:
            overlay = nil  // any other key closes help
            return []
        case .palette(var query, let selection):
            let edited = query.handle(key) == .edited
            overlay = .palette(query: query, selection: edited ? 0 : selection)
            return []
        case .prompt(var prompt):
            _ = prompt.editor.handle(key)
            overlay = .prompt(prompt)
            return []
        case .authEditor(var form):
            guard var line = form.editing else { return [] }
            _ = line.handle(key)
            form.editing = line
            form.referenceSelection = min(form.referenceSelection, max(0, form.matchingReferences.count - 1))
            overlay = .authEditor(form)
            return []
        case .environments, .confirm, .problems, .effectiveAuth, .jwt, .importPreview, .tokenPanel, .login, .runResults:
            return []
        case .environmentView(let view):
            typeIntoEnvironmentView(key, view: view)
            return []
        case nil:
            break
        }
        switch focus {
        case .collections:
            if isFiltering, filter.handle(key) == .edited { filterChanged() }
        case .request:
            guard var editor, editor.focus == .url || editor.focus == .content else { return [] }
            // Keys reach a text only in edit mode (tables have their own, per cell).
            if editor.focus == .url || (editor.tab == .body && editor.activeTable == nil) || editor.tab == .options, !editor.isEditing { return [] }
            defer { self.editor = editor }
            if editor.focus == .url {
                if editor.url.handle(key) == .edited { editor.syncDraft() }
                return []
            }
            switch editor.tab {
            case _ where editor.activeTable != nil:
                guard var table = editor.activeTable else { break }
                table.layout(height: max(1, requestContentHeight - (editor.tab == .body ? 2 : 1)))  // below the table's header row
                let outcome = table.handle(key)
                editor.activeTable = table
                if outcome == .edited { editor.syncDraft() }
            case .options:
                typeIntoOption(key, editor: &editor)
            case .body where editor.bodyKind == .file:
                if editor.filePath.handle(key) == .edited { editor.syncDraft() }
            case .body where editor.bodyIsEditable:
                editor.body.layout(height: requestContentHeight)
                if editor.body.handle(key) == .edited { editor.syncDraft() }
            default:
                break
            }
        case .response:
            guard let reference = editor?.reference else { return [] }
            var response = responses[reference, default: ResponseViewState()]
            response.viewHeight = responseContentHeight
            response.type(key)
            responses[reference] = response
        }
        return []
    }
}
