import SondeCore

/// A dialog drawn over the panes; while one is open it gets every key.
public enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case palette(query: LineEditor, selection: Int)
    case environments(selection: Int)
    case confirm(ConfirmDialog)
    case prompt(PromptDialog)
}

/// A yes/no question before something that loses work.
public struct ConfirmDialog: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case deleteRequest(RequestReference)
        case quitDiscardingChanges
    }

    public var title: String
    public var message: String
    public var action: Action
}

/// A one-line text question: the name of a new, duplicated or renamed request.
public struct PromptDialog: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case newRequest(collection: Int, folderPath: String)
        case duplicate(RequestReference)
        case rename(RequestReference)
    }

    public var title: String
    public var editor: LineEditor
    public var purpose: Purpose
}
