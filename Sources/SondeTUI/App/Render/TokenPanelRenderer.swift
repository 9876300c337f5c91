import Foundation
import SondeCore

/// The OAuth2 token panel: per row the environment, the state, when the token expires (counted
/// from `AppState.wallClock`, so it counts down as time passes), the token masked, the scopes,
/// when it was fetched and how long that took; under it the client and token endpoint, and the
/// last fetch's error. A token's value is never drawn.
enum TokenPanelRenderer {
    static let header = ["environment", "state", "expires", "token", "scopes", "fetched", "took"]

    static func render(_ panel: TokenPanel, state: AppState, in screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let now = state.wallClock
        let lineCount = panel.rows.reduce(0) { $0 + 2 + ($1.error == nil ? 0 : 1) }
        let box = screen.centered(width: min(110, screen.width), height: min(lineCount + 4, screen.height))
        OverlayRenderer.frame("OAuth2 tokens", box, theme: theme, into: &grid)
        let inner = box.inset(dx: 1, dy: 1)
        guard inner.width > 2, inner.height > 1 else { return }
        let cells = panel.rows.map { cellTexts($0, now: now, timeZone: state.timeZone) }
        let widths = columns(cells, width: inner.width - 1)
        var x = inner.x
        for (title, width) in zip(["  " + header[0]] + header.dropFirst(), widths) where x < inner.maxX {
            grid.write(title, x: x, y: inner.y, style: theme.title, limit: min(width, inner.maxX - x))
            x += width + 1
        }
        // Keep the selected row on screen: start at the first row whose lines fit with it.
        let bottom = inner.maxY - 1
        var first = panel.selection
        var used = panel.rows.indices.contains(first) ? 2 + (panel.rows[first].error == nil ? 0 : 1) : 0
        while first > 0, used + 2 + (panel.rows[first - 1].error == nil ? 0 : 1) <= bottom - inner.y - 1 {
            first -= 1
            used += 2 + (panel.rows[first].error == nil ? 0 : 1)
        }
        var y = inner.y + 1
        for index in panel.rows.indices.dropFirst(first) where y < bottom {
            let row = panel.rows[index]
            let status = TokenPanel.status(of: row, now: now)
            x = inner.x
            let texts = [(index == panel.selection ? "▸ " : "  ") + cells[index][0]] + cells[index].dropFirst()
            for (column, (cell, width)) in zip(texts, widths).enumerated() where x < inner.maxX {
                let style = column == 1 ? statusStyle(status, theme: theme) : column == 3 ? theme.secret : theme.text
                grid.write(DisplayWidth.truncate(cell, to: width), x: x, y: y, style: style, limit: inner.maxX - x)
                x += width + 1
            }
            if index == panel.selection { grid.restyle(inner.row(y - inner.y)) { $0.reversed } }
            y += 1
            guard y < bottom else { break }
            let client = "  \(row.grant.replacingOccurrences(of: "_", with: " ")) · client \(row.clientID) · \(row.tokenURL)"
            grid.write(DisplayWidth.truncate(client, to: inner.width - 1), x: inner.x + 1, y: y, style: theme.muted)
            y += 1
            if let error = row.error, y < bottom {
                grid.write(DisplayWidth.truncate("  ! " + TerminalSafeText.singleLine(error), to: inner.width - 1), x: inner.x + 1, y: y, style: theme.error)
                y += 1
            }
        }
        // On a browser or device code row, fetching is logging in (the login dialog opens).
        let logsIn = panel.rows.indices.contains(panel.selection) && OAuth2Grant(rawValue: panel.rows[panel.selection].grant)?.isInteractive == true
        let footer = "f \(logsIn ? "log in" : "fetch") · c clear · J decode (not verified) · Esc close · values masked"
        grid.write(DisplayWidth.truncate(footer, to: inner.width - 1), x: inner.x + 1, y: bottom, style: theme.muted)
    }

    /// The texts of a row's columns, as `header` names them.
    static func cellTexts(_ row: TokenPanel.Row, now: Date, timeZone: TimeZone) -> [String] {
        let status = TokenPanel.status(of: row, now: now)
        return [
            TerminalSafeText.singleLine(row.environment ?? "(none)"), status.rawValue,
            row.fetching && row.token == nil ? "…" : TokenPanel.expiry(of: row, now: now),
            row.token == nil ? "—" : SecretSet.mask, row.scopes,
            row.fetchedAt.map { clockTime($0, timeZone: timeZone) } ?? "—",
            row.lastDuration.map { String(format: "%.2f s", $0) } ?? "—",
        ]
    }

    /// `14:03:07` in `timeZone`.
    static func clockTime(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    static func statusStyle(_ status: TokenPanel.Status, theme: Theme) -> TextStyle {
        switch status {
        case .valid: theme.success
        case .expiring, .fetching: theme.warning
        case .expired, .failed: theme.error
        case .none: theme.muted
        }
    }

    /// Each column as wide as its longest cell; scopes give way on a narrow screen.
    static func columns(_ cells: [[String]], width: Int) -> [Int] {
        var widths = header.indices.map { column in
            min(column == 0 ? 16 : 24, max(DisplayWidth.of(header[column]), cells.map { DisplayWidth.of($0[column]) }.max() ?? 0))
        }
        widths[0] += 2
        let spare = width - widths.reduce(0, +) - (widths.count - 1)
        if spare < 0 { widths[4] = max(6, widths[4] + spare) }
        return widths
    }
}
