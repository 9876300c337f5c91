import SondeCore

/// The Options tab and the body kinds beyond text: option rows set, cycled and cleared; the
/// form and multipart tables; the file body's path; the JSON format key; and the check on disk
/// of every path they name.
extension AppState {
    /// Runs an action of the Options tab, the body kind keys or the field being typed (an option,
    /// a file body's path); nil when it does not apply.
    mutating func performInOptionsOrBody(_ action: AppAction, key: Key) -> [AppEffect]? {
        guard var editor else { return nil }
        defer { self.editor = editor }
        switch action {
        case .cycleBodyKind, .previousBodyKind:
            guard editor.tab == .body else { return nil }
            editor.cycleBodyKind(by: action == .cycleBodyKind ? 1 : -1)
        case .formatBody:
            formatBody(&editor)
        case .accept, .dismiss:
            guard editor.isEditing else { return nil }
            if editor.tab == .options {
                if action == .accept { commitOption(&editor) } else { editor.isEditing = false; editor.options.problem = nil }
            } else {
                editor.isEditing = false
            }
        case .editField:
            guard editor.tab == .options else { return nil }
            let field = editor.options.field
            editor.options.editing = LineEditor(field.value(in: editor.draft.options) ?? "")
            editor.options.problem = nil
            editor.isEditing = true
        case .cycleOption:
            let field = editor.options.field
            let current = field.value(in: editor.draft.options) ?? inheritance(of: editor)?.inherited(field)?.value
            guard let next = field.nextChoice(after: current) else {
                editor.options.problem = "\(field.key) is typed: Enter edits it"
                return []
            }
            field.set(next, in: &editor.draft.options)
            editor.options.problem = nil
        case .clearOption:
            editor.options.field.set(nil, in: &editor.draft.options)
            editor.options.problem = nil
        case .moveUp where editor.options.selection == 0:
            editor.focus = .tabs
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
            let page = max(1, requestContentHeight - 2)
            let steps: [AppAction: Int] = [.moveUp: -1, .moveDown: 1, .pageUp: -page, .pageDown: page, .top: -OptionField.allCases.count, .bottom: OptionField.allCases.count]
            editor.options.move(by: steps[action] ?? 0)
            editor.options.scroll(height: max(1, requestContentHeight - 2))
        default:
            return nil
        }
        return []
    }

    /// A key typed into the option being edited.
    mutating func typeIntoOption(_ key: Key, editor: inout RequestEditorState) {
        guard editor.isEditing, var line = editor.options.editing else { return }
        _ = line.handle(key)
        editor.options.editing = line
        editor.options.problem = nil
    }

    /// Checks the typed value and sets it, or keeps editing with the reason it was refused.
    private func commitOption(_ editor: inout RequestEditorState) {
        let field = editor.options.field
        let text = editor.options.editing?.text ?? ""
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            field.set(nil, in: &editor.draft.options)  // an emptied value inherits again
        } else if let problem = field.problem(with: text) {
            editor.options.problem = problem
            return
        } else {
            field.set(text, in: &editor.draft.options)
        }
        editor.options.problem = nil
        editor.options.editing = nil
        editor.isEditing = false
    }

    /// Pretty-prints a JSON body in place, or says where it is not JSON and leaves it as it was.
    private mutating func formatBody(_ editor: inout RequestEditorState) {
        guard editor.bodyKind == .json else {
            show("Only a JSON body is formatted (this one is \(editor.bodyKind.title))", .warning)
            return
        }
        switch JSONBodyFormatter.prettyPrinted(editor.body.text) {
        case .success(let pretty):
            guard pretty != editor.body.text else { return show("Already formatted", .info) }
            editor.body.text = pretty
            editor.syncDraft()
            show("Formatted the JSON body", .success)
        case .failure(let error):
            show("Not formatted: invalid JSON at \(error.line):\(error.column): \(error.message)", .error)
        }
    }

    /// The levels the open request inherits its options from.
    func inheritance(of editor: RequestEditorState) -> OptionInheritance? {
        guard collections.indices.contains(editor.reference.collection) else { return nil }
        return OptionInheritance(request: editor.saved, collection: collections[editor.reference.collection],
                                 environment: environment(for: editor.reference.collection))
    }

    /// Every path the open request's options and body name, with the folder each starts from:
    /// option paths from the collection's folder, body files from the request file's.
    func pathsToCheck(_ editor: RequestEditorState) -> [PathToCheck] {
        guard collections.indices.contains(editor.reference.collection) else { return [] }
        let root = collections[editor.reference.collection].rootURL
        let folder = editor.saved.fileURL.deletingLastPathComponent()
        var paths: [PathToCheck] = []
        for field in OptionField.allCases {
            guard case .path(let isFolder) = field.kind, let value = field.value(in: editor.draft.options) else { continue }
            paths.append(PathToCheck(value, base: root, folder: isFolder))
        }
        switch editor.draft.body {
        case .multipart(let parts):
            paths += parts.filter(\.isFile).map { PathToCheck($0.value, base: folder) }
        case .file(let path, _) where !path.isEmpty:
            paths.append(PathToCheck(path, base: folder))
        default:
            break
        }
        return paths
    }

    /// Asks for the open request's paths to be looked for when they changed since the last look.
    mutating func pathCheckRequest() -> [AppEffect] {
        // Not while a value is typed: the path is looked for once it is entered, not per key.
        guard let editor, !editor.isEditing, editor.activeTable?.editing == nil else { return [] }
        let paths = pathsToCheck(editor)
        guard paths != editor.checkedPaths else { return [] }
        self.editor?.checkedPaths = paths
        if paths.isEmpty { self.editor?.pathProblems = [:] }
        return paths.isEmpty ? [] : [.checkPaths(editor.reference, paths)]
    }

    mutating func pathsChecked(_ reference: RequestReference, _ problems: [PathToCheck: String]) {
        if editor?.reference == reference { editor?.pathProblems = problems } else { drafts[reference]?.pathProblems = problems }
    }
}
