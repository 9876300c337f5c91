/// Every key binding of the TUI, one table per `KeyContext`.
///
/// The one place keys are declared: `AppState.handleKey` looks keys up here, and help, the
/// palette's key column, the status-bar hints and the README's key table are printed from here,
/// so none of them can drift from what the keys do. Printable keys in a text field (the URL, a
/// table cell, the body, a filter or prompt) are text, not bindings, and stay with the widgets.
package enum KeyMap {
    /// The bindings of one context, in the order help lists them.
    package static func bindings(in context: KeyContext) -> [KeyBinding] {
        tables[context] ?? []
    }

    /// The first binding in `contexts` that `key` runs, with its context.
    package static func binding(for key: Key, in contexts: [KeyContext]) -> (KeyBinding, KeyContext)? {
        for context in contexts {
            if let binding = bindings(in: context).first(where: { $0.matches(key) }) { return (binding, context) }
        }
        return nil
    }

    private static let tables: [KeyContext: [KeyBinding]] = [
        .global: [
            bind(.control("r"), to: .send),
            bind(.control("s"), to: .save),
            bind(.control("q"), .control("c"), to: .quit),
            bind(.control("p"), to: .palette),
            bind(.control("o"), to: .switchEnvironment),
            bind(.control("t"), to: .revealSecrets),
            bind(.control("l"), to: .reloadCollections),
            bind(.tab, to: .nextPane, "Next pane (not while editing a cell or body)"),
            bind(.backTab, to: .previousPane),
            bind(.alt("1"), to: .focusCollections),
            bind(.alt("2"), to: .focusRequest),
            bind(.alt("3"), to: .focusResponse),
            bind(.escape, to: .cancel, "Cancel the running request or run (while one runs)"),
        ],
        .outsideText: [
            bind(.character("?"), to: .help, hint: "help"),
            bind(.character("q"), to: .quit),
            bind(.character("!"), to: .listProblems),
            bind(.character("Y"), to: .copyAsCurl, "Copy the request as curl (OSC 52 clipboard)"),
            bind(.character("W"), to: .saveAsCurl, "Save the request as a curl script file"),
            bind(.character("E"), to: .manageEnvironments, "Environments: variables, secrets, matrix"),
            bind(.character("Z"), to: .showTokens, "OAuth2 tokens: state, expiry; fetch, clear"),
            bind(.character("V"), to: .showRunResults, "Results of the last run (R in the collections)"),
        ],
        .collections: listMoves + [
            bind(.enter, to: .openAndSend, "Send; POST, PUT, PATCH, DELETE ask (folder: fold)", hint: "send"),
            bind(.character(" "), to: .openRow, "Open the request (a folder: fold, unfold)"),
            bind(.right, .character("l"), to: .expandRow, "Unfold a folder; on a request, edit it"),
            bind(.left, .character("h"), to: .collapseRow),
            bind(.character("/"), to: .filterCollections, hint: "filter"),
            bind(.escape, to: .clearFilter),
            bind(.character("n"), to: .newRequest, hint: "new"),
            bind(.character("y"), to: .duplicateRequest),
            bind(.character("r"), to: .renameRequest),
            bind(.character("d"), .delete, to: .deleteRequest, "Delete request (asks first)"),
            bind(.character("e"), to: .switchEnvironment),
            bind(.character("I"), to: .importRequests, "Import into the collection (previewed)"),
            bind(.character("R"), to: .runFolder, "Run the folder (a request: its folder) as a flow", hint: "run"),
        ],
        .collectionsFilter: [
            bind(.enter, .down, to: .acceptFilter, hint: "done"),
            bind(.escape, to: .clearFilter, hint: "clear"),
        ],
        .requestMethod: [
            bind(.character("m"), .character("+"), .enter, .character(" "), to: .cycleMethod, "Next method", hint: "method"),
            bind(.character("-"), .character("M"), to: .previousMethod),
            bind(.right, .character("l"), to: .focusURL),
            bind(.down, .character("j"), to: .focusTabs),
            KeyBinding([.digits(1...5)], .pickTab, requestTabsTitle),
        ],
        .requestURL: [
            bind(.enter, .character("e"), .character("i"), to: .editField, "Edit the URL", hint: "edit"),
            bind(.escape, .down, .character("j"), to: .focusTabs, hint: "tabs"),
            bind(.left, .character("h"), to: .focusMethod),
        ],
        .requestURLEditing: [
            bind(.enter, to: .askAndSend, hint: "send"),
            bind(.escape, to: .stopEditing, hint: "done"),
            bind(.down, to: .focusTabs),
            bind(.left, to: .focusMethod, "Go to the method (from the URL's start)"),
        ],
        .requestTabs: [
            KeyBinding([.digits(1...5)], .pickTab, requestTabsTitle, hint: "tabs"),
            bind(.character("["), .left, .character("h"), to: .previousTab),
            bind(.character("]"), .right, .character("l"), to: .nextTab),
            bind(.enter, .down, .character("j"), to: .focusTabContent, hint: "open"),
            bind(.up, .character("k"), to: .focusURL),
            bind(.character("m"), to: .cycleMethod, "Next method"),
        ],
        .requestTable: [
            bind(.character("e"), .enter, to: .editRow, "Edit the row (on \"+ add\": add one)", hint: "edit"),
            bind(.character("a"), .character("o"), to: .addRow, hint: "add"),
            bind(.character("O"), to: .addRowAbove),
            bind(.character("d"), .delete, to: .deleteRow, hint: "delete"),
            bind(.character("x"), .character(" "), to: .toggleRow),
            bind(.character("J"), to: .moveRowDown),
            bind(.character("K"), to: .moveRowUp),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp, "Move up (from the first row: the tabs)"),
            bind(.pageDown, to: .pageDown),
            bind(.pageUp, to: .pageUp),
            KeyBinding([.sequence("g", "g"), .key(.home)], .top),
            bind(.end, .character("G"), to: .bottom),
            bind(.escape, to: .focusTabs),
            KeyBinding([.digits(1...5)], .pickTab, requestTabsTitle),
            bind(.character("["), to: .previousTab),
            bind(.character("]"), to: .nextTab),
        ],
        .requestBody: [
            bind(.enter, .character("e"), .character("i"), to: .editField, "Edit the body (JSON, text) or the file path", hint: "edit"),
            bind(.control("e"), to: .openBodyInEditor, hint: "$EDITOR"),
            bind(.character("f"), .control("f"), to: .formatBody, hint: "format"),
            bind(.escape, .up, .character("k"), to: .focusTabs, hint: "tabs"),
        ],
        .requestBodyKind: [
            bind(.character("t"), to: .cycleBodyKind, hint: "kind"),
            bind(.character("T"), to: .previousBodyKind),
        ],
        .requestOptions: [
            bind(.enter, .character("e"), to: .editField, "Type the option's value", hint: "edit"),
            bind(.character(" "), .character("x"), to: .cycleOption, hint: "cycle"),
            bind(.character("d"), .delete, to: .clearOption, hint: "inherit"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp, "Move up (from the first row: the tabs)"),
            bind(.pageDown, to: .pageDown),
            bind(.pageUp, to: .pageUp),
            KeyBinding([.sequence("g", "g"), .key(.home)], .top),
            bind(.end, .character("G"), to: .bottom),
            bind(.escape, to: .focusTabs),
            KeyBinding([.digits(1...5)], .pickTab, requestTabsTitle),
            bind(.character("["), .left, .character("h"), to: .previousTab),
            bind(.character("]"), .right, .character("l"), to: .nextTab),
        ],
        .requestFieldEditing: [
            bind(.enter, to: .accept, "Set the value (checked first)", hint: "set"),
            bind(.escape, to: .dismiss, "Stop (an option drops what was typed)", hint: "cancel"),
        ],
        .requestBodyEditing: [
            bind(.control("e"), to: .openBodyInEditor, hint: "$EDITOR"),
            bind(.control("f"), to: .formatBody),
            bind(.escape, to: .stopEditing, hint: "done"),
            bind(.up, to: .moveUp, "Up (from the first line: to the tabs)"),
        ],
        .requestFields: [
            bind(.escape, .up, .character("k"), to: .focusTabs, hint: "tabs"),
            bind(.character("["), .left, .character("h"), to: .previousTab),
            bind(.character("]"), .right, .character("l"), to: .nextTab),
            KeyBinding([.digits(1...5)], .pickTab, requestTabsTitle),
        ],
        .requestAuth: [
            bind(.enter, .character("e"), to: .editAuth, "Edit the auth of the request or a level above", hint: "edit"),
            bind(.character("v"), to: .showEffectiveAuth, "Effective auth in every environment", hint: "per env"),
        ],
        .authEditor: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.right, .character("l"), to: .nextChoice, "Next level or kind"),
            bind(.left, .character("h"), to: .previousChoice, "Previous level or kind"),
            bind(.enter, .character("e"), to: .editField, "Edit the field (on level, kind: next)", hint: "edit"),
            bind(.control("s"), .character("s"), to: .save, "Save this level's auth to its file", hint: "save"),
            bind(.character("v"), to: .showEffectiveAuth, "Effective auth in every environment"),
            bind(.escape, .character("q"), to: .dismiss, "Close (unsaved edits are dropped)", hint: "close"),
        ],
        .authEditorField: [
            bind(.enter, to: .accept, "Done with the field", hint: "done"),
            bind(.escape, to: .stopEditing, hint: "done"),
            bind(.tab, to: .insertReference, hint: "insert"),
            bind(.down, to: .moveDown, "Next secret reference"),
            bind(.up, to: .moveUp, "Previous secret reference"),
            bind(.control("s"), to: .save, "Save this level's auth to its file", hint: "save"),
        ],
        .effectiveAuth: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.escape, .character("q"), .character("v"), to: .dismiss, "Close", hint: "close"),
        ],
        .tokenPanel: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.character("f"), .enter, to: .fetchToken, "Fetch the token now (browser, device code: log in)", hint: "fetch"),
            bind(.character("c"), .delete, to: .clearToken, "Clear the token from memory and disk", hint: "clear"),
            bind(.character("J"), to: .inspectJWT, "Decode the token when it is a JWT (not verified)", hint: "jwt"),
            bind(.escape, .character("q"), to: .dismiss, "Close", hint: "close"),
        ],
        .login: [
            bind(.escape, .control("c"), to: .cancel, "Cancel the login (once it failed: close)", hint: "cancel"),
            bind(.character("y"), to: .copyLoginURL, hint: "copy URL"),
            bind(.control("q"), to: .quit, "Cancel the login and quit"),
        ],
        .response: [
            KeyBinding([.digits(1...6)], .pickTab, "Body, Headers, Timing, History, Request, Tests", hint: "tabs"),
            bind(.character("]"), to: .nextTab),
            bind(.character("["), to: .previousTab),
            bind(.character("L"), to: .nextPage, "Next page (a request with paginate:)"),
            bind(.character("A"), to: .allPages, "All pages (a request with paginate:)"),
            bind(.character("J"), to: .inspectJWT, "Decode a JWT at the cursor, in a header or the body"),
            KeyBinding([.sequence("z", "c"), .sequence("z", "M")], .foldAll),
            KeyBinding([.sequence("z", "o"), .sequence("z", "R")], .unfoldAll),
            KeyBinding([.sequence("g", "g")], .top),
            bind(.escape, to: .focusRequest, "Back to the request"),
        ],
        .responseBody: [
            bind(.character(" "), .enter, to: .toggleFold, "Fold or unfold a JSON node", hint: "fold"),
            bind(.character("/"), to: .searchResponse, hint: "search"),
            bind(.character("n"), to: .nextMatch),
            bind(.character("N"), to: .previousMatch),
            bind(.character("$"), to: .jsonPathFilter, "JSONPath filter, e.g. $.items[*].id"),
            bind(.escape, to: .clearResponseFilter),
            bind(.character("p"), to: .togglePrettyRaw),
            bind(.character("w"), to: .toggleWrap),
            bind(.right, .character("l"), to: .expandRow, "Unfold a node (unwrapped: scroll right)"),
            bind(.left, .character("h"), to: .collapseRow, "Fold, or to the parent (scroll left)"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.control("d"), to: .halfPageDown),
            bind(.control("u"), to: .halfPageUp),
            bind(.pageDown, to: .pageDown),
            bind(.pageUp, to: .pageUp),
            bind(.home, to: .top),
            bind(.end, .character("G"), to: .bottom),
        ],
        .responseSearch: [
            bind(.enter, to: .accept, "Search, or apply the filter", hint: "apply"),
            bind(.escape, to: .dismiss, "Stop typing", hint: "cancel"),
        ],
        .responseHeaders: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.control("d"), .pageDown, to: .halfPageDown),
            bind(.control("u"), .pageUp, to: .halfPageUp),
            bind(.home, to: .top),
            bind(.end, .character("G"), to: .bottom),
        ],
        .responseHistory: [
            bind(.enter, .character(" "), to: .openHistoryEntry, hint: "show"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.home, to: .top),
            bind(.end, .character("G"), to: .bottom),
        ],
        .help: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.pageDown, .control("d"), to: .pageDown, "Ten lines down"),
            bind(.pageUp, .control("u"), to: .pageUp, "Ten lines up"),
            bind(.escape, to: .dismiss, "Close (so does any other key)", hint: "close"),
        ],
        .palette: [
            bind(.enter, to: .accept, "Run the action", hint: "run"),
            bind(.down, .control("n"), to: .moveDown),
            bind(.up, to: .moveUp),
            bind(.escape, .control("p"), to: .dismiss, "Close", hint: "close"),
        ],
        .environments: [
            bind(.enter, .character(" "), to: .accept, "Use the environment", hint: "use"),
            KeyBinding([.digits(1...9)], .pickByNumber, "Use the environment with that number"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.character("E"), to: .manageEnvironments, "Manage them: variables, secrets, matrix"),
            bind(.escape, .character("q"), to: .dismiss, "Close", hint: "close"),
        ],
        .confirm: [
            bind(.character("y"), .character("Y"), to: .accept, "Yes (Enter is no answer: never a stray yes)", hint: "yes"),
            bind(.character("n"), .character("N"), .escape, .character("q"), to: .dismiss, "No, keep", hint: "no"),
        ],
        .problems: [
            bind(.enter, to: .accept, "Open the file at that line in $EDITOR, then reload", hint: "edit"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.escape, .character("q"), .character("!"), to: .dismiss, "Close", hint: "close"),
        ],
        .importPreview: [
            bind(.character("y"), .character("Y"), to: .accept, "Import: write the files", hint: "import"),
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.escape, .character("n"), .character("q"), to: .dismiss, "Cancel: write nothing", hint: "cancel"),
        ],
        .jwt: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.character(" "), .enter, to: .toggleFold, "Fold or unfold a node", hint: "fold"),
            bind(.character("n"), .tab, to: .nextMatch, "Next token found", hint: "next"),
            bind(.character("N"), .backTab, to: .previousMatch, "Previous token found"),
            bind(.escape, .character("q"), to: .dismiss, "Close", hint: "close"),
        ],
        .prompt: [
            bind(.enter, to: .accept, "Confirm the name", hint: "ok"),
            bind(.escape, to: .dismiss, "Cancel", hint: "cancel"),
        ],
        .runResults: [
            bind(.down, .character("j"), to: .moveDown, "Next request"),
            bind(.up, .character("k"), to: .moveUp, "Previous request"),
            bind(.control("d"), .pageDown, to: .halfPageDown),
            bind(.control("u"), .pageUp, to: .halfPageUp),
            KeyBinding([.sequence("g", "g"), .key(.home)], .top),
            bind(.end, .character("G"), to: .bottom),
            bind(.enter, .character(" "), to: .accept, "Open its exchange in the response viewer", hint: "open"),
            // No hint: "stop" would be wrong once the run has ended; the view's footer says it while it runs.
            bind(.escape, .character("x"), to: .cancel, "Stop the run (once it has ended: close)"),
            bind(.character("q"), .character("V"), to: .dismiss, "Close (a run goes on; V shows it again)", hint: "close"),
        ],
        .environmentList: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.enter, .character(" "), to: .useEnvironment, hint: "use"),
            bind(.tab, .right, .character("l"), to: .editVariables, hint: "vars"),
            bind(.character("n"), to: .newEnvironment, hint: "new"),
            bind(.character("y"), to: .duplicateEnvironment),
            bind(.character("r"), to: .renameEnvironment),
            bind(.character("d"), .delete, to: .deleteEnvironment),
            bind(.character("m"), to: .toggleMatrix, hint: "matrix"),
            bind(.control("s"), to: .saveEnvironment),
            bind(.escape, .character("q"), to: .dismiss, "Close (asks first when variables are unsaved)", hint: "close"),
        ],
        .environmentVariables: [
            bind(.down, .character("j"), to: .moveDown),
            bind(.up, .character("k"), to: .moveUp),
            bind(.character("e"), .enter, to: .editRow, "Edit the row (on \"+ add\": add one)", hint: "edit"),
            bind(.character("a"), .character("o"), to: .addRow, hint: "add"),
            bind(.character("d"), .delete, to: .deleteRow),
            bind(.character("s"), to: .setSecretValue, hint: "secret"),
            bind(.character("v"), to: .revealValue, hint: "reveal"),
            bind(.control("s"), to: .saveEnvironment, hint: "save"),
            bind(.character("m"), to: .toggleMatrix),
            bind(.escape, .tab, .left, .character("h"), to: .focusEnvironmentList),
        ],
    ]

    private static let requestTabsTitle = "Params, Headers, Body, Auth, Options"

    /// Moving in the collections tree.
    private static let listMoves: [KeyBinding] = [
        bind(.down, .character("j"), to: .moveDown),
        bind(.up, .character("k"), to: .moveUp),
        bind(.control("d"), .pageDown, to: .halfPageDown),
        bind(.control("u"), .pageUp, to: .halfPageUp),
        KeyBinding([.sequence("g", "g"), .key(.home)], .top),
        bind(.end, .character("G"), to: .bottom),
    ]

    private static func bind(_ keys: Key..., to action: AppAction, _ title: String? = nil, hint: String? = nil) -> KeyBinding {
        KeyBinding(keys.map(KeyStroke.key), action, title, hint: hint)
    }
}
