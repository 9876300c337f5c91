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
        let title = editor.draft.name + (editor.isDirty ? " ●" : "")
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
        case .body:
            renderBody(&editor, focused: contentFocused && editor.isEditing, in: content, theme: theme, into: &grid)
        case .auth:
            AuthTabRenderer.render(state, in: content, into: &grid)
        case .options:
            renderOptions(editor, in: content, theme: theme, into: &grid)
        }
    }

    /// The tab titles with their counts, as laid out on the tab row.
    static func tabTitles(_ editor: RequestEditorState) -> [(RequestTab, String)] {
        RequestTab.allCases.map { tab in
            switch tab {
            case .params: (tab, editor.draft.params.isEmpty ? tab.title : "\(tab.title) \(editor.draft.params.count)")
            case .headers: (tab, editor.draft.headers.isEmpty ? tab.title : "\(tab.title) \(editor.draft.headers.count)")
            case .body: (tab, editor.draft.body == .none ? tab.title : "\(tab.title) \(editor.draft.body.kind)")
            case .auth: (tab, "\(tab.title) \(editor.draft.auth.kind)")
            case .options: (tab, tab.title)
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
        guard editor.bodyIsEditable else {
            let lines = bodySummary(editor.draft.body) + ["", "Edit this body kind in its YAML file."]
            for (i, line) in lines.prefix(rect.height).enumerated() {
                grid.write(DisplayWidth.truncate(TerminalSafeText.make(line), to: rect.width), x: rect.x, y: rect.y + i,
                           style: i == 0 ? theme.title : theme.text)
            }
            return
        }
        if editor.body.text.isEmpty && !focused {
            grid.write(DisplayWidth.truncate("No body. Focus here and type, or Ctrl-E for $EDITOR.", to: rect.width),
                       x: rect.x, y: rect.y, style: theme.muted)
            return
        }
        editor.body.render(into: &grid, in: rect, style: theme.text, gutterStyle: theme.muted, focused: focused)
    }

    static func bodySummary(_ body: RequestBody) -> [String] {
        switch body {
        case .none: ["No body"]
        case .json: ["JSON"]
        case .text(_, let type): ["Text (\(type))"]
        case .form(let rows): ["Form, URL-encoded"] + rows.map { "\($0.enabled ? "" : "# ")\($0.name) = \($0.value)" }
        case .multipart(let fields):
            ["Multipart form"] + fields.map { "\($0.enabled ? "" : "# ")\($0.name) = \($0.isFile ? "@" : "")\($0.value)" }
        case .file(let path, let type): ["File \(path)" + (type.map { " (\($0))" } ?? "")]
        }
    }

    private static func renderOptions(_ editor: RequestEditorState, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        let options = editor.draft.options
        func text(_ value: Double?) -> String { value.map { DecimalText.fixed($0, digits: 1) + " s" } ?? "inherited" }
        func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "inherited" }
        let rows: [(String, String)] = [
            ("connect timeout", text(options.connectTimeout)),
            ("timeout", text(options.timeout)),
            ("follow redirects", flag(options.followRedirects)),
            ("max redirects", options.maxRedirects.map(String.init) ?? "inherited"),
            ("verify TLS", flag(options.verifyTLS)),
            ("User-Agent header", flag(options.sendUserAgent)),
            ("X-Request-ID header", options.requestID.map { $0 == .off ? "no" : $0 == .perAttempt ? "yes, one per attempt" : "yes" } ?? "inherited"),
            // The files, never the key's pass phrase (a secret even when written literally).
            ("client certificate", options.tls.clientCert.map { path in
                path + (options.tls.clientCertType.map { " (\($0.curlName))" } ?? "") } ?? "inherited"),
            ("trusted CAs", options.tls.caCert ?? options.tls.caPath ?? "inherited"),
        ]
        let labelWidth = min(20, rect.width / 2)
        for (i, row) in rows.prefix(rect.height).enumerated() {
            grid.write(DisplayWidth.pad(row.0, to: labelWidth), x: rect.x, y: rect.y + i, style: theme.muted)
            grid.write(row.1, x: rect.x + labelWidth + 1, y: rect.y + i,
                       style: row.1 == "inherited" ? theme.muted : theme.text, limit: rect.width - labelWidth - 1)
        }
        if rect.height > rows.count + 1 {
            grid.write(DisplayWidth.truncate("Options are edited in the request's YAML file (options:).", to: rect.width),
                       x: rect.x, y: rect.y + rows.count + 1, style: theme.muted)
        }
    }
}
