import Foundation
import SondeCore

/// The auth editor and the effective-auth-per-environment view.
extension AppState {
    /// Opens the auth editor on the open request, at the request's own level.
    mutating func openAuthEditor() -> [AppEffect] {
        guard var editor, let saved = savedRequest(editor.reference) else {
            show("Open a request first", .info)
            return []
        }
        editor.syncDraft()
        self.editor = editor
        let index = editor.reference.collection
        let collection = collections[index]
        var levels = [AuthLevel(place: .request, file: saved.fileURL, auth: editor.draft.auth)]
        for folder in collection.folderChain(to: saved).dropFirst().reversed() {
            levels.append(AuthLevel(place: .folder(folder.path), file: folder.url.appendingPathComponent(CollectionLoader.folderFileName),
                                    auth: folder.defaults.auth))
        }
        levels.append(AuthLevel(place: .collection, file: collection.rootURL.appendingPathComponent(CollectionLoader.collectionFileName),
                                auth: collection.defaults.auth))
        if let environment = environment(for: index) {
            levels.append(AuthLevel(place: .environment(environment.name), file: environment.fileURL, auth: environment.defaults.auth))
        }
        overlay = .authEditor(AuthEditorState(reference: editor.reference, levels: levels, references: secretReferences(for: index)))
        return []
    }

    /// The secret references offered for credential fields: `{{env:NAME}}` for each name in the
    /// collection's `.env` and each `{{env:}}` the current environment's variables use, then
    /// `{{name}}` for each variable of the current environment.
    func secretReferences(for collection: Int) -> [SecretReferenceChoice] {
        let source = secretSource(for: collection)
        let environment = environment(for: collection)
        var names = Set(source.dotEnv.keys)
        for variable in environment?.variables ?? [] { names.formUnion(Self.secretNames(in: variable.value)) }
        var choices = names.sorted().map { name in
            let origin = source.dotEnv[name] != nil ? ".env" : source.processEnvironment[name] != nil ? "shell" : nil
            return SecretReferenceChoice(name: name, text: "{{env:\(name)}}", detail: origin.map { "set in \($0)" } ?? "not set")
        }
        for variable in environment?.variables ?? [] where variable.enabled {
            choices.append(SecretReferenceChoice(name: variable.name, text: "{{\(variable.name)}}", detail: "environment \(environment?.name ?? "")"))
        }
        return choices
    }

    /// The `NAME`s of the `{{env:NAME}}` references in `text`.
    static func secretNames(in text: String) -> [String] {
        text.components(separatedBy: "{{env:").dropFirst().compactMap { rest in
            guard let end = rest.range(of: "}}") else { return nil }
            let name = rest[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }

    /// Opens the effective-auth view of the open request (its draft: unsaved edits count).
    mutating func openEffectiveAuth() -> [AppEffect] {
        guard let editor, collections.indices.contains(editor.reference.collection), savedRequest(editor.reference) != nil else {
            show("Open a request first", .info)
            return []
        }
        let index = editor.reference.collection
        var request = editor.draftRequest
        request.definition.url = editor.url.text
        let rows = EnvironmentAuthSummary.rows(for: request, in: collections[index], secretSource: secretSource(for: index),
                                               captured: captured[index] ?? [])
        overlay = .effectiveAuth(EffectiveAuthView(requestName: editor.draft.name, rows: rows, current: environmentName))
        return []
    }

    /// Runs an action of the auth editor's key tables.
    mutating func performInAuthEditor(_ action: AppAction, key: Key, _ form: AuthEditorState) -> [AppEffect] {
        var form = form
        defer { if case .authEditor = overlay { overlay = .authEditor(form) } }
        if var line = form.editing {
            switch action {
            case .accept, .stopEditing:
                if case .field(let field) = form.selectedRow { form.values[field] = line.text }
                form.editing = nil
            case .moveDown, .moveUp:
                let count = form.matchingReferences.count
                if count > 0 { form.referenceSelection = (form.referenceSelection + (action == .moveDown ? 1 : -1) + count) % count }
            case .insertReference:
                let choices = form.matchingReferences
                guard form.editingField?.holdsSecret == true, choices.indices.contains(form.referenceSelection) else { return [] }
                line = LineEditor(choices[form.referenceSelection].text)
                line.cursor = line.text.count
                form.editing = line
                form.referenceSelection = 0
            case .save:
                if case .field(let field) = form.selectedRow { form.values[field] = line.text }
                form.editing = nil
                return saveAuth(&form)
            default:
                break
            }
            return []
        }
        switch action {
        case .moveDown: form.selection = min(form.selection + 1, form.rows.count - 1)
        case .moveUp: form.selection = max(0, form.selection - 1)
        case .nextChoice, .previousChoice, .editField:
            let step = action == .previousChoice ? -1 : 1
            switch form.selectedRow {
            case .level: form.cycleLevel(by: step)
            case .kind: form.cycleKind(by: step)
            case .field(let field):
                guard action == .editField else { return [] }
                var line = LineEditor(form.values[field] ?? "")
                line.cursor = line.text.count
                form.editing = line
                form.referenceSelection = 0
            }
        case .save:
            return saveAuth(&form)
        case .showEffectiveAuth:
            overlay = nil
            return openEffectiveAuth()
        case .dismiss:
            overlay = nil
        default:
            break
        }
        return []
    }

    /// Saves the form's auth at its level: the request through its draft and the usual save
    /// (`RequestFileWriter`), the other levels as their `auth:` block alone (`.saveAuth`).
    mutating func saveAuth(_ form: inout AuthEditorState) -> [AppEffect] {
        let auth: AuthConfig
        switch form.auth() {
        case .success(let value): auth = value
        case .failure(let problem):
            form.problem = problem.message
            show("Not saved: \(problem.message)", .error)
            return []
        }
        form.problem = nil
        let level = form.level
        guard auth != level.auth || level.place == .request else {
            show("No changes to save", .info)
            return []
        }
        overlay = nil
        if level.place == .request {
            guard editor?.reference == form.reference else { return [] }
            editor?.draft.auth = auth
            return save()
        }
        let file = CollectionLoader.relativePath(level.file, root: collections[form.reference.collection].rootURL)
        if let problem = problems(blocking: form.reference).first(where: { $0.file == file }) {
            // The level's file did not load cleanly: its auth as loaded may be a fallback.
            show("Not saved: \(problem.description) (fix the file: ! lists the problems)", .error)
            return []
        }
        return [.saveAuth(AuthSaveOrder(collection: form.reference.collection, file: level.file, auth: auth, loaded: level.auth,
                                        levelTitle: level.title))]
    }

    mutating func authSaved(_ order: AuthSaveOrder, _ failure: AppFailure?) -> [AppEffect] {
        if let failure {
            show("Not saved: \(failure.message)", .error)
            return []
        }
        let file = collections.indices.contains(order.collection)
            ? CollectionLoader.relativePath(order.file, root: collections[order.collection].rootURL) : order.file.lastPathComponent
        show("Saved the auth of \(order.levelTitle) in \(file)", .success)
        return [.reloadCollections(select: editor?.reference)]
    }

    mutating func performInEffectiveAuth(_ action: AppAction, _ view: EffectiveAuthView) {
        var view = view
        switch action {
        case .moveDown: view.scroll = min(view.scroll + 1, max(0, view.rows.count - 1))
        case .moveUp: view.scroll = max(0, view.scroll - 1)
        default:
            overlay = nil
            return
        }
        overlay = .effectiveAuth(view)
    }

    /// "sent: bearer from environment staging; request says inherit": which level wins for the
    /// request once the form's auth is set at its level (the level's own auth while the form is
    /// incomplete).
    func authVerdict(_ form: AuthEditorState) -> String {
        guard collections.indices.contains(form.reference.collection), let editor, editor.reference == form.reference else { return "" }
        var collection = collections[form.reference.collection]
        var request = editor.draftRequest
        var environment = environment(for: form.reference.collection)
        let auth = (try? form.auth().get()) ?? form.level.auth
        switch form.level.place {
        case .request: request.definition.auth = auth
        case .folder(let path): Self.setAuth(auth, folder: path, in: &collection.root)
        case .collection: collection.root.defaults.auth = auth
        case .environment: environment?.defaults.auth = auth
        }
        let effective = EffectiveAuth.resolve(request: request, in: collection, environment: environment)
        var text = "sent: \(effective.auth.kind) from \(effective.source)"
        let levelSource: AuthSource = switch form.level.place {
        case .request: .request
        case .folder(let path): .folder(path)
        case .collection: .collection
        case .environment(let name): .environment(name)
        }
        if levelSource != effective.source, auth != .inherit {
            text += "; \(form.level.title) says \(auth.kind), overridden"
        }
        if effective.source != .request, form.level.place != .request || auth == .inherit {
            text += "; request says \(request.definition.auth.kind)"
        }
        return text
    }

    private static func setAuth(_ auth: AuthConfig, folder path: String, in folder: inout RequestFolder) {
        if folder.path == path {
            folder.defaults.auth = auth
            return
        }
        for index in folder.folders.indices where path == folder.folders[index].path || path.hasPrefix(folder.folders[index].path + "/") {
            setAuth(auth, folder: path, in: &folder.folders[index])
        }
    }
}
