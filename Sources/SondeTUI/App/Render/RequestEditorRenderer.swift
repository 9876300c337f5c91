import SondeCore

/// The request editor: method and URL on top, then the Params | Headers | Body | Auth | Options tabs.
enum RequestEditorRenderer {
    /// Columns taken by the method selector before the URL field.
    static let methodColumnWidth = 9

    static func render(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let focused = state.focus == .request
        guard var editor = state.editor else {
            AppRenderer.drawPaneFrame("Request", in: rect, focused: focused, theme: theme, into: &grid)
            let inner = rect.inset(dx: 1, dy: 1)
            grid.write(DisplayWidth.truncate("Select a request on the left (↑↓, Enter sends)", to: inner.width),
                       x: inner.x, y: inner.y, style: theme.muted)
            return
        }
        let tlsOff = state.tlsVerificationOff(editor.reference)
        let title = editor.draft.name + (editor.isDirty ? " ●" : "") + (tlsOff ? " \(AppState.tlsOffBadge) TLS not verified" : "")
        AppRenderer.drawPaneFrame(title, in: rect, focused: focused, theme: theme, into: &grid)
        let inner = rect.inset(dx: 1, dy: 1)
        guard inner.height >= 1 else { return }

        // Method selector and URL.
        let methodFocused = focused && editor.focus == .method
        let methodText = "\(editor.draft.method.rawValue) ▾"
        var methodStyle = theme.method(editor.draft.method)
        if methodFocused { methodStyle = methodStyle.reversed }
        let methodWidth = min(methodColumnWidth, inner.width)
        grid.write(DisplayWidth.pad(methodText, to: methodWidth - 1), x: inner.x, y: inner.y, style: methodStyle, limit: methodWidth - 1)
        let urlRect = Rect(x: inner.x + methodWidth, y: inner.y, width: inner.width - methodWidth, height: 1)
        // A cursor only while editing; focused but not editing, the URL is highlighted like a selected field.
        editor.url.render(into: &grid, in: urlRect, style: theme.text.underlined, focused: focused && editor.focus == .url && editor.isEditing)
        if focused, editor.focus == .url, !editor.isEditing { grid.restyle(urlRect) { $0.reversed } }

        guard inner.height >= 2 else { return }
        renderTabs(editor, focused: focused, in: inner.row(1), theme: theme, into: &grid)
        let content = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        guard !content.isEmpty else { return }
        let contentFocused = focused && editor.focus == .content
        switch editor.tab {
        case .params:
            let table = editor.params
            table.render(into: &grid, in: content, theme: theme, focused: contentFocused, isSecret: { _ in false })
        case .headers:
            let table = editor.headers
            table.render(into: &grid, in: content, theme: theme, focused: contentFocused, isSecret: { _ in false })
        case .body where !editor.bodyIsEditable:
            BodyTabRenderer.render(state, editor, in: content, focused: contentFocused, into: &grid)
        case .body:
            renderBody(&editor, focused: contentFocused && editor.isEditing, in: content, theme: theme, into: &grid)
        case .auth:
            AuthTabRenderer.render(state, in: content, into: &grid)
        case .options:
            OptionsTabRenderer.render(state, editor, in: content, focused: contentFocused, into: &grid)
        }
    }

    /// The tab titles with their counts, as laid out on the tab row.
    static func tabTitles(_ editor: RequestEditorState) -> [(RequestTab, String)] {
        RequestTab.allCases.map { tab in
            switch tab {
            case .params: (tab, editor.draft.params.isEmpty ? tab.title : "\(tab.title) \(editor.draft.params.count)")
            case .headers: (tab, editor.draft.headers.isEmpty ? tab.title : "\(tab.title) \(editor.draft.headers.count)")
            case .body: (tab, editor.bodyKind == .none ? tab.title : "\(tab.title) \(editor.bodyKind.title)")
            case .auth: (tab, "\(tab.title) \(editor.draft.auth.kind)")
            case .options:
                (tab, editor.draft.options.isEmpty ? tab.title : "\(tab.title) \(OptionField.allCases.filter { $0.value(in: editor.draft.options) != nil }.count)")
            }
        }
    }

    /// The tab under a column of the tab row (for mouse clicks).
    static func tab(atColumn x: Int, editor: RequestEditorState) -> RequestTab? {
        var column = 0
        for (tab, title) in tabTitles(editor) {
            let width = DisplayWidth.of(title) + 2
            if x >= column && x < column + width { return tab }
            column += width + 1
        }
        return nil
    }

    static func renderTabs(_ editor: RequestEditorState, focused: Bool, in row: Rect, theme: Theme, into grid: inout ScreenGrid) {
        var x = row.x
        for (tab, title) in tabTitles(editor) {
            var style = tab == editor.tab ? theme.tabActive : theme.tabInactive
            if focused && editor.focus == .tabs && tab == editor.tab { style = style.reversed }
            x += grid.write(" \(title) ", x: x, y: row.y, style: style, limit: row.maxX - x)
            x += grid.write(" ", x: x, y: row.y, limit: row.maxX - x)
            if x >= row.maxX { break }
        }
    }

    private static func renderBody(_ editor: inout RequestEditorState, focused: Bool, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        if editor.body.text.isEmpty && !focused {
            grid.write(DisplayWidth.truncate("No body. Focus here and type, or Ctrl-E for $EDITOR.", to: rect.width),
                       x: rect.x, y: rect.y, style: theme.muted)
            return
        }
        let colouring: ((String) -> [JSONLineColouring.Run])? = editor.bodyKind == .json ? { JSONLineColouring.runs(in: $0, theme: theme) } : nil
        editor.body.render(into: &grid, in: rect, style: theme.text, gutterStyle: theme.muted, focused: focused, colouring: colouring)
    }
}
