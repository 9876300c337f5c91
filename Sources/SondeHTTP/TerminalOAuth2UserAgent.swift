import Foundation
import SondeCore

/// The user agent of `sonde send` and `sonde auth login`: messages on stderr, the authorize URL
/// opened with `$BROWSER`, else `xdg-open`, else printed for the user to open (`BrowserCommand`).
public struct TerminalOAuth2UserAgent: OAuth2UserAgent {
    public var environment: [String: String]
    public var write: @Sendable (String) -> Void

    public init(environment: [String: String], write: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.write = write
    }

    public func tell(_ message: String) { write("* " + TerminalSafeText.make(message) + "\n") }

    public func open(_ url: String) {
        guard let browser = BrowserCommand(environment: environment) else {
            tell("open this URL in a browser to log in:\n  \(url)")
            return
        }
        tell("opening the browser to log in (waiting for it; Ctrl-C cancels):\n  \(url)")
        do { try browser.open(url, quiet: false) } catch {
            tell("could not start \(browser.command): \(error.localizedDescription); open the URL above yourself")
        }
    }

    public func listenForCallback(port: Int?) throws(OAuth2Error) -> any OAuth2CallbackListener {
        try LoopbackCallbackListener(port: port)
    }
}
