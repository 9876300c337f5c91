import SondeCore

/// A dialog drawn over the panes; while one is open it gets every key.
package enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case palette(query: LineEditor, selection: Int)
    case environments(selection: Int)
    case confirm(ConfirmDialog)
    case prompt(PromptDialog)
    case problems(ProblemList)
    case jwt(JWTInspector)
    /// What `sonde import --dry-run` says it would write, before `y` writes it.
    case importPreview(ImportPreview)
    /// The auth editor of the open request and the levels above it.
    case authEditor(AuthEditorState)
    /// What the open request sends as auth in each environment, masked.
    case effectiveAuth(EffectiveAuthView)
    /// The environments view: manage environments and edit their variables.
    case environmentView(EnvironmentViewState)
    /// The OAuth2 token panel: every client's token per environment.
    case tokenPanel(TokenPanel)
    /// An interactive OAuth2 login (browser or device code) that a send or token fetch waits on.
    case login(LoginDialog)
    /// The results of the folder run (`AppState.flowRun`), while it runs and after.
    case runResults
}

/// The load problems of the collections (or of one request), each with its file and line.
package struct ProblemList: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var collection: Int
        package var problem: LoadProblem
    }

    package var title: String
    package var entries: [Entry]
    package var selection = 0
}

/// A yes/no question before something that loses work.
package struct ConfirmDialog: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        case deleteRequest(RequestReference)
        case quitDiscardingChanges
        /// Enter on a request whose method may change data (POST, PUT, PATCH, DELETE).
        case send(RequestReference)
        /// A request's file changed on disk under an unsaved draft: load the file (dropping the draft) or keep the draft.
        case reloadChangedFile(RequestReference)
        /// A request whose secrets come from `{{cmd:}}` in a collection not yet trusted: trust
        /// it (as `sonde trust` does), then send.
        case trustCommandsAndSend(RequestReference)
        /// `R` on a folder holding requests whose method may change data: run it all the same.
        case runFolder
    }

    package var title: String
    package var message: String
    package var action: Action
    /// The answers, shown at the bottom: only `y` says yes, so a stray Enter never does.
    package var choices = "y yes · n/Esc no"
}

/// A one-line text question: the name of a new, duplicated or renamed request.
package struct PromptDialog: Sendable, Equatable {
    package enum Purpose: Sendable, Equatable {
        case newRequest(collection: Int, folderPath: String)
        case duplicate(RequestReference)
        case rename(RequestReference)
        /// The file or folder to import into the collection (`sonde import --into`).
        case importSource(collection: Int)
        /// The file to write the request's curl command to.
        case curlScript(RequestReference)
    }

    package var title: String
    package var editor: LineEditor
    package var purpose: Purpose
}
