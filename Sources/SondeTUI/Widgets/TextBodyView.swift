/// Draws a text body (any non-JSON, non-binary response) from a `TextBodyModel`: only the rows in
/// view are laid out, so drawing costs the same for a 1 kB and a 50 MB body. Search matches are
/// highlighted, the current one stronger; masked secrets show in the secret colour.
package enum TextBodyView {
    /// Draws rows from `scroll` on into `rect`. Without wrapping, `column` is the first display
    /// column shown (horizontal scroll).
    package static func render(
        _ model: TextBodyModel, into grid: inout ScreenGrid, in rect: Rect, scroll: Int, column: Int = 0,
        wrap: Bool, search: TextBodySearch? = nil, theme: Theme
    ) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        if model.lineCount == 0 {
            grid.write("empty body", x: rect.x, y: rect.y, style: theme.muted, limit: rect.width)
            return
        }
        let query = search.flatMap { $0.query.isEmpty ? nil : $0.query }
        let rows = model.rows(from: max(0, scroll), count: rect.height, width: rect.width, wrap: wrap,
                              column: column, highlighting: query)
        let current = search?.currentMatch.map { currentMatchSpot(model, $0, width: rect.width, wrap: wrap, column: column) }
        for (offset, row) in rows.enumerated() {
            let y = rect.y + offset
            grid.write(row.text, x: rect.x, y: y, style: theme.text, limit: rect.width)
            for columns in row.secrets {
                grid.restyle(Rect(x: rect.x + columns.lowerBound, y: y, width: columns.count, height: 1)) { _ in theme.secret }
            }
            for columns in row.highlights {
                let isCurrent = current.map { $0.row == max(0, scroll) + offset && columns.contains($0.column) } ?? false
                let style = isCurrent ? theme.searchMatch.bolded.underlined : theme.searchMatch
                grid.restyle(Rect(x: rect.x + columns.lowerBound, y: y, width: columns.count, height: 1)) { _ in style }
            }
        }
    }

    /// The row and view column of the current match's first character.
    private static func currentMatchSpot(_ model: TextBodyModel, _ match: TextMatch, width: Int, wrap: Bool, column: Int) -> (row: Int, column: Int) {
        let position = model.position(of: match, width: width, wrap: wrap)
        return (position.row, wrap ? position.column : position.column - column)
    }
}
