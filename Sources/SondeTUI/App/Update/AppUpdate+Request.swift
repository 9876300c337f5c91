import SondeCore

extension AppState {
    /// Rows below the method/URL line and the tab row, inside the border.
    var requestContentHeight: Int { max(1, (layout.request?.height ?? size.height) - 4) }

    /// Runs an action bound in the request editor (method, URL, tabs, a table, the body, Auth and
    /// Options); nil when it does not apply, so the text field gets the key.
    mutating func performInRequest(_ action: AppAction, key: Key) -> [AppEffect]? {
        guard var editor else { return nil }
        switch action {
        case .cycleMethod, .previousMethod:
            editor.cycleMethod(by: action == .cycleMethod ? 1 : -1)
        case .focusMethod:
            guard !editor.isEditing || editor.url.cursor == 0 else { return nil }
            editor.focus = .method
        case .focusURL:
            editor.focus = .url
        case .focusTabs:
            editor.focus = .tabs
        case .focusTabContent:
            editor.focus = .content
        case .editField:
            let bodyField = editor.tab == .body && (editor.bodyIsEditable || editor.bodyKind == .file)
            guard editor.focus == .url || (editor.focus == .content && bodyField) else { return nil }
            editor.isEditing = true
        case .stopEditing:
            editor.isEditing = false
        case .askAndSend:
            self.editor = editor
            return sendAskingFirst()
        case .pickTab:
            guard let tab = RequestTab(digitKey: key) else { return nil }
            editor.tab = tab
        case .nextTab, .previousTab:
            editor.tab = editor.tab.advanced(by: action == .nextTab ? 1 : -1)
        case .moveUp where editor.tab == .body && editor.activeTable == nil:
            // In the body text ↑ moves the cursor; from the first line (or a file body) it leaves.
            guard !editor.bodyIsEditable || editor.body.cursorLine == 0 else { return nil }
            editor.focus = .tabs
        case .moveUp where editor.activeTable?.selection == 0:
            editor.focus = .tabs
        default:
            guard let command = KeyValueTable.Command(action), var table = editor.activeTable else {
                return perform(action)
            }
            table.layout(height: max(1, requestContentHeight - (editor.tab == .body ? 2 : 1)))  // below the table's header row
            let outcome = table.perform(command)
            editor.activeTable = table
            if outcome == .edited { editor.syncDraft() }
        }
        self.editor = editor
        return []
    }
}

extension KeyValueTable.Command {
    /// The table command a key-map action stands for, or nil for actions that are not about rows.
    package init?(_ action: AppAction) {
        switch action {
        case .moveUp: self = .up
        case .moveDown: self = .down
        case .pageUp: self = .pageUp
        case .pageDown: self = .pageDown
        case .top: self = .first
        case .bottom: self = .last
        case .editRow: self = .edit
        case .addRow: self = .addBelow
        case .addRowAbove: self = .addAbove
        case .deleteRow: self = .delete
        case .toggleRow: self = .toggle
        case .moveRowDown: self = .moveRowDown
        case .moveRowUp: self = .moveRowUp
        default: return nil
        }
    }
}
