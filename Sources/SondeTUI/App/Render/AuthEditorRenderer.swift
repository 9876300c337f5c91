import SondeCore

/// The auth editor dialog: the level and kind pickers, the kind's fields, which level wins for
/// the request, and, while a credential field is typed into, the secret references to insert.
enum AuthEditorRenderer {
    static func render(_ form: AuthEditorState, state: AppState, in screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let references = form.editingField?.holdsSecret == true ? form.matchingReferences : []
        let referenceLines = references.isEmpty ? 0 : 1 + min(references.count, 6)
        let height = 2 + form.rows.count + 2 + (form.problem == nil ? 0 : 1) + referenceLines + 2
        let box = screen.centered(width: min(78, screen.width), height: min(height, screen.height))
        OverlayRenderer.frame("Auth — \(TerminalSafeText.singleLine(state.editor?.draft.name ?? ""))", box, theme: theme, into: &grid)
        let inner = box.inset(dx: 1, dy: 1)
        guard inner.width > 2, inner.height > 0 else { return }
        let labelWidth = min(14, inner.width / 3)
        let valueX = inner.x + 1 + labelWidth
        let valueWidth = max(0, inner.maxX - valueX)
        let bottom = inner.maxY - 1  // the hint line
        var y = inner.y
        for (index, row) in form.rows.enumerated() where y < bottom {
            let rowRect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let label: String, value: String
            var muted: String?
            switch row {
            case .level:
                label = "level"
                value = "◂ \(form.level.title) ▸"
                if state.collections.indices.contains(form.reference.collection) {
                    muted = CollectionLoader.relativePath(form.level.file, root: state.collections[form.reference.collection].rootURL)
                }
            case .kind:
                label = "kind"
                value = "◂ \(form.kind.title) ▸"
            case .field(let field):
                label = field.title
                value = TerminalSafeText.singleLine(form.values[field] ?? "")
            }
            grid.write(DisplayWidth.pad(" " + label, to: labelWidth + 1), x: inner.x, y: y, style: theme.muted, limit: inner.width)
            if index == form.selection, let line = form.editing {
                line.render(into: &grid, in: Rect(x: valueX, y: y, width: valueWidth, height: 1), style: theme.text.underlined, focused: true)
            } else {
                let used = grid.write(value, x: valueX, y: y, style: theme.text, limit: valueWidth)
                if let muted, used + DisplayWidth.of(muted) + 3 <= valueWidth {
                    grid.write(TerminalSafeText.singleLine(muted), x: valueX + used + 2, y: y, style: theme.muted, limit: valueWidth - used - 2)
                }
                if index == form.selection { grid.restyle(rowRect) { $0.reversed } }
            }
            y += 1
            if index == form.selection, referenceLines > 0 {
                y = renderReferences(references, selection: form.referenceSelection, x: valueX, y: y, width: valueWidth, bottom: bottom,
                                     theme: theme, into: &grid)
            }
        }
        y += 1
        if y < bottom {
            grid.write(state.authVerdict(form), x: inner.x + 1, y: y, style: theme.title, limit: inner.width - 1)
            y += 1
        }
        if let problem = form.problem, y < bottom {
            grid.write(TerminalSafeText.singleLine(problem), x: inner.x + 1, y: y, style: theme.error, limit: inner.width - 1)
        }
        let hints = KeyMap.hints(in: state.keyContexts).joined(separator: " · ")
        grid.write(DisplayWidth.truncate(hints, to: inner.width - 1), x: inner.x + 1, y: bottom, style: theme.muted)
    }

    /// The secret references under the field being typed, the highlighted one reversed.
    private static func renderReferences(_ references: [SecretReferenceChoice], selection: Int, x: Int, y: Int, width: Int, bottom: Int,
                                         theme: Theme, into grid: inout ScreenGrid) -> Int {
        var y = y
        guard y < bottom else { return y }
        grid.write("secret references (Tab inserts, ↑↓ pick):", x: x, y: y, style: theme.muted, limit: width)
        y += 1
        let shown = 6
        let top = max(0, min(selection - shown + 1, references.count - shown))
        for (offset, choice) in references.dropFirst(top).prefix(shown).enumerated() where y < bottom {
            let used = grid.write(" " + TerminalSafeText.singleLine(choice.text), x: x, y: y, style: theme.jsonKey, limit: width)
            if used + DisplayWidth.of(choice.detail) + 3 <= width {
                grid.write(choice.detail, x: x + used + 2, y: y, style: theme.muted)
            }
            if top + offset == selection { grid.restyle(Rect(x: x, y: y, width: width, height: 1)) { $0.reversed } }
            y += 1
        }
        return y
    }
}
