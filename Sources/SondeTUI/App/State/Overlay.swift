import SondeCore

/// A dialog drawn over the panes; while one is open it gets every key.
package enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case palette(query: LineEditor, selection: Int)
    case environments(selection: Int)
    case confirm(ConfirmDialog)
    case prompt(PromptDialog)
}

/// A yes/no question before something that loses work.
package struct ConfirmDialog: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        case deleteRequest(RequestReference)
        case quitDiscardingChanges
    }

    package var title: String
    package var message: String
    package var action: Action
}

/// A one-line text question: the name of a new, duplicated or renamed request.
package struct PromptDialog: Sendable, Equatable {
    package enum Purpose: Sendable, Equatable {
        case newRequest(collection: Int, folderPath: String)
        case duplicate(RequestReference)
        case rename(RequestReference)
    }

    package var title: String
    package var editor: LineEditor
    package var purpose: Purpose
}
