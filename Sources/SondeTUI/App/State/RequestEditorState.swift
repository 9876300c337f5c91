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
    /// The body kind being edited. Each kind keeps its own widget below, so switching kinds and
    /// back finds what was typed; only the chosen kind goes into the draft.
    package var bodyKind: BodyKind
    /// Set once the kind was picked with the kind key: from then on, text typed into a body of
    /// no kind does not make it JSON or text by itself.
    package var bodyKindChosen = false
    /// The content type of a text body.
    package var textContentType: String
    /// A form body's fields, and a multipart body's parts as `MultipartRowText` rows.
    package var form: KeyValueTable
    package var multipart: KeyValueTable
    /// A file body's path (relative to the request file) and content type.
    package var filePath: LineEditor
    package var fileContentType: String?
    /// The Options tab's cursor and the value being typed there.
    package var options = OptionsEditor()
    /// The paths last sent to be checked on disk, and what was wrong with them (`PathCheck`).
    package var checkedPaths: [PathToCheck] = []
    package var pathProblems: [PathToCheck: String] = [:]

    /// The name/value table the content of the open tab is, if it is one: params, headers, or a
    /// form or multipart body.
    package var activeTable: KeyValueTable? {
        get {
            switch tab {
            case .params: params
            case .headers: headers
            case .body where bodyKind == .form: form
            case .body where bodyKind == .multipart: multipart
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch tab {
            case .params: params = newValue
            case .headers: headers = newValue
            case .body where bodyKind == .form: form = newValue
            case .body where bodyKind == .multipart: multipart = newValue
            default: break
            }
        }
    }

    /// Whether the body is edited as text (the text area): JSON, text, or none yet.
    package var bodyIsEditable: Bool { bodyKind.isText }

    package init(reference: RequestReference, saved: SavedRequest) {
        self.reference = reference
        self.saved = saved
        draft = saved.definition
        url = LineEditor(saved.definition.url)
        params = KeyValueTable(rows: saved.definition.params)
        headers = KeyValueTable(rows: saved.definition.headers)
        body = TextArea("")
        textContentType = "text/plain"
        form = KeyValueTable(rows: [])
        multipart = KeyValueTable(rows: [])
        filePath = LineEditor()
        switch saved.definition.body {
        case .none:
            bodyKind = .none
        case .json(let text):
            bodyKind = .json
            body = TextArea(text)
        case .text(let text, let contentType):
            bodyKind = .text
            body = TextArea(text)
            textContentType = contentType
        case .form(let rows):
            bodyKind = .form
            form = KeyValueTable(rows: rows)
        case .multipart(let fields):
            bodyKind = .multipart
            multipart = KeyValueTable(rows: fields.map(MultipartRowText.row))
        case .file(let path, let contentType):
            bodyKind = .file
            filePath = LineEditor(path)
            fileContentType = contentType
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
        let text = body.text
        if bodyKind == .none, !bodyKindChosen, !text.isEmpty {
            // Typing into an empty body makes it JSON when it looks like JSON, text otherwise.
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            bodyKind = trimmed.hasPrefix("{") || trimmed.hasPrefix("[") ? .json : .text
        }
        switch bodyKind {
        case .none: draft.body = .none
        case .json: draft.body = .json(text)
        case .text: draft.body = .text(text, contentType: textContentType)
        case .form: draft.body = .form(form.rows)
        case .multipart: draft.body = .multipart(multipart.rows.map(MultipartRowText.field))
        case .file: draft.body = .file(path: filePath.text, contentType: fileContentType)
        }
        if text.isEmpty, bodyKind.isText, saved.definition.body == .none { draft.body = .none }
    }

    /// Switches the body to the next kind (`step` -1: the previous), keeping every kind's content.
    package mutating func cycleBodyKind(by step: Int) {
        bodyKind = bodyKind.advanced(by: step)
        bodyKindChosen = true
        isEditing = false
        syncDraft()
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

/// The kinds of body the Body tab edits, in the order its kind key cycles them.
package enum BodyKind: Int, Sendable, CaseIterable {
    case none, json, text, form, multipart, file

    package var title: String {
        switch self {
        case .none: "none"
        case .json: "json"
        case .text: "text"
        case .form: "form"
        case .multipart: "multipart"
        case .file: "file"
        }
    }

    /// Edited in the text area.
    package var isText: Bool { self == .none || self == .json || self == .text }

    package func advanced(by step: Int) -> BodyKind {
        let all = Self.allCases
        return all[((rawValue + step) % all.count + all.count) % all.count]
    }
}
