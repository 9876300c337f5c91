/// Below the minimum size only the "Terminal too small" notice is drawn, so a key would act on
/// panes nobody can see: typing blind into a URL, or Ctrl-S saving what was typed. Only what is
/// on screen answers there (see `handleKey`): quitting, the quit question it may raise, and a
/// login's dialog, which is drawn at any size; a paste or a click does nothing.
extension AppState {
    /// Whether the terminal is below the size the panes need.
    package var isTooSmallToDraw: Bool {
        size.width < AppLayout.minimumWidth || size.height < AppLayout.minimumHeight
    }

    /// The "quit and lose changes?" question, when it is the open dialog: answered at any size.
    var quitQuestion: ConfirmDialog? {
        if case .confirm(let dialog) = overlay, dialog.action == .quitDiscardingChanges { dialog } else { nil }
    }

    /// Whether the open dialog is drawn, and so takes keys, on a screen too small for the panes.
    var overlayDrawnAtAnySize: Bool {
        if case .login = overlay { return true }
        return quitQuestion != nil
    }
}
