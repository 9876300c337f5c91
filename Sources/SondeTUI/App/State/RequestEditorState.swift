import SondeCore

/// The tabs of the request editor.
package enum RequestTab: Int, Sendable, CaseIterable {
    case params, headers, body, auth, options

    package var title: String {
        switch self {
        case .params: "Params"
        case .headers: "Headers"
        case .body: "Body"
        case .auth: "Auth"
        case .options: "Options"
        }
    }
}

/// Which part of the request editor has the keyboard.
package enum RequestEditorFocus: Sendable, Equatable {
    case method, url, tabs, content
}

/// A request open in the editor: the file as saved and the draft being edited. Drafts live per
/// request in `AppState.drafts`, so moving to another request never loses an edit.
package struct RequestEditorState: Sendable, Equatable {
    package var reference: RequestReference
    package var saved: SavedRequest
    package var draft: RequestDefinition
    package var tab: RequestTab = .params
    package var focus: RequestEditorFocus = .url {
        didSet { if focus != oldValue { isEditing = false } }
    }
    /// Whether keys type into the URL or the body. Only an explicit key (Enter, `e`, `i`) starts
    /// editing; moving focus ends it, so no key pressed to move around ever changes the text.
    package var isEditing = false
    package var url: LineEditor
    package var params: KeyValueTable
    package var headers: KeyValueTable
    package var body: TextArea
    /// Body kinds other than JSON and text are shown read-only, with a hint to edit the file.
    package var bodyIsEditable: Bool

    package init(reference: RequestReference, saved: SavedRequest) {
        self.reference = reference
        self.saved = saved
        draft = saved.definition
        url = LineEditor(saved.definition.url)
        params = KeyValueTable(rows: saved.definition.params)
        headers = KeyValueTable(rows: saved.definition.headers)
        switch saved.definition.body {
        case .json(let text), .text(let text, _):
            body = TextArea(text)
            bodyIsEditable = true
        case .none:
            body = TextArea("")
            bodyIsEditable = true
        default:
            body = TextArea("")
            bodyIsEditable = false
        }
    }

    /// The request with the draft as its definition: what sending it now would send.
    package var draftRequest: SavedRequest {
        var request = saved
        request.definition = draft
        return request
    }

    /// Whether the draft differs from the file.
    package var isDirty: Bool { draft != saved.definition }

    /// Copies the widgets' contents into the draft after an edit.
    package mutating func syncDraft() {
        draft.url = url.text
        draft.params = params.rows
        draft.headers = headers.rows
        guard bodyIsEditable else { return }
        let text = body.text
        switch draft.body {
        case .json:
            draft.body = .json(text)
        case .text(_, let contentType):
            draft.body = .text(text, contentType: contentType)
        case .none:
            // Typing into an empty body makes it JSON when it looks like JSON, text otherwise.
            if !text.isEmpty {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                draft.body = trimmed.hasPrefix("{") || trimmed.hasPrefix("[") ? .json(text) : .text(text, contentType: "text/plain")
            }
        default:
            break
        }
        if text.isEmpty, saved.definition.body == .none { draft.body = .none }
    }

    /// Sets the method and keeps the draft in step.
    package mutating func cycleMethod(by step: Int) {
        let all = HTTPMethod.allCases
        let index = all.firstIndex(of: draft.method) ?? 0
        draft.method = all[(index + step + all.count) % all.count]
    }

    /// Marks the current draft as saved (after `Ctrl-S` wrote it).
    package mutating func markSaved(_ request: SavedRequest) {
        saved = request
        draft = request.definition
    }
}
