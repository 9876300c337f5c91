import SondeCore

/// The results view of a folder run: the summary (`3/7 running…`, then `2 passed, 1 failed`),
/// a line per request with what failed under it (`FlowRun.lines`), the cursor's request
/// highlighted, and the keys at the bottom. Every text was masked before it got here; long
/// lines are cut with `…`.
enum FlowRunRenderer {
    static func render(_ run: FlowRun, state: AppState, in screen: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        let box = screen.centered(width: min(100, screen.width), height: screen.height)
        OverlayRenderer.frame("Run " + TerminalSafeText.singleLine(run.name), box, theme: theme, into: &grid)
        let inner = box.inset(dx: 1, dy: 1)
        guard inner.width > 1, inner.height > 0 else { return }
        let spinner = run.isRunning ? "\(StatusBarRenderer.spinnerFrame(state)) " : ""
        let summaryStyle = run.failed > 0 ? theme.error : run.isRunning || run.wasCancelled ? theme.title : theme.success
        grid.write(DisplayWidth.truncate(spinner + run.summary, to: inner.width - 1), x: inner.x + 1, y: inner.y, style: summaryStyle)
        let lines = run.lines
        let listHeight = max(0, inner.height - 2)
        let top = min(run.scroll, max(0, lines.count - listHeight))
        for (i, line) in lines.dropFirst(top).prefix(listHeight).enumerated() {
            let row = inner.row(1 + i)
            let style = switch line.kind {
            case .passed: theme.success
            case .failed: theme.error
            case .skipped, .running: theme.muted
            case .detail: theme.text
            }
            grid.writeLine(" " + DisplayWidth.truncate(line.text, to: row.width - 1), in: row, style: style)
            if line.step == run.selection, line.kind != .detail { grid.restyle(row) { $0.reversed } }
        }
        if inner.height > 1 {
            let keys = run.isRunning ? "Enter opens · Esc stops · q closes (the run goes on)" : "Enter opens the exchange · j/k move · Esc closes"
            grid.write(DisplayWidth.truncate(keys, to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1, style: theme.muted)
        }
    }
}
