import SondeCore

/// The TUI's OAuth2 user agent: what a login says and shows goes back to the update loop as
/// `.login` events for the login dialog, never to stderr, which would scribble over the curses
/// screen. The browser starts without the loop waiting for it, its output sent to /dev/null.
/// One is made per send or token fetch, so its events name the work (`owner`) Esc cancels.
struct DialogOAuth2UserAgent: OAuth2UserAgent {
    let owner: LoginOwner
    /// `$BROWSER` and `PATH`, from the services (tests set them there, not in the process).
    let environment: [String: String]
    let listen: AppServices.CallbackListening?
    let post: @Sendable (AppEvent) -> Void

    func tell(_ message: String) {
        post(.login(owner, .told(TerminalSafeText.singleLine(message))))
    }

    func open(_ url: String) {
        let shown = TerminalSafeText.singleLine(url)
        guard let browser = BrowserCommand(environment: environment) else {
            post(.login(owner, .opened(url: shown, browser: nil, failure: nil)))
            return
        }
        do {
            try browser.open(url, quiet: true)
            post(.login(owner, .opened(url: shown, browser: browser.command, failure: nil)))
        } catch {
            let failure = "could not start \(browser.command): \(error.localizedDescription)"
            post(.login(owner, .opened(url: shown, browser: nil, failure: TerminalSafeText.singleLine(failure))))
        }
    }

    func listenForCallback(port: Int?) throws(OAuth2Error) -> any OAuth2CallbackListener {
        guard let listen else {
            throw OAuth2Error(tokenURL: "127.0.0.1", message: "this TUI was started without a callback listener", step: "login callback on")
        }
        return try listen(port)
    }

    func progress(_ step: OAuth2LoginStep) {
        post(.login(owner, .step(step)))
    }
}

extension BackgroundWork {
    /// The services' sender, with a user agent whose logins show in the dialog of `owner`.
    func sender(loggingInFor owner: LoginOwner) -> RequestSender {
        var sender = services.sender
        sender.userAgent = DialogOAuth2UserAgent(
            owner: owner, environment: services.environment, listen: services.listenForCallback, post: { [self] event in post(event) })
        return sender
    }
}
