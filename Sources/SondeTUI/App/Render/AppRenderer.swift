import SondeCore

/// Draws an `AppState` into a `ScreenGrid`: a pure function, so every pane and dialog can be
/// checked in tests at any size without a terminal.
package enum AppRenderer {
    /// Braille spinner frames, one per 100 ms.
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    package static func render(_ state: AppState) -> ScreenGrid {
        var grid = ScreenGrid(width: state.size.width, height: state.size.height)
        guard !state.isTooSmallToDraw else {
            if case .login(let dialog) = state.overlay {
                // A login waits on what its dialog says (the code to type): shown at any size.
                LoginDialogRenderer.render(dialog, state: state, in: Rect(x: 0, y: 0, width: grid.width, height: grid.height), into: &grid)
            } else {
                renderTooSmall(state, into: &grid)
            }
            return grid
        }
        let layout = state.layout
        if let bar = layout.paneBar { renderPaneBar(state, in: bar, into: &grid) }
        if let rect = layout.collections {
            CollectionsPaneRenderer.render(state, in: rect, into: &grid)
        }
        if let rect = layout.request {
            RequestEditorRenderer.render(state, in: rect, into: &grid)
        }
        if let rect = layout.response {
            ResponsePaneRenderer.render(state, in: rect, into: &grid)
        }
        StatusBarRenderer.render(state, in: layout.statusBar, into: &grid)
        if state.overlay != nil {
            grid.cursor = nil
            OverlayRenderer.render(state, into: &grid)
        }
        return grid
    }

    /// A bordered pane with its title; the border is coloured when the pane has the keyboard.
    static func drawPaneFrame(_ title: String, in rect: Rect, focused: Bool, theme: Theme, into grid: inout ScreenGrid) {
        grid.fill(rect)
        grid.box(rect, title: title, style: focused ? theme.focusedBorder : theme.border,
                 titleStyle: focused ? theme.focusedBorder.bolded : theme.title)
    }

    private static func renderTooSmall(_ state: AppState, into grid: inout ScreenGrid) {
        var lines = [
            "Terminal too small",
            "\(state.size.width)×\(state.size.height)",
            "sonde needs \(AppLayout.minimumWidth)×\(AppLayout.minimumHeight)",
            "Ctrl-Q quits",
        ]
        // Ctrl-Q with unsaved changes asks first; the question is answered at any size.
        if let question = state.quitQuestion { lines = ["Unsaved changes", "Quit and lose them?", question.choices] }
        let top = max(0, (state.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let cut = DisplayWidth.truncate(line, to: state.size.width)
            grid.write(cut, x: max(0, (state.size.width - DisplayWidth.of(cut)) / 2), y: top + i,
                       style: i == 0 ? state.theme.error : state.theme.text)
        }
    }

    private static func renderPaneBar(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        grid.fill(rect, style: state.theme.statusBar)
        let slot = rect.width / 3
        for pane in Pane.allCases {
            let available = pane == .collections || state.editor != nil
            var style = pane == state.focus ? state.theme.tabActive : state.theme.tabInactive
            if !available { style = style.dimmed }
            let title = pane == .request && state.editor.map(\.isDirty) == true ? pane.title + "●" : pane.title
            let text = DisplayWidth.truncate(title, to: max(1, slot - 1))
            grid.write(text, x: rect.x + pane.rawValue * slot + max(0, (slot - DisplayWidth.of(text)) / 2), y: rect.y,
                       style: style.with(background: state.theme.statusBar.background), limit: slot)
        }
    }
}
