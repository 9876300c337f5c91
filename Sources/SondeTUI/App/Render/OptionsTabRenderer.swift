import SondeCore

/// The Options tab: one row per `OptionField` with the request's own value, or the inherited
/// one greyed with the level it comes from, then a line for the selected row's problem or hint.
enum OptionsTabRenderer {
    static func render(_ state: AppState, _ editor: RequestEditorState, in rect: Rect, focused: Bool, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard !rect.isEmpty else { return }
        let inheritance = state.inheritance(of: editor)
        let fields = OptionField.allCases
        let messageRows = rect.height >= 4 ? 1 : 0
        let height = rect.height - messageRows
        let top = TextArea.top(keeping: editor.options.selection, visibleFrom: editor.options.topRow, height: height, lineCount: fields.count)
        let labelWidth = min(22, max(8, rect.width / 3))
        let valueX = rect.x + labelWidth + 1, valueWidth = max(0, rect.maxX - valueX)
        let root = state.collections.indices.contains(editor.reference.collection) ? state.collections[editor.reference.collection].rootURL : nil
        var selectedProblem: String?
        for row in 0..<min(height, fields.count - top) {
            let field = fields[top + row]
            let y = rect.y + row
            let selected = top + row == editor.options.selection
            let own = field.value(in: editor.draft.options)
            var problem: String?
            if let own, case .path(let folder) = field.kind, let root {
                problem = editor.pathProblems[PathToCheck(own, base: root, folder: folder)]
            }
            if selected { selectedProblem = problem }
            grid.write(DisplayWidth.pad(field.key, to: labelWidth), x: rect.x, y: y, style: own == nil ? theme.muted : theme.text, limit: labelWidth)
            let valueCell = Rect(x: valueX, y: y, width: valueWidth, height: 1)
            if selected, editor.isEditing, let line = editor.options.editing {
                line.render(into: &grid, in: valueCell, style: theme.text.underlined, focused: focused)
                continue
            }
            let text: String, style: TextStyle
            if let own {
                text = shown(own, field) + (problem.map { "  ⚠ \($0)" } ?? "")
                style = problem != nil || (field == .verifyTLS && own == "false") ? theme.warning : theme.text
            } else if let inherited = inheritance?.inherited(field) {
                text = "\(shown(inherited.value, field))  ← \(inherited.source)"
                style = field == .verifyTLS && inherited.value == "false" ? theme.warning : theme.muted
            } else {
                text = "—  (not set)"
                style = theme.muted
            }
            grid.write(DisplayWidth.truncate(TerminalSafeText.make(text), to: valueWidth), x: valueX, y: y, style: style, limit: valueWidth)
            if selected { grid.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { focused ? $0.reversed : $0.with(background: .darkGray) } }
        }
        guard messageRows > 0 else { return }
        let message: String, style: TextStyle
        if let problem = editor.options.problem ?? selectedProblem {
            (message, style) = (problem, theme.error)
        } else if editor.isEditing {
            (message, style) = ("Enter sets · Esc cancels · empty inherits", theme.muted)
        } else {
            (message, style) = ("Grey: inherited (← from where) · Enter type · Space cycle · d inherit", theme.muted)
        }
        grid.write(DisplayWidth.truncate(TerminalSafeText.make(message), to: rect.width), x: rect.x, y: rect.maxY - 1, style: style, limit: rect.width)
    }

    /// A value as the row shows it: seconds with their unit, sizes also in kB/MB.
    static func shown(_ value: String, _ field: OptionField) -> String {
        switch field.kind {
        case .seconds: return value + " s"
        case .bytes: return ByteCountText.parse(value).map { "\(value) (\(ByteCountText.format($0)))" } ?? value
        default: return value
        }
    }
}
