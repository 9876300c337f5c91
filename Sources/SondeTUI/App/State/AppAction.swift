/// Everything a user can do, by name: the command palette lists these, the help overlay shows
/// their keys, and key bindings map to them. One list, so the three never disagree.
package enum AppAction: String, Sendable, CaseIterable {
    case send, cancel, save, quit
    case nextPane, previousPane, focusCollections, focusRequest, focusResponse
    case switchEnvironment, help, palette, filterCollections, reloadCollections
    case newRequest, duplicateRequest, renameRequest, deleteRequest
    case revealSecrets, openBodyInEditor, cycleMethod
    case foldAll, unfoldAll, togglePrettyRaw, toggleWrap, searchResponse, jsonPathFilter
    case nextTab, previousTab

    package var title: String {
        switch self {
        case .send: "Send request"
        case .cancel: "Cancel the running request"
        case .save: "Save request to its file"
        case .quit: "Quit"
        case .nextPane: "Next pane"
        case .previousPane: "Previous pane"
        case .focusCollections: "Focus collections"
        case .focusRequest: "Focus request editor"
        case .focusResponse: "Focus response"
        case .switchEnvironment: "Switch environment"
        case .help: "Help: all keys"
        case .palette: "Command palette"
        case .filterCollections: "Filter requests by name or URL"
        case .reloadCollections: "Reload collections from disk"
        case .newRequest: "New request"
        case .duplicateRequest: "Duplicate request"
        case .renameRequest: "Rename request"
        case .deleteRequest: "Delete request"
        case .revealSecrets: "Reveal secrets for 3 seconds"
        case .openBodyInEditor: "Edit body in $EDITOR"
        case .cycleMethod: "Change method"
        case .foldAll: "Fold all JSON nodes"
        case .unfoldAll: "Unfold all JSON nodes"
        case .togglePrettyRaw: "Toggle pretty / raw body"
        case .toggleWrap: "Toggle line wrap"
        case .searchResponse: "Search the response"
        case .jsonPathFilter: "Filter the response with JSONPath"
        case .nextTab: "Next tab"
        case .previousTab: "Previous tab"
        }
    }

    /// The keys shown for the action in help and the palette.
    package var keys: String {
        switch self {
        case .send: "Ctrl-R"
        case .cancel: "Esc"
        case .save: "Ctrl-S"
        case .quit: "Ctrl-Q / q"
        case .nextPane: "Tab"
        case .previousPane: "Shift-Tab"
        case .focusCollections: "Alt-1"
        case .focusRequest: "Alt-2"
        case .focusResponse: "Alt-3"
        case .switchEnvironment: "Ctrl-O / e"
        case .help: "?"
        case .palette: "Ctrl-P"
        case .filterCollections: "/"
        case .reloadCollections: "Ctrl-L"
        case .newRequest: "n"
        case .duplicateRequest: "y"
        case .renameRequest: "r"
        case .deleteRequest: "d"
        case .revealSecrets: "Ctrl-T"
        case .openBodyInEditor: "Ctrl-E"
        case .cycleMethod: "m"
        case .foldAll: "zc"
        case .unfoldAll: "zo"
        case .togglePrettyRaw: "p"
        case .toggleWrap: "w"
        case .searchResponse: "/ then n, N"
        case .jsonPathFilter: "$"
        case .nextTab: "] or 1-5"
        case .previousTab: "["
        }
    }
}
