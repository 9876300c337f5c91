import SondeCore

/// The effective-auth-per-environment dialog: one row per environment with the kind, where it
/// goes, the value masked and the level it comes from; a line under a row names what is unset.
enum EffectiveAuthRenderer {
    static func render(_ view: EffectiveAuthView, theme: Theme, in screen: Rect, into grid: inout ScreenGrid) {
        let lineCount = view.rows.reduce(0) { $0 + 1 + $1.problems.count }
        let box = screen.centered(width: min(110, screen.width), height: min(lineCount + 5, screen.height))
        OverlayRenderer.frame("Effective auth — \(TerminalSafeText.singleLine(view.requestName))", box, theme: theme, into: &grid)
        let inner = box.inset(dx: 1, dy: 1)
        guard inner.width > 2, inner.height > 1 else { return }
        let columns = Self.columns(view, width: inner.width - 1)
        let header = ["environment", "kind", "sends", "value", "from"]
        var x = inner.x + 1
        for (title, width) in zip(header, columns) {
            grid.write(title, x: x, y: inner.y, style: theme.title, limit: min(width, inner.maxX - x))
            x += width + 1
        }
        var y = inner.y + 1
        let bottom = inner.maxY - 1
        for row in view.rows.dropFirst(view.scroll) where y < bottom {
            let mark = row.environment != nil && row.environment == view.current ? "●" : " "
            let cells = [mark + (row.environment.map(TerminalSafeText.singleLine) ?? "(none)"), row.kind, row.placement, row.maskedValue,
                         row.source.description]
            x = inner.x
            for (index, (cell, width)) in zip(cells, [columns[0] + 1] + columns.dropFirst()).enumerated() where x < inner.maxX {
                let style = index == 3 ? theme.secret : row.problems.isEmpty ? theme.text : theme.error
                grid.write(DisplayWidth.truncate(cell, to: width), x: x, y: y, style: style, limit: inner.maxX - x)
                x += width + 1
            }
            y += 1
            for problem in row.problems where y < bottom {
                grid.write("  ! " + problem, x: inner.x + 1, y: y, style: theme.error, limit: inner.width - 1)
                y += 1
            }
        }
        let footer = "values are always masked · ↑↓ scroll · Esc closes"
        grid.write(DisplayWidth.truncate(footer, to: inner.width - 1), x: inner.x + 1, y: bottom, style: theme.muted)
    }

    /// Column widths: each as wide as its longest cell (capped), the last taking what is left;
    /// on a narrow screen "sends" gives way first, so the level stays readable.
    static func columns(_ view: EffectiveAuthView, width: Int) -> [Int] {
        func longest(_ title: String, _ cells: [String], cap: Int) -> Int {
            min(cap, max(DisplayWidth.of(title), cells.map(DisplayWidth.of).max() ?? 0))
        }
        var widths = [
            longest("environment", view.rows.map { $0.environment ?? "(none)" }, cap: 16),
            longest("kind", view.rows.map(\.kind), cap: 8),
            longest("sends", view.rows.map(\.placement), cap: 30),
            longest("value", view.rows.map(\.maskedValue), cap: 22),
        ]
        let from = longest("from", view.rows.map(\.source.description), cap: 40)
        let spare = width - widths.reduce(0, +) - widths.count
        if spare < from { widths[2] = max(5, widths[2] - (from - spare)) }
        widths.append(max(0, width - widths.reduce(0, +) - widths.count))
        return widths
    }
}
