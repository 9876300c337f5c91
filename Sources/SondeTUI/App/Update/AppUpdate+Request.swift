import SondeCore

extension AppState {
    /// Rows below the method/URL line and the tab row, inside the border.
    var requestContentHeight: Int { max(1, (layout.request?.height ?? size.height) - 4) }

    mutating func handleRequestKey(_ key: Key) -> [AppEffect] {
        guard var editor else { return [] }
        defer { self.editor = editor }
        switch editor.focus {
        case .method:
            switch key {
            case .enter, .character(" "), .character("m"), .character("+"), .up, .character("k"):
                editor.cycleMethod(by: 1)
            case .character("-"), .character("M"):
                editor.cycleMethod(by: -1)
            case .right, .character("l"):
                editor.focus = .url
            case .down, .character("j"):
                editor.focus = .tabs
            default:
                return tabShortcut(key, editor: &editor)
            }
        case .url:
            switch key {
            case .enter:
                self.editor = editor
                return perform(.send)
            case .down:
                editor.focus = .tabs
            case .escape:
                editor.focus = .tabs
            case .left where editor.url.cursor == 0:
                editor.focus = .method
            default:
                if editor.url.handle(key) == .edited { editor.syncDraft() }
            }
        case .tabs:
            switch key {
            case .left, .character("h"), .character("["):
                editor.tab = editor.tab.advanced(by: -1)
            case .right, .character("l"), .character("]"):
                editor.tab = editor.tab.advanced(by: 1)
            case .up, .character("k"):
                editor.focus = .url
            case .down, .character("j"), .enter:
                editor.focus = .content
            case .character("m"):
                editor.cycleMethod(by: 1)
            default:
                return tabShortcut(key, editor: &editor)
            }
        case .content:
            return handleRequestContentKey(key, editor: &editor)
        }
        return []
    }

    /// Digits pick a tab.
    private mutating func tabShortcut(_ key: Key, editor: inout RequestEditorState) -> [AppEffect] {
        if let tab = RequestTab(digitKey: key) { editor.tab = tab }
        return []
    }

    private mutating func handleRequestContentKey(_ key: Key, editor: inout RequestEditorState) -> [AppEffect] {
        switch editor.tab {
        case .params, .headers:
            var table = editor.tab == .params ? editor.params : editor.headers
            table.layout(height: max(1, requestContentHeight - 1))  // below the table's header row
            let wasEditing = table.editing != nil
            if !wasEditing {
                if key == .escape || ((key == .up || key == .character("k")) && table.selection == 0) {
                    editor.focus = .tabs
                    return []
                }
                if let tab = RequestTab(digitKey: key) {
                    editor.tab = tab
                    return []
                }
                if key == .character("[") || key == .character("]") {
                    editor.tab = editor.tab.advanced(by: key == .character("]") ? 1 : -1)
                    return []
                }
            }
            let outcome = table.handle(key)
            if editor.tab == .params { editor.params = table } else { editor.headers = table }
            if outcome == .edited { editor.syncDraft() }
        case .body:
            if key == .control("e") {
                self.editor = editor
                let effects = perform(.openBodyInEditor)
                if let updated = self.editor { editor = updated }
                return effects
            }
            guard editor.bodyIsEditable else {
                if key == .escape || key == .up || key == .character("k") { editor.focus = .tabs }
                return []
            }
            if key == .escape || (key == .up && editor.body.cursorLine == 0) {
                editor.focus = .tabs
                return []
            }
            editor.body.layout(height: requestContentHeight)
            if editor.body.handle(key) == .edited { editor.syncDraft() }
        case .auth, .options:
            switch key {
            case .escape, .up, .character("k"): editor.focus = .tabs
            case .character("["), .left, .character("h"):
                editor.tab = editor.tab.advanced(by: -1)
            case .character("]"), .right, .character("l"):
                editor.tab = editor.tab.advanced(by: 1)
            default:
                return tabShortcut(key, editor: &editor)
            }
        }
        return []
    }
}
