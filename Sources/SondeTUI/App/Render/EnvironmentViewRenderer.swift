import SondeCore

/// Draws the environments view over the panes: the collection's environments on the left; on
/// the right the selected one's variables (with each secret reference's state) and the session's
/// captured values, or the matrix of variables × environments. Secret values appear only for the
/// row revealed; a value being typed for `.env` is drawn as bullets.
enum EnvironmentViewRenderer {
    static func render(_ state: AppState, _ view: EnvironmentViewState, in screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let name = state.collections.indices.contains(view.collection) ? state.collections[view.collection].name : ""
        grid.fill(screen)
        grid.box(screen, title: "Environments · \(name)", style: theme.focusedBorder, titleStyle: theme.focusedBorder.bolded)
        let parts = layout(screen)
        renderList(state, view, in: parts.list, into: &grid)
        for y in parts.list.y..<parts.list.maxY { grid.write("│", x: parts.list.maxX, y: y, style: theme.border) }
        if view.showsMatrix {
            renderMatrix(state, view, in: parts.right, into: &grid)
        } else {
            renderVariables(state, view, in: parts.right, into: &grid)
        }
        if let prompt = view.prompt { renderPrompt(prompt, theme: theme, in: screen, into: &grid) }
        if let confirmation = view.confirmation { renderConfirmation(state, view, confirmation, in: screen, into: &grid) }
    }

    /// The list on the left and what is on the right of it, inside the frame.
    static func layout(_ screen: Rect) -> (list: Rect, right: Rect) {
        let inner = screen.inset(dx: 1, dy: 1)
        let listWidth = min(26, max(10, inner.width / 4))
        let list = Rect(x: inner.x, y: inner.y, width: min(listWidth, inner.width), height: inner.height)
        let rightX = min(inner.maxX, list.maxX + 1)
        return (list, Rect(x: rightX, y: inner.y, width: max(0, inner.maxX - rightX), height: inner.height))
    }

    /// Where the variables table goes: below the two title lines, above the captured values.
    static func tableRect(_ state: AppState, _ view: EnvironmentViewState) -> Rect {
        let screen = Rect(x: 0, y: 0, width: state.size.width, height: max(0, state.size.height - 1))
        let right = layout(screen).right
        let captured = capturedLines(state, view)
        let capturedHeight = captured.isEmpty ? 0 : min(captured.count + 2, max(0, (right.height - 2) / 3))
        return Rect(x: right.x, y: right.y + 2, width: right.width, height: max(0, right.height - 2 - capturedHeight))
    }

    private static func renderList(_ state: AppState, _ view: EnvironmentViewState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard rect.height > 0 else { return }
        grid.writeLine(" Environments", in: rect.row(0), style: theme.title)
        let environments = state.environments(of: view)
        if environments.isEmpty {
            grid.writeLine(" none: n creates one", in: rect.row(1), style: theme.muted)
            return
        }
        let height = rect.height - 1
        let top = TextArea.top(keeping: view.selection, visibleFrom: 0, height: max(1, height), lineCount: environments.count)
        for (i, environment) in environments.enumerated().dropFirst(top).prefix(max(0, height)) {
            let row = rect.row(1 + i - top)
            let inUse = environment.name == state.environmentName ? "●" : " "
            let unsaved = view.drafts[environment.fileURL.path] != nil || (i == view.selection && state.isSelectedDirty(view)) ? " *" : ""
            grid.writeLine(" \(inUse) \(i + 1). \(TerminalSafeText.singleLine(environment.name))\(unsaved)", in: row, style: theme.text)
            if i == view.selection { grid.restyle(row) { view.focus == .list ? $0.reversed : $0.with(background: theme.inactiveSelection.background) } }
        }
    }

    private static func renderVariables(_ state: AppState, _ view: EnvironmentViewState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard rect.height > 0, rect.width > 0 else { return }
        guard let environment = state.selectedEnvironment(view) else { return }
        let root = state.collections[view.collection].rootURL
        let dirty = state.isSelectedDirty(view) ? " · unsaved: \(KeyMap.keyLabel(for: .saveEnvironment)) saves" : ""
        grid.writeLine(" Variables of \(TerminalSafeText.singleLine(environment.name))\(dirty)", in: rect.row(0), style: theme.title)
        let file = CollectionLoader.relativePath(environment.fileURL, root: root)
        grid.writeLine(" \(file) · auth: and options: are kept as they are", in: rect.row(1), style: theme.muted)

        let table = state.environmentTableRect(view)
        let statusWidth = table.width >= 60 ? 24 : table.width >= 40 ? 14 : 0
        let cells = Rect(x: table.x, y: table.y, width: table.width - statusWidth, height: table.height)
        view.table.render(into: &grid, in: cells, theme: theme, focused: view.focus == .variables) { _ in false }
        if statusWidth > 0, table.height >= 2, view.table.editing?.isNew != true {
            let x = cells.maxX + 1, width = statusWidth - 1
            grid.write("Secret", x: x, y: table.y, style: theme.title, limit: width)
            let source = state.secretSource(for: view.collection)
            let rows = view.table.rows
            let bodyHeight = table.height - 1
            let top = TextArea.top(keeping: view.table.selection, visibleFrom: view.table.topRow, height: bodyHeight, lineCount: rows.count + 1)
            for line in 0..<min(bodyHeight, max(0, rows.count - top)) {
                let index = top + line
                let status = VariableStatus.of(rows[index].value, in: source)
                let (text, style): (String, TextStyle) = switch status {
                case .set, .missing: ("", theme.text)
                case .secretSet(let name, let fromDotEnv):
                    view.revealedRow == index
                        ? ("= " + TerminalSafeText.singleLine(source.value(of: name) ?? ""), theme.secret)
                        : ("✓ set (\(fromDotEnv ? ".env" : "shell"))", theme.success)
                case .secretUnset: ("✗ not set (s sets it)", theme.warning)
                }
                grid.write(DisplayWidth.truncate(text, to: width), x: x, y: table.y + 1 + line, style: style, limit: width)
            }
        }

        let captured = capturedLines(state, view)
        let below = table.maxY
        guard !captured.isEmpty, below + 1 < rect.maxY else { return }
        grid.writeLine(" Captured this session (read-only)", in: Rect(x: rect.x, y: below + 1, width: rect.width, height: 1), style: theme.title)
        for (i, line) in captured.enumerated() where below + 2 + i < rect.maxY {
            grid.writeLine("   " + line, in: Rect(x: rect.x, y: below + 2 + i, width: rect.width, height: 1), style: theme.text)
        }
    }

    /// The collection's captured values, `name = value`, secrets masked unless revealed (Ctrl-T).
    static func capturedLines(_ state: AppState, _ view: EnvironmentViewState) -> [String] {
        (state.captured[view.collection] ?? []).map { value in
            let shown = value.isSecret && !state.isRevealingSecrets ? SecretSet.mask : value.value
            return TerminalSafeText.singleLine("\(value.name) = \(shown)")
        }
    }

    /// Every variable name of the collection's environments, in order of first appearance, each
    /// environment's variables as the view has them (drafts included).
    static func matrix(_ state: AppState, _ view: EnvironmentViewState) -> (names: [String], columns: [(environment: String, values: [String: String])]) {
        var names: [String] = []
        var columns: [(String, [String: String])] = []
        for environment in state.environments(of: view) {
            let path = environment.fileURL.path
            let rows = path == view.tableFile ? view.table.rows : view.drafts[path] ?? environment.variables
            var values: [String: String] = [:]
            for row in rows where !row.name.isEmpty {
                if values[row.name] == nil { values[row.name] = row.value }
                if !names.contains(row.name) { names.append(row.name) }
            }
            columns.append((environment.name, values))
        }
        return (names, columns)
    }

    private static func renderMatrix(_ state: AppState, _ view: EnvironmentViewState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard rect.height > 0, rect.width > 0 else { return }
        let (names, columns) = matrix(state, view)
        let gaps = names.reduce(0) { sum, name in sum + columns.filter { $0.values[name] == nil }.count }
        grid.writeLine(" Matrix: variables × environments · \(gaps == 0 ? "none missing" : "\(gaps) missing")", in: rect.row(0), style: theme.title)
        guard rect.height > 2 else { return }
        let source = state.secretSource(for: view.collection)
        let nameWidth = min(max(10, (names.map(DisplayWidth.of).max() ?? 0) + 2), max(6, rect.width / 3))
        let columnWidth = max(10, min(16, (columns.map { DisplayWidth.of($0.environment) }.max() ?? 0) + 2))
        let header = rect.y + 1
        grid.write(" Variable", x: rect.x, y: header, style: theme.title, limit: min(nameWidth, rect.width))
        for (c, column) in columns.enumerated() {
            let x = rect.x + nameWidth + c * columnWidth
            guard x < rect.maxX else { break }
            grid.write(DisplayWidth.truncate(TerminalSafeText.singleLine(column.environment), to: columnWidth - 1), x: x, y: header, style: theme.title, limit: rect.maxX - x)
        }
        for (r, name) in names.enumerated() {
            let y = header + 1 + r
            guard y < rect.maxY else { break }
            grid.write(" " + DisplayWidth.truncate(TerminalSafeText.singleLine(name), to: nameWidth - 2), x: rect.x, y: y, style: theme.text, limit: min(nameWidth, rect.width))
            for (c, column) in columns.enumerated() {
                let x = rect.x + nameWidth + c * columnWidth
                guard x < rect.maxX else { break }
                let status = VariableStatus.of(column.values[name], in: source)
                let style: TextStyle = switch status {
                case .set: theme.text
                case .secretSet: theme.success
                case .secretUnset: theme.warning
                case .missing: theme.error
                }
                grid.write(status.label, x: x, y: y, style: style, limit: min(columnWidth - 1, rect.maxX - x))
            }
        }
    }

    private static func renderPrompt(_ prompt: EnvironmentViewState.Prompt, theme: Theme, in screen: Rect, into grid: inout ScreenGrid) {
        let box = screen.centered(width: min(56, screen.width), height: min(4, screen.height))
        grid.fill(box)
        grid.box(box, title: prompt.title, style: theme.focusedBorder, titleStyle: theme.focusedBorder.bolded)
        let inner = box.inset(dx: 2, dy: 1)
        guard inner.height > 0 else { return }
        prompt.editor.render(into: &grid, in: inner.row(0), style: theme.text.underlined, focused: true, masked: prompt.isMasked)
        let help = prompt.isMasked ? "Enter writes it to .env · Esc cancels" : "Enter confirms · Esc cancels"
        if inner.height > 1 { grid.write(DisplayWidth.truncate(help, to: inner.width), x: inner.x, y: inner.y + 1, style: theme.muted) }
    }

    private static func renderConfirmation(
        _ state: AppState, _ view: EnvironmentViewState, _ confirmation: EnvironmentViewState.Confirmation, in screen: Rect, into grid: inout ScreenGrid
    ) {
        let theme = state.theme
        let (title, message, choices): (String, String, String) = switch confirmation {
        case .delete(let name):
            ("Delete environment", "Delete \(name) (\(state.environments(of: view).first { $0.name == name }.map { "environments/" + $0.fileURL.lastPathComponent } ?? name))? The file is removed.", "y delete · n/Esc keep")
        case .discard:
            ("Unsaved variables", "Close and lose the unsaved variable changes?", "y discard · n/Esc keep editing")
        }
        let width = min(56, screen.width)
        let lines = OverlayRenderer.wrap(TerminalSafeText.singleLine(message), width: max(1, width - 4))
        let box = screen.centered(width: width, height: min(lines.count + 4, screen.height))
        grid.fill(box)
        grid.box(box, title: title, style: theme.warning, titleStyle: theme.warning.bolded)
        let inner = box.inset(dx: 2, dy: 1)
        for (i, line) in lines.prefix(max(0, inner.height - 1)).enumerated() {
            grid.write(line, x: inner.x, y: inner.y + i, style: theme.text, limit: inner.width)
        }
        if inner.height > 0 { grid.write(choices, x: inner.x, y: inner.maxY - 1, style: theme.title, limit: inner.width) }
    }
}

extension AppState {
    func environmentTableRect(_ view: EnvironmentViewState) -> Rect { EnvironmentViewRenderer.tableRect(self, view) }
}
