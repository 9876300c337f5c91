import SondeCore

/// Dialogs over the panes: help, command palette, environment list, confirmation, name prompt.
enum OverlayRenderer {
    static func render(_ state: AppState, into grid: inout ScreenGrid) {
        guard let overlay = state.overlay else { return }
        let theme = state.theme
        let screen = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height - 1)
        switch overlay {
        case .help(let scroll):
            let lines = KeyMap.helpLines
            let box = screen.centered(width: min(76, screen.width), height: min(lines.count + 2, screen.height))
            frame("Keys — any other key closes", box, theme: theme, into: &grid)
            let inner = box.inset(dx: 1, dy: 1)
            let top = min(scroll, max(0, lines.count - inner.height))
            for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
                if line.keys.isEmpty {
                    grid.write(line.title, x: inner.x + 1, y: inner.y + i, style: theme.title, limit: inner.width - 1)
                } else {
                    let keyWidth = min(20, inner.width / 3)
                    grid.write(DisplayWidth.pad(line.keys, to: keyWidth), x: inner.x + 1, y: inner.y + i, style: theme.jsonKey, limit: keyWidth)
                    grid.write(line.title, x: inner.x + 2 + keyWidth, y: inner.y + i, style: theme.text, limit: inner.width - keyWidth - 2)
                }
            }
        case .palette(let query, let selection):
            let actions = AppState.paletteActions(matching: query.text)
            let box = Rect(x: screen.centered(width: min(60, screen.width), height: 1).x, y: min(2, screen.height / 6),
                           width: min(60, screen.width), height: min(actions.count + 4, screen.height - min(2, screen.height / 6)))
            frame("Command palette", box, theme: theme, into: &grid)
            let inner = box.inset(dx: 1, dy: 1)
            grid.write("> ", x: inner.x, y: inner.y, style: theme.focusedBorder)
            query.render(into: &grid, in: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), style: theme.text, focused: true)
            let listHeight = inner.height - 2
            if actions.isEmpty, listHeight > 0 {
                grid.write("No matching action", x: inner.x + 1, y: inner.y + 2, style: theme.muted, limit: inner.width - 1)
            }
            let top = max(0, selection - listHeight + 1)
            for (i, action) in actions.dropFirst(top).prefix(max(0, listHeight)).enumerated() {
                let row = Rect(x: inner.x, y: inner.y + 2 + i, width: inner.width, height: 1)
                let keys = KeyMap.keyLabel(for: action)
                grid.writeLine(" " + action.title, in: row, style: theme.text)
                if DisplayWidth.of(action.title) + DisplayWidth.of(keys) + 3 <= row.width {
                    grid.write(keys, x: row.maxX - DisplayWidth.of(keys) - 1, y: row.y, style: theme.muted)
                }
                if top + i == selection { grid.restyle(row) { $0.reversed } }
            }
        case .environments(let selection):
            let names = state.environmentNames
            let captured = capturedLines(state)
            let box = screen.centered(
                width: min(captured.isEmpty ? 40 : 60, screen.width), height: min(names.count + 4 + (captured.isEmpty ? 0 : captured.count + 2), screen.height))
            frame("Environment", box, theme: theme, into: &grid)
            let inner = box.inset(dx: 1, dy: 1)
            for (i, name) in names.prefix(max(0, inner.height - 2)).enumerated() {
                let row = inner.row(i)
                let mark = name == state.environmentName ? "●" : " "
                let holders = state.collections.filter { $0.environment(named: name) != nil }.map(\.name)
                grid.writeLine(" \(mark) \(i + 1). \(name)", in: row, style: theme.text)
                let detail = holders.count == state.collections.count ? "" : "in " + holders.joined(separator: ", ")
                if !detail.isEmpty, DisplayWidth.of(name) + DisplayWidth.of(detail) + 8 < row.width {
                    grid.write(detail, x: row.maxX - DisplayWidth.of(detail) - 1, y: row.y, style: theme.muted)
                }
                if i == selection { grid.restyle(row) { $0.reversed } }
            }
            if !captured.isEmpty {
                let top = names.count + 1
                if top < inner.height - 2 { grid.writeLine(" Captured (until sonde quits)", in: inner.row(top), style: theme.title) }
                for (i, line) in captured.enumerated() where top + 1 + i < inner.height - 2 {
                    grid.writeLine("   " + line, in: inner.row(top + 1 + i), style: theme.text)
                }
            }
            grid.write(DisplayWidth.truncate("Enter picks · E manages · Esc closes", to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: theme.muted)
        case .confirm(let dialog):
            let width = min(56, screen.width)
            let lines = wrap(dialog.message, width: width - 4)
            let box = screen.centered(width: width, height: min(lines.count + 5, screen.height))
            frame(dialog.title, box, theme: theme, into: &grid, style: theme.warning)
            let inner = box.inset(dx: 2, dy: 1)
            for (i, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
                grid.write(line, x: inner.x, y: inner.y + i, style: theme.text, limit: inner.width)
            }
            grid.write(dialog.choices, x: inner.x, y: inner.maxY - 1, style: theme.title, limit: inner.width)
        case .problems(let list):
            let box = screen.centered(width: min(100, screen.width), height: min(list.entries.count + 4, screen.height))
            frame(list.title, box, theme: theme, into: &grid, style: theme.warning)
            let inner = box.inset(dx: 1, dy: 1)
            let listHeight = max(0, inner.height - 2)
            let top = max(0, list.selection - listHeight + 1)
            for (i, entry) in list.entries.dropFirst(top).prefix(listHeight).enumerated() {
                let row = inner.row(i)
                let prefix = state.collections.count > 1 && state.collections.indices.contains(entry.collection) ? state.collections[entry.collection].name + "/" : ""
                grid.writeLine(" " + TerminalSafeText.singleLine(prefix + entry.problem.description), in: row, style: theme.text)
                if top + i == list.selection { grid.restyle(row) { $0.reversed } }
            }
            grid.write(DisplayWidth.truncate("Enter opens in $EDITOR · Esc closes", to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: theme.muted)
        case .jwt(let inspector):
            renderJWT(inspector, state: state, screen: screen, into: &grid)
        case .importPreview(let preview):
            let title = preview.succeeded ? "Import into \(preview.collectionName) — nothing written yet" : "Import: not possible"
            let box = screen.centered(width: min(100, screen.width), height: min(preview.lines.count + 4, screen.height))
            frame(title, box, theme: theme, into: &grid, style: preview.succeeded ? nil : theme.warning)
            let inner = box.inset(dx: 1, dy: 1)
            let listHeight = max(0, inner.height - 2)
            let top = min(preview.scroll, max(0, preview.lines.count - listHeight))
            for (i, line) in preview.lines.dropFirst(top).prefix(listHeight).enumerated() {
                let style = line.hasPrefix("error") || line.hasPrefix("warnings") ? theme.warning : theme.text
                grid.write(line, x: inner.x + 1, y: inner.y + i, style: style, limit: inner.width - 1)
            }
            let hint = preview.succeeded ? "y imports these files · Esc cancels · j/k scroll" : "Esc closes"
            grid.write(DisplayWidth.truncate(hint, to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: theme.muted)
        case .authEditor(let form):
            AuthEditorRenderer.render(form, state: state, in: screen, into: &grid)
        case .effectiveAuth(let view):
            EffectiveAuthRenderer.render(view, theme: theme, in: screen, into: &grid)
        case .tokenPanel(let panel):
            TokenPanelRenderer.render(panel, state: state, in: screen, into: &grid)
        case .login(let dialog):
            LoginDialogRenderer.render(dialog, state: state, in: screen, into: &grid)
        case .runResults:
            if let run = state.flowRun { FlowRunRenderer.render(run, state: state, in: screen, into: &grid) }
        case .environmentView(let view):
            EnvironmentViewRenderer.render(state, view, in: screen, into: &grid)
        case .prompt(let prompt):
            let box = screen.centered(width: min(56, screen.width), height: 4)
            frame(prompt.title, box, theme: theme, into: &grid)
            let inner = box.inset(dx: 2, dy: 1)
            prompt.editor.render(into: &grid, in: inner.row(0), style: theme.text.underlined, focused: true)
            grid.write(DisplayWidth.truncate("Enter confirms · Esc cancels", to: inner.width), x: inner.x, y: inner.y + 1, style: theme.muted)
        }
    }

    /// The JWT inspector: which token, the summary (labels aligned), then header and claims as
    /// a tree. The title says "not verified" wherever the dialog is drawn, even 20 columns wide.
    private static func renderJWT(_ inspector: JWTInspector, state: AppState, screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let box = screen.centered(width: min(100, screen.width), height: screen.height)
        frame("JWT · decoded, not verified", box, theme: theme, into: &grid)
        let inner = box.inset(dx: 1, dy: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        let token = inspector.current
        let count = inspector.tokens.count
        let which = count > 1 ? "Token \(inspector.index + 1) of \(count), from \(token.source)" : "From \(token.source)"
        grid.write(which, x: inner.x + 1, y: inner.y, style: theme.title, limit: inner.width - 1)
        let summary = token.inspection.summary(now: state.wallClock, timeZone: state.timeZone)
        let labelWidth = min(12, inner.width / 3)
        for (i, line) in summary.enumerated() where 1 + i < inner.height {
            let y = inner.y + 1 + i
            grid.write(DisplayWidth.pad(line.label, to: labelWidth), x: inner.x + 1, y: y, style: theme.jsonKey, limit: labelWidth)
            let style = line.label == "Expires" && line.value.contains("expired") ? theme.warning : theme.text
            grid.write(TerminalSafeText.singleLine(line.value), x: inner.x + 2 + labelWidth, y: y, style: style, limit: inner.width - labelWidth - 2)
        }
        let treeTop = inner.y + 1 + summary.count + 1
        let treeHeight = JWTInspector.treeHeight(screenHeight: state.size.height, summaryCount: summary.count + 1)
        let treeRect = Rect(x: inner.x, y: treeTop, width: inner.width, height: min(treeHeight, inner.maxY - 1 - treeTop))
        if treeRect.height > 0 {
            JSONTreeRenderer.render(inspector.view, matches: [], focused: true, in: treeRect, theme: theme, into: &grid)
        }
        let hint = count > 1 ? "Space folds · n next token · Esc closes" : "Space folds · Esc closes"
        grid.write(DisplayWidth.truncate(hint, to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: theme.muted)
    }

    static func frame(_ title: String, _ box: Rect, theme: Theme, into grid: inout ScreenGrid, style: TextStyle? = nil) {
        grid.fill(box)
        grid.box(box, title: title, style: style ?? theme.focusedBorder, titleStyle: (style ?? theme.focusedBorder).bolded)
    }

    /// Greedy word wrap to `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = DisplayWidth.of(word) > width ? DisplayWidth.truncate(String(word), to: width) : String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The captured variables, `name = value` (a secret masked unless revealed), with the
    /// collection's name when there are several collections.
    static func capturedLines(_ state: AppState) -> [String] {
        state.captured.keys.sorted().flatMap { collection -> [String] in
            let prefix = state.collections.count > 1 && state.collections.indices.contains(collection) ? "\(state.collections[collection].name): " : ""
            return (state.captured[collection] ?? []).map { value in
                let shown = value.isSecret && !state.isRevealingSecrets ? SecretSet.mask : value.value
                return TerminalSafeText.singleLine(prefix + "\(value.name) = \(shown)")
            }
        }
    }
}
