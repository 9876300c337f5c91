/// Below the minimum size only the "Terminal too small" notice is drawn, so a key would act on
/// panes nobody can see: typing blind into a URL, or Ctrl-S saving what was typed. Only what is
/// on screen answers there: Ctrl-Q/Ctrl-C (quit), the quit question it may raise, and a login's
/// dialog, which is drawn at any size.
extension AppState {
    /// Whether the terminal is below the size the panes need.
    package var isTooSmallToDraw: Bool {
        size.width < AppLayout.minimumWidth || size.height < AppLayout.minimumHeight
    }

    /// The "quit and lose changes?" question, when it is the open dialog: answered at any size.
    var quitQuestion: ConfirmDialog? {
        if case .confirm(let dialog) = overlay, dialog.action == .quitDiscardingChanges { dialog } else { nil }
    }

    /// A key while the terminal is too small: quit, the quit question, or the login dialog; any
    /// other key does nothing.
    mutating func handleKeyWhileTooSmall(_ key: Key) -> [AppEffect] {
        if case .login = overlay { return handleKey(key) }
        if quitQuestion != nil { return handleKey(key) }
        guard key == .control("q") || key == .control("c") else { return [] }
        return requestQuit()
    }
}
