/// What a login needs from the world around it: a way to tell the user something, a browser,
/// and a listener on 127.0.0.1 for the authorization callback. `sonde send` tells on stderr and
/// opens `$BROWSER`; tests and the TUI bring their own.
public protocol OAuth2UserAgent: Sendable {
    /// Says something to the user (a device code, a URL to open, a refresh that failed).
    func tell(_ message: String)
    /// Opens `url` in a browser, or shows it when there is none.
    func open(_ url: String)
    /// Starts listening on 127.0.0.1 (`port`, or a free one) for the browser's redirect.
    func listenForCallback(port: Int?) throws(OAuth2Error) -> any OAuth2CallbackListener
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
