/// Everything a user can do, by name. Key tables (`KeyMap`) bind keys to these; the command
/// palette lists the commands among them; help and the README print each binding with its title.
/// One list, so the keys that work and the keys that are documented never disagree.
package enum AppAction: String, Sendable, CaseIterable {
    case send, cancel, save, quit
    case nextPane, previousPane, focusCollections, focusRequest, focusResponse
    case switchEnvironment, help, palette, filterCollections, reloadCollections
    case newRequest, duplicateRequest, renameRequest, deleteRequest
    case revealSecrets, openBodyInEditor, cycleMethod, listProblems
    case foldAll, unfoldAll, togglePrettyRaw, toggleWrap, searchResponse, jsonPathFilter
    case nextTab, previousTab
    case nextPage, allPages, inspectJWT, copyAsCurl, saveAsCurl, importRequests
    // Moving in lists, trees, tables and text.
    case moveDown, moveUp, halfPageDown, halfPageUp, pageDown, pageUp, top, bottom
    // The collections tree.
    case expandRow, collapseRow, openRow, openAndSend, clearFilter, acceptFilter
    // The request editor.
    case previousMethod, focusMethod, focusURL, focusTabs, focusTabContent, pickTab, editField, stopEditing, askAndSend
    case editRow, addRow, addRowAbove, deleteRow, toggleRow, moveRowDown, moveRowUp
    case cycleBodyKind, previousBodyKind, formatBody, cycleOption, clearOption
    // The response viewer.
    case toggleFold, nextMatch, previousMatch, clearResponseFilter, openHistoryEntry
    // Dialogs.
    case accept, dismiss, pickByNumber
    // Auth.
    case editAuth, showEffectiveAuth, nextChoice, previousChoice, insertReference
    // The environments view.
    case manageEnvironments, useEnvironment, newEnvironment, duplicateEnvironment, renameEnvironment, deleteEnvironment
    case editVariables, focusEnvironmentList, toggleMatrix, setSecretValue, revealValue, saveEnvironment
    // The OAuth2 token panel.
    case showTokens, fetchToken, clearToken
    // The OAuth2 login dialog.
    case copyLoginURL
    // Running a folder as a flow.
    case runFolder, showRunResults

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
        case .listProblems: "List the problems in collection files"
        case .editField: "Edit the field"
        case .stopEditing: "Stop editing (the text stays)"
        case .askAndSend: "Send (POST, PUT, PATCH, DELETE ask first)"
        case .foldAll: "Fold all JSON nodes"
        case .unfoldAll: "Unfold all JSON nodes"
        case .togglePrettyRaw: "Toggle pretty / raw body"
        case .toggleWrap: "Toggle line wrap"
        case .searchResponse: "Search the response"
        case .jsonPathFilter: "Filter the response with JSONPath"
        case .nextTab: "Next tab"
        case .previousTab: "Previous tab"
        case .nextPage: "Fetch the next page"
        case .allPages: "Fetch all pages"
        case .inspectJWT: "Decode a JWT in the response (not verified)"
        case .copyAsCurl: "Copy the request as a curl command"
        case .saveAsCurl: "Save the request as a curl script…"
        case .importRequests: "Import… curl, Postman, .http, OpenAPI, Insomnia, Bruno"
        case .moveDown: "Move down"
        case .moveUp: "Move up"
        case .halfPageDown: "Half a page down"
        case .halfPageUp: "Half a page up"
        case .pageDown: "Page down"
        case .pageUp: "Page up"
        case .top: "Top"
        case .bottom: "Bottom"
        case .expandRow: "Unfold"
        case .collapseRow: "Fold, or go to the parent"
        case .openRow: "Open"
        case .openAndSend: "Open and send"
        case .clearFilter: "Clear the filter"
        case .acceptFilter: "Done filtering"
        case .previousMethod: "Previous method"
        case .focusMethod: "Go to the method"
        case .focusURL: "Go to the URL"
        case .focusTabs: "Go to the tabs"
        case .focusTabContent: "Go into the tab"
        case .pickTab: "Pick a tab by number"
        case .editRow: "Edit the row"
        case .addRow: "Add a row below"
        case .addRowAbove: "Add a row above"
        case .deleteRow: "Delete the row"
        case .toggleRow: "Switch the row on or off"
        case .moveRowDown: "Move the row down"
        case .moveRowUp: "Move the row up"
        case .cycleBodyKind: "Next body kind (JSON, text, form, multipart, file)"
        case .previousBodyKind: "Previous body kind"
        case .formatBody: "Format (pretty-print) the JSON body"
        case .cycleOption: "Next value of the option (true/false, a choice)"
        case .clearOption: "Clear the option: inherit it"
        case .toggleFold: "Fold or unfold the node"
        case .nextMatch: "Next match"
        case .previousMatch: "Previous match"
        case .clearResponseFilter: "Clear the JSONPath filter"
        case .openHistoryEntry: "Show this past response again"
        case .accept: "Choose, confirm"
        case .dismiss: "Close, cancel"
        case .pickByNumber: "Pick by number"
        case .editAuth: "Edit auth, at any level"
        case .showEffectiveAuth: "Effective auth per environment"
        case .nextChoice: "Next choice"
        case .previousChoice: "Previous choice"
        case .insertReference: "Insert the highlighted secret reference"
        case .manageEnvironments: "Manage environments…"
        case .useEnvironment: "Use the environment"
        case .newEnvironment: "New environment"
        case .duplicateEnvironment: "Duplicate the environment"
        case .renameEnvironment: "Rename the environment (its file too)"
        case .deleteEnvironment: "Delete the environment (asks first)"
        case .editVariables: "Edit its variables"
        case .focusEnvironmentList: "Back to the environment list"
        case .toggleMatrix: "Matrix: variables × environments"
        case .setSecretValue: "Set the secret's value (saved in .env only)"
        case .revealValue: "Reveal the secret's value (until you move)"
        case .saveEnvironment: "Save the variables to the environment's file"
        case .showTokens: "OAuth2 tokens"
        case .fetchToken: "Fetch the token now"
        case .clearToken: "Clear the token (memory and disk)"
        case .copyLoginURL: "Copy the URL to open (OSC 52 clipboard)"
        case .runFolder: "Run the folder as a flow (expect:, captures:)"
        case .showRunResults: "Results of the last run"
        }
    }

    /// Whether the command palette lists the action: the ones that make sense from anywhere,
    /// not moves or row edits that only mean something where the cursor is.
    package var isCommand: Bool {
        switch self {
        case .send, .cancel, .save, .quit, .nextPane, .previousPane, .focusCollections, .focusRequest, .focusResponse,
             .switchEnvironment, .help, .palette, .filterCollections, .reloadCollections,
             .newRequest, .duplicateRequest, .renameRequest, .deleteRequest, .revealSecrets, .openBodyInEditor, .cycleMethod, .listProblems,
             .foldAll, .unfoldAll, .togglePrettyRaw, .toggleWrap, .searchResponse, .jsonPathFilter, .nextTab, .previousTab,
             .nextPage, .allPages, .inspectJWT, .copyAsCurl, .saveAsCurl, .importRequests, .editAuth, .showEffectiveAuth, .manageEnvironments, .formatBody,
             .showTokens, .runFolder, .showRunResults:
            true
        default:
            false
        }
    }

    /// The actions the command palette offers, in declaration order.
    package static let commands = allCases.filter(\.isCommand)
}
