import SondeCore

/// The login dialog: it opens when a send or a token fetch starts an interactive OAuth2 login
/// (the browser was started, or the device code came), follows its steps, and closes when the
/// login gets its token; Esc cancels the work that waits on it. A failure stays in the dialog
/// until Esc, so "denied" or "expired" is read where the code was.
extension AppState {
    /// The open login dialog of `owner`, if it is the one on screen.
    func loginDialog(of owner: LoginOwner) -> LoginDialog? {
        if case .login(let dialog) = overlay, dialog.owner == owner { dialog } else { nil }
    }

    mutating func loginProgressed(_ owner: LoginOwner, _ progress: LoginProgress) {
        var dialog = loginDialog(of: owner)
        switch progress {
        case .told(let message):
            // Before the login starts (a refused refresh token) or after it (the token not kept): the status bar.
            guard dialog != nil else {
                show(message, .warning)
                return
            }
            dialog?.note = message
        case .opened(let url, let browser, let failure):
            guard isRunning(owner) else { return }
            dialog = LoginDialog(owner: owner, kind: .browser(url: url, browser: browser), startedAt: now)
            dialog?.note = failure
        case .step(.deviceCode(let prompt)):
            guard isRunning(owner) else { return }
            dialog = LoginDialog(owner: owner, kind: .device(prompt), startedAt: now)
        case .step(.polled(let answer, let nextPollIn)):
            dialog?.polls += 1
            dialog?.lastAnswer = TerminalSafeText.singleLine(answer)
            dialog?.nextPollAt = now + nextPollIn
        case .step(.exchangingCode):
            dialog?.exchanging = true
        case .step(.loggedIn):
            if dialog != nil { closeLoginDialog(owner) }
            show("Logged in", .success)
            return
        }
        if let dialog { overlay = .login(dialog) }
    }

    /// Whether the work that owns a login still runs: a login event that comes after Esc closed
    /// its dialog must not open it again.
    private func isRunning(_ owner: LoginOwner) -> Bool {
        switch owner {
        case .transfer(let id): transfer?.id == id
        case .tokenRow(let row): tokenPanelMemory.map { $0.rows.indices.contains(row) && $0.rows[row].fetching } ?? false
        }
    }

    /// The owner's work ended: a cancel closes its dialog, a failure is shown in it.
    mutating func loginEnded(_ owner: LoginOwner, failure: String?, cancelled: Bool) {
        guard var dialog = loginDialog(of: owner) else { return }
        if cancelled || failure == nil {
            closeLoginDialog(owner)
            if cancelled { show(AppFailure.loginCancelled.message, .info) }
            return
        }
        dialog.failure = failure
        dialog.cancelling = false
        overlay = .login(dialog)
    }

    /// Back to what was under the dialog: the token panel for its fetches, else the panes.
    private mutating func closeLoginDialog(_ owner: LoginOwner) {
        if case .tokenRow = owner, let panel = tokenPanelMemory {
            overlay = .tokenPanel(panel)
        } else {
            overlay = nil
        }
    }

    mutating func performInLogin(_ action: AppAction, _ dialog: LoginDialog) -> [AppEffect] {
        var dialog = dialog
        switch action {
        case .cancel:
            // A second Esc, or Esc on a failure, closes the dialog whatever the login does.
            guard dialog.failure == nil, !dialog.cancelling else {
                closeLoginDialog(dialog.owner)
                return []
            }
            dialog.cancelling = true
            overlay = .login(dialog)
            switch dialog.owner {
            case .transfer(let id): return [.cancel(transfer: id)]
            case .tokenRow(let row): return [.cancelTokenFetch(row: row)]
            }
        case .quit:
            // Quitting never waits behind a login: its work is cancelled and the dialog closed
            // first, then the usual quit (which still asks about unsaved changes).
            let cancelling: [AppEffect] = switch dialog.owner {
            case .transfer(let id): [.cancel(transfer: id)]
            case .tokenRow(let row): [.cancelTokenFetch(row: row)]
            }
            closeLoginDialog(dialog.owner)
            return cancelling + requestQuit()
        case .copyLoginURL:
            show("Copied the URL · a terminal without OSC 52 keeps its clipboard", .success)
            return [.writeClipboard(dialog.url)]
        default:
            return []
        }
    }
}
