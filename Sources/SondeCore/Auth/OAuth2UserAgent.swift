/// What a login needs from the world around it: a way to tell the user something, a browser,
/// and a listener on 127.0.0.1 for the authorization callback. `sonde send` tells on stderr and
/// opens `$BROWSER`; the TUI turns each into an event its login dialog draws.
public protocol OAuth2UserAgent: Sendable {
    /// Says something to the user (a URL to open, a refresh that failed, a token not kept).
    func tell(_ message: String)
    /// Opens `url` in a browser, or shows it when there is none.
    func open(_ url: String)
    /// Starts listening on 127.0.0.1 (`port`, or a free one) for the browser's redirect.
    func listenForCallback(port: Int?) throws(OAuth2Error) -> any OAuth2CallbackListener
    /// A step of an interactive login: a dialog follows them all; a terminal only needs the
    /// device code (the default tells its instructions and nothing else).
    func progress(_ step: OAuth2LoginStep)
}

extension OAuth2UserAgent {
    public func progress(_ step: OAuth2LoginStep) {
        if case .deviceCode(let prompt) = step { tell(prompt.instructions) }
    }
}

/// The steps of an interactive login (authorization code, device code) worth showing while it
/// waits. None carries a secret: not the device code, not the authorization code, not the token.
public enum OAuth2LoginStep: Sendable, Equatable {
    /// The device authorization answered: where to go and what to type.
    case deviceCode(OAuth2DevicePrompt)
    /// The token endpoint said to keep waiting (`authorization_pending`, `slow_down`); the next
    /// poll is `nextPollIn` seconds away.
    case polled(answer: String, nextPollIn: Double)
    /// The browser came back with a code, which is being exchanged for a token.
    case exchangingCode
    /// The login got its token.
    case loggedIn
}

/// A listener started for one authorization callback.
public protocol OAuth2CallbackListener: Sendable {
    var port: Int { get }
    /// Waits for the browser's request, answers it with `page(target)`, and returns its target
    /// (`/callback?code=...`). Throws on timeout or cancellation, and always stops listening.
    func waitForCallback(
        timeout: Double, cancellation: CancellationFlag?, page: @escaping @Sendable (String) -> String
    ) async throws(OAuth2Error) -> String
}
