import SondeCore

/// The tree of collections, folders and requests, with method badges and the `/` filter line.
enum CollectionsPaneRenderer {
    static func render(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let focused = state.focus == .collections
        AppRenderer.drawPaneFrame("Collections", in: rect, focused: focused, theme: theme, into: &grid)
        var inner = rect.inset(dx: 1, dy: 1)
        guard !inner.isEmpty else { return }
        if state.isFiltering || !state.filter.text.isEmpty {
            let line = inner.row(inner.height - 1)
            grid.write("/", x: line.x, y: line.y, style: theme.focusedBorder)
            state.filter.render(into: &grid, in: Rect(x: line.x + 1, y: line.y, width: line.width - 1, height: 1),
                                style: theme.text, focused: focused && state.isFiltering)
            inner.height -= 1
        }
        if state.treeRows.isEmpty {
            let message = state.filter.text.isEmpty
                ? (state.collections.isEmpty ? "No collections found" : "No requests")
                : "No request matches"
            grid.write(DisplayWidth.truncate(message, to: inner.width), x: inner.x, y: inner.y, style: theme.muted)
            return
        }
        let scroll = visibleScroll(state, height: inner.height)
        for line in 0..<inner.height {
            let index = scroll + line
            guard state.treeRows.indices.contains(index) else { break }
            let row = state.treeRows[index]
            let area = inner.row(line)
            drawRow(row, state: state, in: area, into: &grid)
            if index == state.treeSelection {
                grid.restyle(area) { style in
                    focused ? style.reversed : style.with(background: theme.inactiveSelection.background)
                }
            }
        }
        if state.treeRows.count > inner.height {
            drawScrollbar(offset: scroll, visible: inner.height, total: state.treeRows.count,
                          x: rect.maxX - 1, top: inner.y, height: inner.height, theme: theme, into: &grid)
        }
    }

    /// The scroll offset that keeps the selection on screen (the state's offset when it already does).
    static func visibleScroll(_ state: AppState, height: Int) -> Int {
        var scroll = min(state.treeScroll, max(0, state.treeRows.count - height))
        if state.treeSelection < scroll { scroll = state.treeSelection }
        if state.treeSelection >= scroll + height { scroll = state.treeSelection - height + 1 }
        return max(0, scroll)
    }

    private static func drawRow(_ row: CollectionTreeRow, state: AppState, in area: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let indent = min(row.depth * 2, max(0, area.width - 4))
        var x = area.x + indent
        switch row.kind {
        case .folder(_, _, _, let expanded, let count):
            x += grid.write(expanded ? "▾ " : "▸ ", x: x, y: area.y, style: theme.muted, limit: area.maxX - x)
            let used = grid.write(row.name, x: x, y: area.y, style: row.depth == 0 ? theme.title : theme.text, limit: area.maxX - x)
            let countText = " \(count)"
            if x + used + DisplayWidth.of(countText) <= area.maxX {
                grid.write(countText, x: x + used, y: area.y, style: theme.muted)
            }
        case .request(let reference, let method, _):
            // No badge until the file is read: blank, so the name does not move when it comes.
            if let method {
                x += grid.write(badgeText(method), x: x, y: area.y, style: theme.method(method), limit: area.maxX - x)
            } else {
                x += grid.write("    ", x: x, y: area.y, limit: area.maxX - x)
            }
            x += grid.write(" ", x: x, y: area.y, limit: area.maxX - x)
            let dirty = state.isDirty(reference)
            // A request that cannot be sent (its files have problems) is marked, as a draft is.
            let broken = !state.problems(blocking: reference).isEmpty
            let tlsOff = state.tlsVerificationOff(reference)
            let nameWidth = area.maxX - x - (dirty ? 2 : 0) - (broken ? 2 : 0) - (tlsOff ? 2 : 0)
            var used = grid.write(DisplayWidth.truncate(row.name, to: nameWidth), x: x, y: area.y, style: theme.text, limit: nameWidth)
            if dirty { used += grid.write(" ●", x: x + used, y: area.y, style: theme.dirty) }
            if tlsOff { used += grid.write(" " + AppState.tlsOffBadge, x: x + used, y: area.y, style: theme.warning) }
            if broken { grid.write(" !", x: x + used, y: area.y, style: theme.error) }
        }
    }

    /// Methods in four columns so names line up in a narrow pane (PATCH, DELETE, OPTIONS shortened).
    static func badgeText(_ method: HTTPMethod) -> String {
        switch method {
        case .PATCH: "PTCH"
        case .DELETE: "DEL "
        case .OPTIONS: "OPTS"
        default: DisplayWidth.pad(method.rawValue, to: 4)
        }
    }

    static func drawScrollbar(offset: Int, visible: Int, total: Int, x: Int, top: Int, height: Int, theme: Theme, into grid: inout ScreenGrid) {
        guard total > visible, height > 0 else { return }
        let thumb = max(1, height * visible / total)
        let start = min(height - thumb, (height - thumb) * offset / max(1, total - visible))
        for i in 0..<height {
            grid[x, top + i] = Cell(i >= start && i < start + thumb ? "┃" : "│", style: i >= start && i < start + thumb ? theme.focusedBorder : theme.border)
        }
    }
}
