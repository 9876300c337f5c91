import SondeCore

/// Whose interactive OAuth2 login it is: a send or a page fetch (by transfer id), or a fetch
/// from the token panel (by row). Esc in the login dialog cancels the owner's work.
package enum LoginOwner: Sendable, Hashable {
    case transfer(Int)
    case tokenRow(Int)
}

/// What the runner's user agent (`DialogOAuth2UserAgent`) hears from a login, as events.
package enum LoginProgress: Sendable, Equatable {
    /// A line for the user (`OAuth2UserAgent.tell`), made one inert line.
    case told(String)
    /// The authorize URL, and the browser started on it; nil when there is none to start, or
    /// it failed to (`failure` says why): the URL is to be opened by hand.
    case opened(url: String, browser: String?, failure: String?)
    case step(OAuth2LoginStep)
}

/// An interactive OAuth2 login in progress, shown while the send or token fetch that needs it
/// waits: for the authorization code grant, the URL the browser was sent to; for the device
/// code grant, the code to type and where. Nothing here is a secret: the token, the device code
/// and the authorization code never come this far.
package struct LoginDialog: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// Waiting for the browser to come back to 127.0.0.1; `browser` is the command started
        /// on the URL, nil when the user has to open it.
        case browser(url: String, browser: String?)
        /// Waiting for the code to be approved on the verification page.
        case device(OAuth2DevicePrompt)
    }

    package var owner: LoginOwner
    package var kind: Kind
    /// When the dialog opened, on `AppState.now`'s clock: the elapsed time and the code's expiry count from it.
    package var startedAt: Double
    /// Device polls answered "not yet" so far, the last answer, and when the next poll goes.
    package var polls = 0
    package var lastAnswer: String?
    package var nextPollAt: Double?
    /// The browser came back; the code is being exchanged for a token.
    package var exchanging = false
    /// Esc was pressed; the login stops within a tenth of a second.
    package var cancelling = false
    /// The last thing the login said (a browser that did not start).
    package var note: String?
    /// Why the login failed (denied, expired, timed out); the dialog stays until Esc.
    package var failure: String?

    package init(owner: LoginOwner, kind: Kind, startedAt: Double) {
        self.owner = owner
        self.kind = kind
        self.startedAt = startedAt
    }

    /// What the copy key puts on the clipboard: the URL the user has to open.
    package var url: String {
        switch kind {
        case .browser(let url, _): url
        case .device(let prompt): prompt.verificationURIComplete ?? prompt.verificationURI
        }
    }

    /// "0:07", "12:30": the time since the dialog opened.
    package static func elapsed(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        let rest = whole % 60
        return "\(whole / 60):\(rest < 10 ? "0" : "")\(rest)"
    }
}

extension AppFailure {
    /// A token panel fetch ended by Esc in the login dialog: not a failure of the token.
    package static let loginCancelled = AppFailure("Login cancelled")
}
