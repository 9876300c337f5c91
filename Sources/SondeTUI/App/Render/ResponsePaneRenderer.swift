import Foundation
import SondeCore

/// The response viewer: a status line (code and reason coloured by class, time, size, HTTP
/// version, whether `expect:` passed), the Body | Headers | Timing | History | Request | Tests
/// tabs, and the tab's content.
enum ResponsePaneRenderer {
    static func render(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let focused = state.focus == .response
        AppRenderer.drawPaneFrame("Response", in: rect, focused: focused, theme: theme, into: &grid)
        let inner = rect.inset(dx: 1, dy: 1)
        guard !inner.isEmpty else { return }
        let response = state.currentResponse
        renderStatusLine(state, response, in: inner.row(0), into: &grid)
        guard inner.height >= 2 else { return }
        let tab = response?.tab ?? .body
        renderTabs(selected: tab, focused: focused, in: inner.row(1), theme: theme, into: &grid)
        let content = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        guard !content.isEmpty else { return }
        if let transfer = state.transfer, transfer.reference == state.editor?.reference, !transfer.liveRecords.isEmpty {
            renderLiveRecords(transfer, in: content, theme: theme, into: &grid)
            return
        }
        guard let response else { return }
        switch tab {
        case .body:
            renderBody(response, state: state, focused: focused, in: content, into: &grid)
        case .headers:
            guard let document = response.document else { return placeholder(response, theme, content, &grid) }
            // HeadersView clamps the scroll to its last line itself.
            HeadersView(headers: document.response.headers, secrets: document.secrets)
                .render(into: &grid, in: content, scroll: response.headersScroll, theme: theme)
        case .timing:
            guard let document = response.document else { return placeholder(response, theme, content, &grid) }
            let attempts = document.attemptList.count > 1 ? document.attemptList : []
            let (chart, list) = content.splitRows(at: content.height - min(attempts.count + 1, content.height / 2))
            var waterfall = attempts.isEmpty ? content : chart
            let route = document.response.proxyRoute
            if route.isNoteworthy, waterfall.height >= 2 {
                // Above the phases it explains: through a proxy, "Connect" is the proxy's.
                let (line, rest) = waterfall.splitRows(at: 1)
                renderProxyRoute(route, secrets: document.secrets, in: line, theme: theme, into: &grid)
                waterfall = rest
            }
            TimingWaterfall.render(
                document.response.timings, connection: document.response.connectionSummary, into: &grid, in: waterfall, theme: theme)
            renderAttempts(attempts, in: list, theme: theme, into: &grid)
        case .history:
            renderHistory(response, focused: focused, in: content, timeZone: state.timeZone, theme: theme, into: &grid)
        case .request:
            renderWire(response, revealing: state.isRevealingSecrets, in: content, theme: theme, into: &grid)
        case .tests:
            guard let document = response.document else { return placeholder(response, theme, content, &grid) }
            renderTests(document, scroll: response.testsScroll, in: content, theme: theme, into: &grid)
        }
    }

    /// The Tests tab: one line per expectation (✓ or ✗, what was checked, and for a failure
    /// what came instead), then each captured value, secrets masked.
    private static func renderTests(_ document: ResponseDocument, scroll: Int, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        let lines = testLines(document)
        guard !lines.isEmpty else {
            grid.write(DisplayWidth.truncate("No expect: or captures: in this request", to: rect.width), x: rect.x, y: rect.y, style: theme.muted)
            return
        }
        let top = min(max(0, scroll), max(0, lines.count - rect.height))
        for (i, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            let style = switch line.kind {
            case .passed: theme.success
            case .failed: theme.error
            case .plain: theme.text
            }
            grid.write(TerminalSafeText.singleLine(line.text), x: rect.x, y: rect.y + i, style: style, limit: rect.width)
        }
    }

    enum TestLineKind { case passed, failed, plain }

    /// The Tests tab's lines, in order.
    static func testLines(_ document: ResponseDocument) -> [(text: String, kind: TestLineKind)] {
        var lines: [(text: String, kind: TestLineKind)] = document.expectationResults.map { ($0.line, $0.passed ? .passed : .failed) }
        for miss in document.captureFailure?.misses ?? [] {
            lines.append(("✗ capture \(miss.name) (\(miss.expression)): \(miss.reason)", .failed))
        }
        for value in document.captured {
            lines.append(("captured \(value.name) = \(document.secrets.redact(value.shownValue))", .plain))
        }
        return lines
    }

    /// The Request tab: the requests as sent, masked unless the reveal key is held.
    private static func renderWire(_ response: ResponseViewState, revealing: Bool, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        guard let document = response.document else { return placeholder(response, theme, rect, &grid) }
        guard !document.response.wire.isEmpty else {
            let text = document.historyDate == nil ? "No request was recorded" : "History keeps no record of the request as sent"
            grid.write(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: theme.muted)
            return
        }
        let transcript = WireTranscript(
            response: document.response, declared: document.declaredHeaders, secrets: document.secrets, reveals: revealing)
        WireView(transcript: transcript).render(into: &grid, in: rect, scroll: response.requestScroll, theme: theme)
    }

    static let tabTitles: [(ResponseTab, String)] = ResponseTab.allCases.map { ($0, "\($0.rawValue + 1) \($0.title)") }

    /// Where each tab's title sits on a bar `width` columns wide. Tabs sit side by side, each
    /// padded by a space: the five take 51 columns, which fits the 54 of the response pane on an
    /// 80-column terminal. On a narrower bar the first tabs give way until `selected` fits, so
    /// the tab on screen is always named.
    static func tabSpans(selected: ResponseTab, width: Int) -> [(tab: ResponseTab, title: String, x: Int, width: Int)] {
        let widths = tabTitles.map { DisplayWidth.of($0.1) + 2 }
        var first = 0
        while first < selected.rawValue, widths[first...selected.rawValue].reduce(0, +) > width { first += 1 }
        var x = 0
        var spans: [(tab: ResponseTab, title: String, x: Int, width: Int)] = []
        for index in first..<tabTitles.count {
            spans.append((tabTitles[index].0, tabTitles[index].1, x, widths[index]))
            x += widths[index]
        }
        return spans
    }

    static func tab(atColumn x: Int, selected: ResponseTab, width: Int) -> ResponseTab? {
        tabSpans(selected: selected, width: width).first { x >= $0.x && x < $0.x + $0.width }?.tab
    }

    private static func renderTabs(selected: ResponseTab, focused: Bool, in row: Rect, theme: Theme, into grid: inout ScreenGrid) {
        // Only whole titles: at 80 columns the sixth tab does not fit, and a lone "6" says less
        // than nothing; `]` or 6 brings it into view.
        for span in tabSpans(selected: selected, width: row.width) where span.x + span.width - 1 <= row.width {
            let style = span.tab == selected ? theme.tabActive : theme.tabInactive
            grid.write(" \(span.title) ", x: row.x + span.x, y: row.y, style: style, limit: row.maxX - row.x - span.x)
        }
    }

    private static func renderStatusLine(_ state: AppState, _ response: ResponseViewState?, in row: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        if let transfer = state.transfer, transfer.reference == state.editor?.reference {
            if let wait = transfer.waitText(now: state.now) {
                grid.write("\(wait)  Esc cancels", x: row.x, y: row.y, style: theme.warning, limit: row.width)
                return
            }
            let attempt = transfer.attempt > 1 ? " (attempt \(transfer.attempt))" : ""
            let text = "\(StatusBarRenderer.spinnerFrame(state)) Sending…\(attempt) \(DurationText.format(max(0, state.now - transfer.startedAt)))  Esc cancels"
            grid.write(text, x: row.x, y: row.y, style: theme.focusedBorder, limit: row.width)
            return
        }
        if let failure = response?.failure {
            grid.write(TerminalSafeText.make(failure), x: row.x, y: row.y, style: theme.error, limit: row.width)
            return
        }
        guard let document = response?.document else {
            grid.write(DisplayWidth.truncate("No response yet: Ctrl-R sends", to: row.width), x: row.x, y: row.y, style: theme.muted)
            return
        }
        let http = document.response
        var x = row.x
        x += grid.write(" \(http.status) ", x: x, y: row.y, style: theme.status(http.status).reversed, limit: row.maxX - x)
        if !http.reason.isEmpty { x += grid.write(" " + TerminalSafeText.make(http.reason), x: x, y: row.y, style: theme.status(http.status), limit: row.maxX - x) }
        let results = document.expectationResults
        if !results.isEmpty || document.captureFailure != nil {
            // Beside the status, before what a narrow pane cuts: whether the response passed.
            let passed = results.allPassed && document.captureFailure == nil
            x += grid.write("  expect \(results.passedCount)/\(results.count) \(passed ? "✓" : "✗")", x: x, y: row.y,
                            style: passed ? theme.success : theme.error, limit: row.maxX - x)
        }
        var parts = [DurationText.format(http.timings.total), ByteCountText.format(http.bodySize)]
        if document.attempts > 1 { parts.append("\(document.attempts) attempts") }
        if let pages = response?.pages {
            parts.append("\(pages.pages.count) pages, \(pages.itemCount) items" + (pages.isFinished ? "" : " (L more, A all)"))
        }
        if let date = document.historyDate { parts.append("from history \(historyDateText(date, in: state.timeZone))") }

        // Last, so a narrow pane cuts it before the pages' keys; the Timing tab says it too.
        parts.append(http.connectionSummary)
        x += grid.write("  " + parts.joined(separator: " · "), x: x, y: row.y, style: theme.muted, limit: row.maxX - x)
        if document.isTLSUnverified { x += grid.write(" · TLS not verified", x: x, y: row.y, style: theme.warning, limit: row.maxX - x) }
        // Only where it fits whole: a proxy cut in half says less than the Timing tab.
        if let endpoint = http.proxyRoute.endpoint {
            let text = " · via " + TerminalSafeText.singleLine(document.secrets.redact(endpoint))
            if DisplayWidth.of(text) <= row.maxX - x { grid.write(text, x: x, y: row.y, style: theme.muted, limit: row.maxX - x) }
        }
    }

    /// `Route  via proxy http://127.0.0.1:8888 from $http_proxy`, credentials never part of it.
    private static func renderProxyRoute(_ route: ProxyRoute, secrets: SecretSet, in row: Rect, theme: Theme, into grid: inout ScreenGrid) {
        let x = row.x + grid.write("Route ", x: row.x, y: row.y, style: theme.title, limit: row.width)
        grid.write(TerminalSafeText.singleLine(secrets.redact(route.description)), x: x, y: row.y, style: theme.text, limit: row.maxX - x)
    }

    /// The records of a streamed response as they arrive, newest at the bottom.
    private static func renderLiveRecords(_ transfer: TransferState, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        grid.write("\(transfer.liveRecordCount) records so far (live)", x: rect.x, y: rect.y, style: theme.title, limit: rect.width)
        let rows = rect.height - 1
        guard rows > 0 else { return }
        for (i, record) in transfer.liveRecords.suffix(rows).enumerated() {
            grid.write(record, x: rect.x, y: rect.y + 1 + i, style: theme.text, limit: rect.width)
        }
    }

    /// The tries of a retried request, under the waterfall: status or error, time, and the wait before each.
    private static func renderAttempts(_ attempts: [Attempt], in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        guard !attempts.isEmpty, rect.height >= 2 else { return }
        grid.write("Attempts", x: rect.x, y: rect.y, style: theme.title, limit: rect.width)
        for (i, attempt) in attempts.prefix(rect.height - 1).enumerated() {
            var x = rect.x
            let y = rect.y + 1 + i
            x += grid.write("\(attempt.number). ", x: x, y: y, style: theme.muted, limit: rect.maxX - x)
            switch attempt.result {
            case .response(let status, let reason):
                x += grid.write("\(status) \(TerminalSafeText.make(reason))", x: x, y: y, style: theme.status(status), limit: rect.maxX - x)
            case .failure(let error):
                x += grid.write(TerminalSafeText.make("\(error)"), x: x, y: y, style: theme.error, limit: rect.maxX - x)
            }
            var detail = "  \(DurationText.format(attempt.duration))"
            if let wait = attempt.wait { detail += " · after waiting \(wait)" }
            grid.write(detail, x: x, y: y, style: theme.muted, limit: rect.maxX - x)
        }
    }

    private static func placeholder(_ response: ResponseViewState, _ theme: Theme, _ rect: Rect, _ grid: inout ScreenGrid) {
        let text = response.failure == nil ? "No response yet" : "The request failed: nothing to show"
        grid.write(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: theme.muted)
    }

    private static func renderBody(_ response: ResponseViewState, state: AppState, focused: Bool, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard response.document != nil else { return placeholder(response, theme, rect, &grid) }
        let body = response.body
        var area = rect
        // The bottom line: the search or filter being typed, or the last message.
        if let input = body.input, area.height >= 2 {
            let line = area.row(area.height - 1)
            let (prompt, editor): (String, LineEditor) = switch input {
            case .search(let editor): ("/", editor)
            case .jsonPath(let editor): ("JSONPath ", editor)
            }
            let used = grid.write(prompt, x: line.x, y: line.y, style: theme.focusedBorder)
            editor.render(into: &grid, in: Rect(x: line.x + used, y: line.y, width: line.width - used, height: 1), style: theme.text, focused: focused)
            area.height -= 1
        } else if let message = body.message ?? body.filterPath.map({ "Filter \($0) · Esc clears" }), area.height >= 2 {
            grid.write(DisplayWidth.truncate(TerminalSafeText.make(message), to: area.width), x: area.x, y: area.maxY - 1, style: theme.muted)
            area.height -= 1
        }
        if case .invalidJSON(_, let problem) = body.content, area.height >= 2 {
            grid.write(DisplayWidth.truncate(TerminalSafeText.make(problem), to: area.width), x: area.x, y: area.y, style: theme.warning)
            area = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        if body.showsTree, let view = body.json {
            JSONTreeRenderer.render(view, matches: Set(body.jsonMatches), focused: focused, in: area, theme: theme, into: &grid)
            return
        }
        switch body.content {
        case .empty:
            grid.write("Empty body", x: area.x, y: area.y, style: theme.muted, limit: area.width)
        case .binary(let hex):
            hex.render(into: &grid, in: area, scroll: body.hexScroll, theme: theme)
        case .json, .text, .invalidJSON:
            guard let model = body.textModel else { return }
            TextBodyView.render(model, into: &grid, in: area, scroll: body.textScroll, column: body.textColumn,
                                wrap: body.wrap, search: body.textSearch, theme: theme)
        }
    }

    private static func renderHistory(
        _ response: ResponseViewState, focused: Bool, in rect: Rect, timeZone: TimeZone, theme: Theme, into grid: inout ScreenGrid
    ) {
        guard !response.history.isEmpty else {
            let text = response.historyLoaded ? "No past responses for this request" : "Loading history…"
            grid.write(DisplayWidth.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: theme.muted)
            return
        }
        grid.write(DisplayWidth.truncate("Enter shows a past response · newest first", to: rect.width), x: rect.x, y: rect.y, style: theme.muted)
        let listHeight = rect.height - 1
        guard listHeight > 0 else { return }
        let top = max(0, response.historySelection - listHeight + 1)
        for (offset, index) in (top..<min(response.history.count, top + listHeight)).enumerated() {
            let entry = response.history[index]
            let row = rect.row(offset + 1)
            var x = row.x
            x += grid.write(historyDateText(entry.date, in: timeZone) + "  ", x: x, y: row.y, style: theme.muted, limit: row.maxX - x)
            x += grid.write("\(entry.status)", x: x, y: row.y, style: theme.status(entry.status), limit: row.maxX - x)
            let detail = "  \(DurationText.format(entry.timings.total))  \(ByteCountText.format(Int64(entry.bodySize)))  \(entry.method.rawValue) \(TerminalSafeText.make(entry.url))"
            grid.write(detail, x: x, y: row.y, style: theme.text, limit: row.maxX - x)
            if index == response.historySelection {
                grid.restyle(row) { focused ? $0.reversed : $0.with(background: theme.inactiveSelection.background) }
            }
        }
    }

    /// The zone is passed in (`AppState.timeZone`), never the system's read here: render stays pure.
    static func historyDateText(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}

/// Draws a `JSONTreeView`: one row per visible line, keys and values coloured by kind, folded
/// containers with their size, the cursor row highlighted, search hits marked.
enum JSONTreeRenderer {
    static func render(_ view: JSONTreeView, matches: Set<Int>, focused: Bool, in rect: Rect, theme: Theme, into grid: inout ScreenGrid) {
        let rows = view.rows(from: view.top, count: rect.height)
        let textWidth = rect.width - 1
        for (offset, row) in rows.enumerated() {
            let y = rect.y + offset
            let indent = min(row.depth * 2, max(0, textWidth - 8))
            var x = rect.x + indent
            let end = rect.x + textWidth
            let isContainer = row.kind == .object || row.kind == .array
            if isContainer && !row.isClosing && row.childCount > 0 {
                x += grid.write(row.isFolded ? "▸ " : "▾ ", x: x, y: y, style: theme.muted, limit: end - x)
            } else {
                x += grid.write("  ", x: x, y: y, limit: end - x)
            }
            if let key = row.key, !row.isClosing {
                let keyStyle = matches.contains(row.node) ? theme.searchMatch : theme.jsonKey
                x += grid.write("\"\(key)\"", x: x, y: y, style: keyStyle, limit: end - x)
                x += grid.write(": ", x: x, y: y, style: theme.muted, limit: end - x)
            }
            let valueStyle: TextStyle
            var text = row.text
            switch row.kind {
            case .string:
                valueStyle = theme.jsonString
                text = "\"\(row.text)\""
            case .number: valueStyle = theme.jsonNumber
            case .true, .false, .null: valueStyle = theme.jsonLiteral
            case .object, .array: valueStyle = row.isFolded ? theme.muted : theme.text
            }
            if row.isTruncated { text += "…" }
            let highlighted = matches.contains(row.node) && !row.isClosing && row.kind != .object && row.kind != .array
            grid.write(text, x: x, y: y, style: highlighted ? theme.searchMatch : valueStyle, limit: end - x)
            if row.position == view.cursor {
                grid.restyle(Rect(x: rect.x, y: y, width: textWidth, height: 1)) { focused ? $0.reversed : $0.with(background: theme.inactiveSelection.background) }
            }
        }
        // Scrollbar from the document fraction: no row counting over the whole document.
        if rows.count >= rect.height, rect.height > 1 {
            let fraction = view.fraction(of: view.top)
            let thumb = min(rect.height - 1, Int(fraction * Double(rect.height - 1)))
            for i in 0..<rect.height {
                grid[rect.maxX - 1, rect.y + i] = Cell(i == thumb ? "┃" : "│", style: i == thumb ? theme.focusedBorder : theme.border)
            }
        }
    }
}
