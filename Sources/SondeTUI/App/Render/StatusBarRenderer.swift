import SondeCore

/// The bottom line: environment, what is happening (a transfer, a notice), and key hints.
enum StatusBarRenderer {
    /// A notice's colour on the status bar.
    static func style(of kind: Notice.Kind, theme: Theme) -> TextStyle {
        switch kind {
        case .info: theme.statusBar
        case .success: theme.statusBar.with(foreground: .green)
        case .warning: theme.statusBar.with(foreground: .yellow).bolded
        case .error: theme.statusBar.with(foreground: .palette(203)).bolded
        }
    }

    static func render(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        let theme = state.theme
        grid.fill(rect, style: theme.statusBar)
        var x = rect.x
        let environment = " env: \(state.environmentName ?? "none") "
        x += grid.write(environment, x: x, y: rect.y, style: theme.statusBar.with(background: .blue).bolded, limit: rect.width)
        x += grid.write(" ", x: x, y: rect.y, style: theme.statusBar, limit: rect.maxX - x)
        var message = ""
        var style = theme.statusBar
        if let transfer = state.transfer {
            message = transfer.waitText(now: state.now).map { "\($0) · Esc cancels" }
                ?? transfer.pages.map { "\(spinnerFrame(state)) Fetching \($0.summary) · Esc cancels" }
                ?? "\(spinnerFrame(state)) Sending… \(DurationText.format(max(0, state.now - transfer.startedAt))) · Esc cancels"
            style = theme.statusBar.with(foreground: .cyan)
        } else if let run = state.flowRun, run.isRunning, state.overlay != .runResults {
            // The results view, when open, says this itself.
            message = "\(spinnerFrame(state)) Run \(run.name): \(run.summary) · \(KeyMap.keyLabel(for: .showRunResults)) results · Esc stops"
            style = theme.statusBar.with(foreground: .cyan)
        } else if let notice = state.notice {
            message = notice.text
            style = Self.style(of: notice.kind, theme: theme)
        } else if let reference = state.editor?.reference, state.tlsVerificationOff(reference) {
            message = AppState.tlsOffWarning
            style = Self.style(of: .warning, theme: theme)
        } else if let summary = state.problemSummary {
            // Load problems stay in view until fixed, not just while a notice lasts.
            message = summary.text
            style = Self.style(of: summary.kind, theme: theme)
        }
        let hints = keyHints(state)
        let remaining = rect.maxX - x
        if !message.isEmpty {
            let used = grid.write(DisplayWidth.truncate(TerminalSafeText.make(message), to: remaining), x: x, y: rect.y, style: style, limit: remaining)
            x += used + 2
        }
        let hintsWidth = DisplayWidth.of(hints)
        if hintsWidth <= rect.maxX - x {
            grid.write(hints, x: rect.maxX - hintsWidth, y: rect.y, style: theme.statusBar.with(foreground: .gray))
        }
    }

    static func spinnerFrame(_ state: AppState) -> Character {
        AppRenderer.spinner[Int(max(0, state.now) * 10) % AppRenderer.spinner.count]
    }

    /// The keys worth a reminder where the user is: the bindings of the focused context that
    /// carry a hint (`KeyBinding.hint`), so the bar never names a key that does something else.
    static func keyHints(_ state: AppState) -> String {
        KeyMap.hints(in: state.keyContexts).joined(separator: " · ") + " "
    }
}
