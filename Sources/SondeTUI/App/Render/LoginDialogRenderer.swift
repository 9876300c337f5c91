import SondeCore

/// The login dialog: what the login waits for, the URL to open (cut into lines, so it can be
/// read and typed, or copied with `y`), for a device login the user code large in the middle,
/// and how long it has been waiting. On a small screen the lines that matter least go first, a
/// kind at a time (so a URL never shows in part); the user code and a failure stay to the last.
enum LoginDialogRenderer {
    /// A line of the dialog; lines with a higher `drop` number give way first when rows run short:
    /// 0 the code, the failure, what it waits for; 1 the URL to open, the polling, the keys;
    /// 2 notes; 3 explanations and the second URL; 4 blank lines.
    struct Line: Equatable {
        enum Look { case text, muted, title, code, url, error }
        var text: String
        var look: Look
        var drop: Int
        var centered = false
    }

    static func render(_ dialog: LoginDialog, state: AppState, in screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let width = min(72, screen.width)
        // A narrow screen gives the text the margin columns too.
        let margin = width >= 30 ? 2 : 1
        let all = lines(dialog, now: state.now, width: max(1, width - 2 * margin))
        let shown = fit(all, rows: screen.height - 2)
        let box = screen.centered(width: width, height: min(shown.count + 2, screen.height))
        let title = switch dialog.kind {
        case .browser: "OAuth2 login · browser"
        case .device: "OAuth2 login · device code"
        }
        OverlayRenderer.frame(title, box, theme: theme, into: &grid, style: dialog.failure == nil ? nil : theme.warning)
        let inner = box.inset(dx: margin, dy: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        for (row, line) in shown.prefix(inner.height).enumerated() {
            let style = switch line.look {
            case .text: theme.text
            case .muted: theme.muted
            case .title: theme.title
            case .code: theme.title.reversed
            case .url: theme.jsonKey
            case .error: theme.error
            }
            let shown = DisplayWidth.truncate(line.text, to: inner.width)
            let x = line.centered ? inner.x + max(0, (inner.width - DisplayWidth.of(shown)) / 2) : inner.x
            grid.write(shown, x: x, y: inner.y + row, style: style, limit: inner.maxX - x)
        }
    }

    /// Every line the dialog has room for at `width` columns, top to bottom.
    static func lines(_ dialog: LoginDialog, now: Double, width: Int) -> [Line] {
        let elapsed = LoginDialog.elapsed(now - dialog.startedAt)
        var lines: [Line] = []
        func add(_ text: String, _ look: Line.Look, drop: Int, centered: Bool = false) {
            lines.append(Line(text: text, look: look, drop: drop, centered: centered))
        }
        func wrapped(_ text: String, _ look: Line.Look, drop: Int) {
            for part in OverlayRenderer.wrap(text, width: width) { add(part, look, drop: drop) }
        }
        /// A URL cut at the column, not at words (it has none); four lines at most (`y` copies it whole).
        func url(_ text: String, drop: Int) {
            let parts = chunks(text, width: width)
            for (index, part) in parts.prefix(4).enumerated() {
                add(index == 3 && parts.count > 4 ? DisplayWidth.truncate(part + "…", to: width) : part, .url, drop: drop)
            }
        }
        if let failure = dialog.failure {
            add("Login failed", .title, drop: 0)
            wrapped(failure, .error, drop: 0)
            add("", .text, drop: 4)
            add("Esc close", .muted, drop: 1)
            return lines
        }
        switch dialog.kind {
        case .browser(let address, let browser):
            let waiting = dialog.cancelling ? "Cancelling…" : dialog.exchanging ? "Exchanging the code for a token…" : "Waiting for the browser…"
            add("\(waiting)  \(elapsed)", .title, drop: 0)
            add("", .text, drop: 4)
            if let browser {
                wrapped("Opened with \(TerminalSafeText.singleLine(browser)); if it did not come up, open:", .muted, drop: 3)
            } else {
                wrapped("No browser to start ($BROWSER, xdg-open): open this URL to log in:", .text, drop: 2)
            }
            url(address, drop: 1)
        case .device(let prompt):
            add("Open this page and enter the code:", .muted, drop: 3)
            url(prompt.verificationURI, drop: 1)
            add("", .text, drop: 4)
            let code = DisplayWidth.of(prompt.userCode) + 2 <= width ? " \(prompt.userCode) " : prompt.userCode
            add(code, .code, drop: 0, centered: true)
            add("", .text, drop: 4)
            if let complete = prompt.verificationURIComplete {
                add("or open, with the code in it:", .muted, drop: 3)
                url(complete, drop: 3)
            }
            var status = dialog.cancelling ? "Cancelling…" : "Waiting for approval"
            if dialog.polls > 0, !dialog.cancelling { status += " · polled \(dialog.polls)×" }
            status += " · \(elapsed)"
            let left = dialog.startedAt + prompt.expiresIn - now
            status += left > 0 ? " · the code expires in \(TokenPanel.duration(left))" : " · the code has expired"
            wrapped(status, .text, drop: 1)
        }
        if let note = dialog.note { wrapped(note, .muted, drop: 2) }
        add("", .text, drop: 4)
        // The keys, a line holding as many whole hints as fit.
        var keys = ""
        for hint in KeyMap.hints(in: [.login]) {
            if !keys.isEmpty, DisplayWidth.of(keys + " · " + hint) > width {
                add(keys, .muted, drop: 1)
                keys = ""
            }
            keys += (keys.isEmpty ? "" : " · ") + hint
        }
        add(keys, .muted, drop: 1)
        return lines
    }

    /// `text` cut into pieces of `width` columns (at least one character each).
    static func chunks(_ text: String, width: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var part = DisplayWidth.prefix(of: String(rest), fitting: width)
            if part.isEmpty { part = rest.prefix(1) }
            parts.append(String(part))
            rest = rest.dropFirst(part.count)
        }
        return parts
    }

    /// The lines that fit in `rows`: all lines of the highest `drop` go, then of the next,
    /// until they fit; what is left keeps its order (and is cut at the bottom if even the
    /// lines that matter most do not fit).
    static func fit(_ lines: [Line], rows: Int) -> [Line] {
        var kept = lines
        while kept.count > max(0, rows), let worst = kept.map(\.drop).max(), worst > 0 {
            kept.removeAll { $0.drop == worst }
        }
        return kept
    }
}
