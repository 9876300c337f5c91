/// Where a key is pressed: a pane, a part of one, or an overlay. Each has its own key table,
/// so `e` can pick the environment in the collections and edit a row in a table, and help
/// says which is which.
package enum KeyContext: String, Sendable, CaseIterable {
    /// Keys that work everywhere, even inside a text field.
    case global
    /// Keys that work wherever printable keys are not text (`?`, `q`).
    case outsideText
    case collections, collectionsFilter
    case requestMethod, requestURL, requestURLEditing, requestTabs, requestTable, requestBody, requestBodyEditing, requestFields
    /// The body's kind keys (any kind), the Options tab, and an option or a file body's path being typed.
    case requestBodyKind, requestOptions, requestFieldEditing
    /// Keys of every response tab; the tab's own table is asked first.
    case response
    case responseBody, responseSearch, responseHeaders, responseHistory
    case help, palette, environments, confirm, prompt, problems, jwt, importPreview
    /// The request's Auth tab, the auth editor (moving between rows, typing into a field) and
    /// the effective-auth-per-environment view.
    case requestAuth, authEditor, authEditorField, effectiveAuth
    /// The environments view: its list of environments, and the variables table.
    case environmentList, environmentVariables
    /// The OAuth2 token panel, and the dialog of a login in progress.
    case tokenPanel, login
    /// The results of a folder run as a flow.
    case runResults

    /// The heading in help and the "Where" column of the README.
    package var title: String {
        switch self {
        case .global: "Everywhere but in dialogs"
        case .outsideText: "Outside text fields"
        case .collections: "Collections"
        case .collectionsFilter: "Collections filter"
        case .requestMethod: "Request method"
        case .requestURL: "Request URL"
        case .requestURLEditing: "Editing the URL"
        case .requestTabs: "Request tabs"
        case .requestTable: "Params, headers, form, multipart"
        case .requestBody: "Request body"
        case .requestBodyEditing: "Editing the body"
        case .requestFields: "Auth"
        case .requestBodyKind: "Request body, any kind"
        case .requestOptions: "Options"
        case .requestFieldEditing: "Editing an option or a file path"
        case .response: "Response, any tab"
        case .responseBody: "Response body"
        case .responseSearch: "Response search, filter"
        case .responseHeaders: "Response headers, request"
        case .responseHistory: "Response history"
        case .help: "Help"
        case .palette: "Command palette"
        case .environments: "Environment list"
        case .confirm: "Confirmation"
        case .prompt: "Name prompt"
        case .problems: "Problems list"
        case .jwt: "JWT inspector"
        case .importPreview: "Import preview"
        case .requestAuth: "Auth tab"
        case .authEditor: "Auth editor"
        case .authEditorField: "Auth editor, typing a field"
        case .effectiveAuth: "Effective auth per environment"
        case .environmentList: "Environments view"
        case .environmentVariables: "Environment variables"
        case .tokenPanel: "OAuth2 token panel"
        case .login: "OAuth2 login (browser, device code)"
        case .runResults: "Run results"
        }
    }
}
