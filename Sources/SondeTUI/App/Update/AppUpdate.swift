import Foundation
import SondeCore

extension AppState {
    /// How long secrets stay revealed after the reveal key, and notices stay up.
    static let revealSeconds = 3.0
    static let noticeSeconds = 4.0

    /// Applies one event to the state and returns the effects to run. `now` is a monotonic clock
    /// in seconds, passed in so tests control time.
    package mutating func update(_ event: AppEvent, now: Double) -> [AppEffect] {
        let effects = handle(event, now: now)
        refreshAuthPreview()
        return historyRequest() + pathCheckRequest() + effects
    }

    /// Asks for the history of the open request the first time it is open after an event.
    /// Worked out here, after the event, because requests are opened from many handlers (arrows,
    /// the filter, the mouse, a reload selecting one) that have no effects of their own to return.
    private mutating func historyRequest() -> [AppEffect] {
        guard let reference = editor?.reference, responses[reference]?.historyRequested != true else { return [] }
        responses[reference, default: ResponseViewState()].historyRequested = true
        return [.loadHistory(reference)]
    }

    /// Prepares the Auth tab's preview again when that tab is open and the request or what it is
    /// prepared with (collection, environment, secret source) changed; drops it when the tab is
    /// closed. Cheap enough for every event (debug build, demo collection, 36 environment
    /// variables): the unchanged check adds ~6 µs to an event, preparing ~70 µs, against ~570 µs
    /// to render the frame.
    mutating func refreshAuthPreview() {
        guard let editor, editor.tab == .auth, collections.indices.contains(editor.reference.collection) else {
            authPreview = nil
            return
        }
        let request = editor.draftRequest
        var context = sendContext(for: editor.reference.collection)
        context.secretSource.runsCommands = false
        if let authPreview, authPreview.request == request, authPreview.context == context { return }
        authPreview = AuthPreview(request: request, context: context)
    }

    private mutating func handle(_ event: AppEvent, now: Double) -> [AppEffect] {
        self.now = now
        if let notice, notice.until <= now { self.notice = nil }
        switch event {
        case .tick:
            return []
        case .storedTokensLoaded(let records):
            storedTokensLoaded(records)
            return []
        case .tokenFetched(let row, let result, let requestedAt, let duration):
            tokenFetched(row, result, requestedAt: requestedAt, duration: duration)
            return []
        case .tokenCleared(let row, let failure):
            tokenCleared(row, failure)
            return []
        case .login(let owner, let progress):
            loginProgressed(owner, progress)
            return []
        case .runStepFinished(let id, let step):
            runStepFinished(id, step)
            return []
        case .runFinished(let id, let cancelled):
            runFinished(id, cancelled: cancelled)
            return []
        case .input(.resize(let width, let height)):
            size = (width, height)
            return []
        case .input(.paste(let text)):
            return isTooSmallToDraw ? [] : paste(text)
        case .input(.mouse(let mouse)):
            return isTooSmallToDraw ? [] : handleMouse(mouse)
        case .input(.key(let key)):
            return handleKey(key)
        case .transferFinished(let id, let outcome):
            return transferFinished(id, outcome)
        case .liveRecord(let id, let text):
            if transfer?.id == id { transfer?.appendLiveRecord(text) }
            return []
        case .pagesProgress(let id, let progress):
            if transfer?.id == id { transfer?.pages = progress }
            return []
        case .pagesFetched(let id, let pages, let document):
            pagesFetched(id, pages, document)
            return []
        case .retry(let id, let event):
            guard var transfer, transfer.id == id else { return [] }
            switch event {
            case .attemptStarted(let attempt):
                transfer.attempt = attempt
                transfer.retryAt = nil
            case .attemptFinished(let attempt):
                switch attempt.result {
                case .response(let status, let reason): transfer.lastOutcome = "\(status) \(reason)"
                case .failure(let error): transfer.lastOutcome = "\(error)"
                }
            case .waiting(_, let seconds, let reason):
                transfer.retryAt = now + seconds
                transfer.retryReason = reason
            }
            self.transfer = transfer
            return []
        case .saved(let reference, let result):
            return saved(reference, result)
        case .collectionsReloaded(let loaded, let select):
            collectionsReloaded(loaded, select: select)
            return []
        case .collectionsParsed(let loaded):
            collectionsParsed(loaded)
            return []
        case .historyLoaded(let reference, let entries):
            responses[reference, default: ResponseViewState()].showHistory(entries)
            return []
        case .externalEditFinished(let reference, let result):
            return externalEditFinished(reference, result)
        case .filesChanged(let paths):
            return filesChanged(paths)
        case .fileEditFinished(let failure):
            if let failure { show(failure.message, .error) }
            // Reloading keeps every draft; the fixed file's problems go away, or show again.
            return [.reloadCollections(select: editor?.reference)]
        case .operationFailed(let failure):
            show(failure.message, .error)
            return []
        case .collectionTrusted(let collection, let reference):
            while secretSources.count <= collection { secretSources.append(SecretSource(processEnvironment: [:])) }
            secretSources[collection].commandsTrusted = true
            let folder = collections.indices.contains(collection) ? collections[collection].rootURL.path : "the collection"
            show("Trusted \(folder) to run its {{cmd:}} commands (sonde trust --remove undoes it)", .success)
            return editor?.reference == reference ? send() : []
        case .importFinished(let preview):
            if preview.isDryRun {
                overlay = .importPreview(preview)
                return []
            }
            show(preview.succeeded ? "Imported \(TerminalSafeText.singleLine(preview.source)) into \(preview.collectionName)" : (preview.lines.first ?? "Import failed"),
                 preview.succeeded ? .success : .error)
            return preview.succeeded ? [.reloadCollections(select: editor?.reference)] : []
        case .curlScriptWritten(let path, let failure):
            if let failure { show(failure.message, .error) } else {
                show("Saved as curl: \(TerminalSafeText.singleLine(path)) (sh runs it; secrets as ${NAME})", .success)
            }
            return []
        case .curlCommandReady(let command, let destination):
            switch destination {
            case .clipboard:
                let lines = command.split(separator: "\n").count
                show("Copied as curl (\(lines) line\(lines == 1 ? "" : "s"); secrets as ${NAME}) · a terminal without OSC 52 keeps its clipboard", .success)
                return [.writeClipboard(command)]
            case .file(let path):
                return [.writeCurlScript(command, path: path)]
            }
        case .authSaved(let order, let failure):
            return authSaved(order, failure)
        case .environmentOperationFinished(let collection, let result):
            return environmentOperationFinished(collection, result)
        case .secretSaved(let collection, let name, let dotEnv, let result):
            secretSaved(collection, name: name, dotEnv: dotEnv, result)
            return []
        case .pathsChecked(let reference, let problems):
            pathsChecked(reference, problems)
            return []
        }
    }

    /// Shows a notice in the status bar for a few seconds (errors stay a little longer).
    package mutating func show(_ text: String, _ kind: Notice.Kind) {
        notice = Notice(text: text, kind: kind, until: now + (kind == .error ? 2 * Self.noticeSeconds : Self.noticeSeconds))
    }

    // MARK: - Actions

    /// Runs a named action that means the same wherever it comes from: a global key, the
    /// palette, or a test. Actions tied to a pane's cursor run through `performBound`.
    package mutating func perform(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .send:
            return send()
        case .cancel:
            guard let transfer else { return cancelFlowRun() }
            show("Cancelling…", .info)
            return [.cancel(transfer: transfer.id)]
        case .save:
            return save()
        case .quit:
            return requestQuit()
        case .nextPane:
            cyclePane(by: 1)
        case .previousPane:
            cyclePane(by: -1)
        case .focusCollections:
            focus = .collections
        case .focusRequest:
            if editor != nil { focus = .request }
        case .focusResponse:
            if editor != nil { focus = .response }
        case .switchEnvironment:
            guard !environmentNames.isEmpty else {
                show("No environments: add YAML files under environments/ in the collection", .info)
                return []
            }
            overlay = .environments(selection: environmentNames.firstIndex(of: environmentName ?? "") ?? 0)
        case .help:
            overlay = .help(scroll: 0)
        case .palette:
            overlay = .palette(query: LineEditor(), selection: 0)
        case .filterCollections:
            focus = .collections
            isFiltering = true
        case .reloadCollections:
            return [.reloadCollections(select: editor?.reference)]
        case .newRequest:
            return startNewRequest()
        case .duplicateRequest:
            guard let reference = selectedTreeRow?.request ?? editor?.reference, let saved = savedRequest(reference) else { return [] }
            overlay = .prompt(PromptDialog(title: "Duplicate as", editor: LineEditor(saved.definition.name + " copy"), purpose: .duplicate(reference)))
        case .renameRequest:
            guard let reference = selectedTreeRow?.request ?? editor?.reference, let saved = savedRequest(reference) else { return [] }
            overlay = .prompt(PromptDialog(title: "Rename to", editor: LineEditor(saved.definition.name), purpose: .rename(reference)))
        case .deleteRequest:
            guard let reference = selectedTreeRow?.request, let saved = savedRequest(reference) else { return [] }
            overlay = .confirm(ConfirmDialog(
                title: "Delete request",
                message: "Delete \"\(saved.definition.name)\" (\(CollectionLoader.relativePath(saved.fileURL, root: collections[reference.collection].rootURL)))? The file is removed.",
                action: .deleteRequest(reference), choices: "y delete · n/Esc keep"))
        case .revealSecrets:
            revealUntil = now + Self.revealSeconds
            show("Secrets revealed for \(Int(Self.revealSeconds)) s", .info)
        case .openBodyInEditor:
            guard var editor else { return [] }
            guard editor.bodyIsEditable else {
                show("This body kind is edited in its YAML file", .info)
                return []
            }
            editor.syncDraft()
            self.editor = editor
            let isJSON: Bool = if case .json = editor.draft.body { true } else { false }
            return [.editExternally(editor.reference, text: editor.body.text, fileExtension: isJSON ? "json" : "txt")]
        case .cycleMethod:
            editor?.cycleMethod(by: 1)
        case .listProblems:
            let entries = allProblems.map { ProblemList.Entry(collection: $0.collection, problem: $0.problem) }
            guard !entries.isEmpty else {
                show("No problems in the collection files", .info)
                return []
            }
            overlay = .problems(ProblemList(title: entries.count == 1 ? "1 problem" : "\(entries.count) problems", entries: entries))
        case .inspectJWT:
            inspectJWT()
        case .importRequests:
            let collection = selectedTreeRow?.request?.collection ?? editor?.reference.collection ?? 0
            guard collections.indices.contains(collection) else {
                show("No collection to import into", .info)
                return []
            }
            overlay = .prompt(PromptDialog(
                title: "Import into \(collections[collection].name) from (file or folder)", editor: LineEditor(""),
                purpose: .importSource(collection: collection)))
        case .copyAsCurl:
            guard var editor else {
                show("Open a request to copy it as curl", .info)
                return []
            }
            editor.syncDraft()
            self.editor = editor
            let order = TransferOrder(id: 0, reference: editor.reference, request: editor.draftRequest, context: sendContext(for: editor.reference.collection))
            return [.copyAsCurl(order, to: .clipboard)]
        case .saveAsCurl:
            guard var editor else {
                show("Open a request to save it as curl", .info)
                return []
            }
            editor.syncDraft()
            self.editor = editor
            let suggested = ImportPlan.slug(editor.draft.name, fallback: "request") + ".sh"
            overlay = .prompt(PromptDialog(title: "Save as a curl script (a new file)", editor: LineEditor(suggested), purpose: .curlScript(editor.reference)))
        case .nextPage, .allPages:
            guard let reference = editor?.reference else { return [] }
            var response = responses[reference, default: ResponseViewState()]
            let effects = fetchPages(all: action == .allPages, response: &response)
            responses[reference] = response
            return effects
        case .moveDown, .moveUp, .halfPageDown, .halfPageUp, .pageDown, .pageUp, .top, .bottom,
             .expandRow, .collapseRow, .openRow, .openAndSend, .clearFilter, .acceptFilter,
             .previousMethod, .focusMethod, .focusURL, .focusTabs, .focusTabContent, .pickTab, .editField, .stopEditing,
             .editRow, .addRow, .addRowAbove, .deleteRow, .toggleRow, .moveRowDown, .moveRowUp,
             .toggleFold, .nextMatch, .previousMatch, .clearResponseFilter, .openHistoryEntry,
             .accept, .dismiss, .pickByNumber, .cycleBodyKind, .previousBodyKind, .cycleOption, .clearOption,
             .useEnvironment, .newEnvironment, .duplicateEnvironment, .renameEnvironment, .deleteEnvironment,
             .editVariables, .focusEnvironmentList, .toggleMatrix, .setSecretValue, .revealValue, .saveEnvironment:
            // Only meaningful where the cursor is: run from a key table by `performBound`.
            break
        case .askAndSend:
            return sendAskingFirst()
        case .editAuth:
            return openAuthEditor()
        case .showEffectiveAuth:
            return openEffectiveAuth()
        case .nextChoice, .previousChoice, .insertReference:
            break
        case .manageEnvironments:
            openEnvironmentView()
        case .showTokens:
            return openTokenPanel()
        case .fetchToken, .clearToken, .copyLoginURL:
            break
        case .runFolder:
            return startFlowRun()
        case .showRunResults:
            showRunResults()
        case .formatBody:
            return performInOptionsOrBody(.formatBody, key: .escape) ?? []
        case .foldAll, .unfoldAll, .togglePrettyRaw, .toggleWrap, .searchResponse, .jsonPathFilter:
            guard let reference = editor?.reference, var response = responses[reference] else { return [] }
            response.perform(action)
            responses[reference] = response
            focus = .response
        case .nextTab, .previousTab:
            let step = action == .nextTab ? 1 : -1
            if focus == .request, var editor {
                editor.tab = editor.tab.advanced(by: step)
                self.editor = editor
            } else if focus == .response, let reference = editor?.reference {
                responses[reference, default: ResponseViewState()].tab = (responses[reference]?.tab ?? .body).advanced(by: step)
            }
        }
        return []
    }

    mutating func cyclePane(by step: Int) {
        let panes: [Pane] = editor == nil ? [.collections] : Pane.allCases
        let index = panes.firstIndex(of: focus) ?? 0
        focus = panes[(index + step + panes.count) % panes.count]
        if focus == .collections { isFiltering = false }
    }

    mutating func requestQuit() -> [AppEffect] {
        let dirty = dirtyReferences
        guard dirty.isEmpty else {
            let names = dirty.compactMap { savedRequest($0)?.definition.name }
            overlay = .confirm(ConfirmDialog(
                title: "Unsaved changes",
                message: "\(names.count == 1 ? "\"\(names[0])\" has" : "\(names.count) requests have") unsaved changes. Quit and lose them?",
                action: .quitDiscardingChanges, choices: "y quit · n/Esc keep working"))
            return []
        }
        wantsQuit = true
        return [.quit]
    }

    // MARK: - Sending and saving

    /// Enter's send: a method that only reads goes at once; one that may change data (POST, PUT,
    /// PATCH, DELETE) asks first, so Enter meant to open a request never deletes on the server.
    /// The send key (Ctrl-R) never asks.
    mutating func sendAskingFirst() -> [AppEffect] {
        guard var editor, transfer == nil, problems(blocking: editor.reference).isEmpty else { return send() }
        editor.syncDraft()
        self.editor = editor
        let method = editor.draft.method
        guard !method.isSafe else { return send() }
        overlay = .confirm(ConfirmDialog(
            title: "Send \(method.rawValue)",
            message: "Send \(method.rawValue) \(editor.draft.url)? It may change data on the server. \(KeyMap.keyLabel(for: .send)) sends without asking.",
            action: .send(editor.reference), choices: "y send · n/Esc keep"))
        return []
    }

    mutating func send() -> [AppEffect] {
        if let dialog = trustQuestionBeforeSending() {
            overlay = .confirm(dialog)
            return []
        }
        guard let order = startTransfer() else { return [] }
        return [.send(order)]
    }

    /// Starts a transfer of the open request: the one path sending and fetching pages share.
    /// Refuses, with a notice, when no request is open or another transfer runs; otherwise syncs
    /// the draft, takes the next transfer id and records the transfer (with `pages`, the paging
    /// progress so far, when fetching pages). Returns what the runner needs to carry it out.
    mutating func startTransfer(pages: PaginationProgress? = nil) -> TransferOrder? {
        guard var editor else {
            show("Select a request first", .info)
            return nil
        }
        guard transfer == nil else {
            show("A request is already running: Esc cancels it", .info)
            return nil
        }
        // A file that failed to load would be sent with silent fallbacks (an unknown method as
        // GET, no body, no auth): refuse, as `sonde send` does, and list what is wrong.
        let blocking = problems(blocking: editor.reference)
        guard blocking.isEmpty else {
            show("Not sent: \(blocking.count == 1 ? "a problem" : "\(blocking.count) problems") in its files", .error)
            overlay = .problems(ProblemList(
                title: "Not sent: fix \(blocking.count == 1 ? "this" : "these") first",
                entries: blocking.map { ProblemList.Entry(collection: editor.reference.collection, problem: $0) }))
            return nil
        }
        editor.syncDraft()
        self.editor = editor
        let id = nextTransferID
        nextTransferID += 1
        transfer = TransferState(id: id, reference: editor.reference, startedAt: now, pages: pages)
        let order = TransferOrder(id: id, reference: editor.reference, request: editor.draftRequest, context: sendContext(for: editor.reference.collection))
        // Preparing takes microseconds; the transfer prepares again off the loop.
        if let prepared = try? RequestPreparer.prepare(order.request, in: order.context) {
            if let warning = prepared.request.secrets.tooShortWarning ?? prepared.warnings.first {
                show(warning, .warning)
            } else if prepared.schemeAssumed {
                show(RequestPreparer.noSchemeNotice, .info)
            }
        }
        return order
    }

    mutating func transferFinished(_ id: Int, _ outcome: TransferOutcome) -> [AppEffect] {
        guard let transfer, transfer.id == id else { return [] }
        self.transfer = nil
        defer { loginEnded(.transfer(id), failure: outcome.failureMessage, cancelled: outcome.isCancelled) }
        var response = responses[transfer.reference, default: ResponseViewState()]
        switch outcome {
        case .completed(let document):
            response.show(document)
            responses[transfer.reference] = response
            keepCaptured(document.captured, collection: transfer.reference.collection)
            if let failure = document.captureFailure {
                // One line in the status bar; the Tests tab lists them all.
                let first = failure.description.prefix { $0 != "\n" }
                show(failure.misses.count > 1 ? "\(first) (and \(failure.misses.count - 1) more: tab \(ResponseTab.tests.rawValue + 1))" : String(first), .error)
            } else if !document.expectationResults.allPassed {
                let results = document.expectationResults
                show("expect \(results.passedCount)/\(results.count) passed: tab \(ResponseTab.tests.rawValue + 1) (Tests) says why", .error)
            }
        case .failed(let message):
            response.failure = message
            responses[transfer.reference] = response
            show(message, .error)
        case .cancelled:
            show("Request cancelled", .info)
        }
        return []
    }

    mutating func save() -> [AppEffect] {
        guard var editor else { return [] }
        editor.syncDraft()
        self.editor = editor
        guard editor.isDirty else {
            show("No changes to save", .info)
            return []
        }
        // The draft of a file that failed to load holds fallbacks (GET for an unknown method, no
        // body, no auth); saving it would write them over what the file says.
        let ownFile = CollectionLoader.relativePath(editor.saved.fileURL, root: collections[editor.reference.collection].rootURL)
        if let problem = problems(blocking: editor.reference).first(where: { $0.file == ownFile }) {
            show("Not saved: \(problem.description) (fix the file: ! lists the problems)", .error)
            return []
        }
        var request = editor.saved
        request.definition = editor.draft
        return [.save(editor.reference, request)]
    }

    mutating func saved(_ reference: RequestReference, _ result: Result<SavedRequest, AppFailure>) -> [AppEffect] {
        switch result {
        case .success(let request):
            if editor?.reference == reference { editor?.markSaved(request) }
            drafts[reference]?.markSaved(request)
            replaceSaved(request, at: reference)
            show("Saved \(CollectionLoader.relativePath(request.fileURL, root: collections[reference.collection].rootURL))", .success)
        case .failure(let failure):
            show("Not saved: \(failure.message)", .error)
        }
        return []
    }

    /// Puts a freshly saved request into the loaded collection so the tree shows its new name/method.
    mutating func replaceSaved(_ request: SavedRequest, at reference: RequestReference) {
        guard collections.indices.contains(reference.collection) else { return }
        func replace(in folder: inout RequestFolder) -> Bool {
            if let index = folder.requests.firstIndex(where: { $0.id == request.id }) {
                folder.requests[index] = request
                return true
            }
            for i in folder.folders.indices where replace(in: &folder.folders[i]) { return true }
            return false
        }
        _ = replace(in: &collections[reference.collection].root)
        refreshTree()
    }

    /// Files changed on disk (an editor, `git pull`): they are reloaded, drafts kept. A draft with
    /// unsaved edits whose own file changed asks which to keep, the file or the draft.
    mutating func filesChanged(_ paths: [String]) -> [AppEffect] {
        let changed = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        let conflict = dirtyReferences.first { reference in
            savedRequest(reference).map { changed.contains($0.fileURL.standardizedFileURL.path) } ?? false
        }
        if let conflict, overlay == nil, let saved = savedRequest(conflict) {
            let file = CollectionLoader.relativePath(saved.fileURL, root: collections[conflict.collection].rootURL)
            overlay = .confirm(ConfirmDialog(
                title: "File changed on disk",
                message: "\(file) changed on disk while \"\(saved.definition.name)\" has unsaved changes. Load the file and drop the draft?",
                action: .reloadChangedFile(conflict), choices: "y load the file · n/Esc keep the draft"))
            return []
        }
        return [.reloadCollections(select: editor?.reference)]
    }

    /// Forgets the unsaved edits of a request: it opens again from its file.
    mutating func dropDraft(_ reference: RequestReference) {
        drafts[reference] = nil
        if let editor, editor.reference == reference, let saved = savedRequest(reference) {
            var fresh = RequestEditorState(reference: reference, saved: saved)
            fresh.tab = editor.tab
            self.editor = fresh
        }
    }

    mutating func collectionsReloaded(_ loaded: [LoadedCollection], select: RequestReference?) {
        collections = loaded.map(\.collection)
        problemsPerCollection = loaded.map(\.problems)
        // Drafts of requests that no longer exist are dropped; the others keep their edits, and
        // one without edits shows the file as it is now.
        drafts = drafts.filter { savedRequest($0.key) != nil && $0.value.isDirty }
        for reference in draftsToRebase {
            guard let saved = savedRequest(reference) else { continue }
            drafts[reference]?.saved = saved
            if editor?.reference == reference { editor?.saved = saved }
        }
        draftsToRebase = []
        if let open = editor, !open.isDirty, let saved = savedRequest(open.reference), saved != open.saved {
            var fresh = RequestEditorState(reference: open.reference, saved: saved)
            fresh.tab = open.tab
            fresh.focus = open.focus
            editor = fresh
        }
        if let reference = editor?.reference, savedRequest(reference) == nil { editor = nil; focus = .collections }
        refreshTree()
        if let select { reveal(select) }
        refreshEnvironmentView()
        if let summary = problemSummary { show(summary.text, summary.kind) }
    }

    /// The parsed collections replace their outlines, the selected row staying selected (a
    /// request's row moves when its name sorts it elsewhere). A full reload that came first (a
    /// file operation) has newer contents already, so a late parse is dropped.
    mutating func collectionsParsed(_ loaded: [LoadedCollection]) {
        guard collections.contains(where: \.isOutline) else { return }
        let selected = selectedTreeRow
        collectionsReloaded(loaded, select: nil)
        if let selected, let index = treeRows.firstIndex(where: { $0.request == selected.request && $0.folderKey == selected.folderKey }) {
            treeSelection = index
        }
    }

    /// Expands the folders above a request and selects its row.
    mutating func reveal(_ reference: RequestReference) {
        var path = ""
        expanded.insert(CollectionTree.key(collection: reference.collection, folderPath: ""))
        for part in reference.requestID.split(separator: "/").dropLast() {
            path = path.isEmpty ? String(part) : "\(path)/\(part)"
            expanded.insert(CollectionTree.key(collection: reference.collection, folderPath: path))
        }
        refreshTree()
        if !treeRows.contains(where: { $0.request == reference }), !filter.text.isEmpty {
            // The filter hides it (a request just created or renamed): show everything again.
            filter = LineEditor()
            isFiltering = false
            refreshTree()
        }
        if let index = treeRows.firstIndex(where: { $0.request == reference }) {
            treeSelection = index
            open(reference)
        }
    }

    /// Shows a request in the editor, keeping the previous one's draft.
    mutating func open(_ reference: RequestReference) {
        guard editor?.reference != reference, let saved = savedRequest(reference) else { return }
        if let editor { drafts[editor.reference] = editor }
        editor = drafts.removeValue(forKey: reference) ?? RequestEditorState(reference: reference, saved: saved)
        editor?.isEditing = false
    }

    mutating func externalEditFinished(_ reference: RequestReference, _ result: Result<String, AppFailure>) -> [AppEffect] {
        switch result {
        case .success(let text):
            if editor?.reference == reference {
                editor?.body.text = text
                editor?.syncDraft()
            } else {
                drafts[reference]?.body.text = text
                drafts[reference]?.syncDraft()
            }
        case .failure(let failure):
            show(failure.message, .error)
        }
        return []
    }

    mutating func paste(_ text: String) -> [AppEffect] {
        switch overlay {
        case .palette(var query, _):
            _ = query.insert(text)
            overlay = .palette(query: query, selection: 0)
            return []
        case .prompt(var prompt):
            _ = prompt.editor.insert(text)
            overlay = .prompt(prompt)
            return []
        case .authEditor(var form):
            if var line = form.editing {
                _ = line.insert(text)
                form.editing = line
                overlay = .authEditor(form)
            }
        case .environmentView(let view):
            pasteIntoEnvironmentView(text, view: view)
            return []
        case .some:
            return []
        case nil:
            break
        }
        switch focus {
        case .collections:
            if isFiltering, filter.insert(text) == .edited { filterChanged() }
        case .request:
            guard var editor else { return [] }
            if editor.focus == .url, Self.isCurlCommand(text) {
                pasteCurl(text)
                return []
            }
            switch (editor.focus, editor.tab) {
            case (.url, _): _ = editor.url.insert(text)
            case (.content, .params): _ = editor.params.insert(text)
            case (.content, .headers): _ = editor.headers.insert(text)
            case (.content, .body) where editor.activeTable != nil: _ = editor.activeTable?.insert(text)
            case (.content, .body) where editor.bodyKind == .file && editor.isEditing: _ = editor.filePath.insert(text)
            case (.content, .body) where editor.bodyIsEditable: _ = editor.body.insert(text)
            case (.content, .options) where editor.isEditing: _ = editor.options.editing?.insert(text)
            default: break
            }
            editor.syncDraft()
            self.editor = editor
        case .response:
            if let reference = editor?.reference { responses[reference]?.paste(text) }
        }
        return []
    }
}
