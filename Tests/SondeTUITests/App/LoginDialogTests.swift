import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// The login dialog as update and render see it: events in, effects and grid lines out.
@Suite("OAuth2 login dialog")
struct LoginDialogTests {
    static let prompt = OAuth2DevicePrompt(
        userCode: "BCDF-GHJK", verificationURI: "http://127.0.0.1:8787/oauth/device",
        verificationURIComplete: "http://127.0.0.1:8787/oauth/device?user_code=BCDF-GHJK", expiresIn: 600)
    static let authorizeURL = "http://127.0.0.1:8787/oauth/authorize?response_type=code&client_id=demo-client"
        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A40123%2Fcallback&scope=read&state=Zq3xk2Hn&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256"

    /// The demo state with `name` open and sent: the transfer's id.
    func sending(_ name: String, width: Int = 80, height: Int = 24) throws -> (TestWorkspace, AppState, Int) {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height)
        state.press(.character("/"))
        _ = state.update(.input(.paste(name)), now: 0)
        state.press(.enter)
        let effects = state.press(.control("r"))
        guard case .send(let order)? = effects.last else { throw LoginTestError.notSent(effects) }
        return (workspace, state, order.id)
    }

    enum LoginTestError: Error { case notSent([AppEffect]) }

    /// The dialog's lines, frame included.
    func dialog(_ state: AppState) -> [String] {
        state.dialog(titled: "OAuth2 login")
    }

    @Test("Ctrl-Q during a login cancels it, closes the dialog and quits: a login never holds the app")
    func quitDuringALogin() throws {
        var (_, state, id) = try sending("OAuth2 device code")
        _ = state.update(.login(.transfer(id), .step(.deviceCode(Self.prompt))), now: 1)
        #expect(!dialog(state).isEmpty)
        let effects = state.press(.control("q"))
        #expect(effects.contains(.cancel(transfer: id)))
        #expect(effects.last == .quit)
        #expect(dialog(state).isEmpty)
    }

    @Test("Device code at 80×24: the code large, where to enter it, polls and time; Esc cancels the send, which ends with a message")
    func deviceCodeDialog() throws {
        var (_, state, id) = try sending("OAuth2 device code")
        #expect(state.update(.login(.transfer(id), .step(.deviceCode(Self.prompt))), now: 1).isEmpty)
        _ = state.update(.login(.transfer(id), .step(.polled(answer: "authorization_pending", nextPollIn: 5))), now: 6)
        _ = state.update(.tick, now: 13)
        #expect(dialog(state) == [
            "┌─ OAuth2 login · device code ─────────────────────────────────────────┐",
            "│ Open this page and enter the code:                                   │",
            "│ http://127.0.0.1:8787/oauth/device                                   │",
            "│                                                                      │",
            "│                              BCDF-GHJK                               │",
            "│                                                                      │",
            "│ or open, with the code in it:                                        │",
            "│ http://127.0.0.1:8787/oauth/device?user_code=BCDF-GHJK               │",
            "│ Waiting for approval · polled 1× · 0:12 · the code expires in 9 min  │",
            "│                                                                      │",
            "│ Esc cancel · y copy URL                                              │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ])

        #expect(state.press(.escape, now: 14) == [.cancel(transfer: id)])
        #expect(dialog(state).contains { $0.contains("Cancelling… · 0:13") })
        _ = state.update(.transferFinished(transfer: id, outcome: .cancelled), now: 14.1)
        #expect(state.overlay == nil)
        #expect(state.transfer == nil)
        #expect(state.notice?.text == "Login cancelled")
        // Usable again: the next send starts.
        #expect(state.press(.control("r"), now: 15).contains { $0.isSend })
    }

    @Test("Authorization code: the URL cut into lines, y copies it, a failure stays in the dialog until Esc")
    func authorizationCodeDialog() throws {
        var (_, state, id) = try sending("OAuth2 authorization code")
        _ = state.update(.login(.transfer(id), .opened(url: Self.authorizeURL, browser: "/usr/bin/xdg-open", failure: nil)), now: 0.5)
        _ = state.update(.tick, now: 3)
        #expect(dialog(state) == [
            "┌─ OAuth2 login · browser ─────────────────────────────────────────────┐",
            "│ Waiting for the browser…  0:02                                       │",
            "│                                                                      │",
            "│ Opened with /usr/bin/xdg-open; if it did not come up, open:          │",
            "│ http://127.0.0.1:8787/oauth/authorize?response_type=code&client_id=d │",
            "│ emo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A40123%2Fcallback&sc │",
            "│ ope=read&state=Zq3xk2Hn&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8 │",
            "│ URWbuGJSstw-cM&code_challenge_method=S256                            │",
            "│                                                                      │",
            "│ Esc cancel · y copy URL                                              │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ])
        #expect(state.press(.character("y"), now: 3) == [.writeClipboard(Self.authorizeURL)])
        _ = state.update(.transferFinished(transfer: id, outcome: .failed(
            "OAuth2 login at http://127.0.0.1:8787/oauth/authorize failed: access_denied (the user said no): the login was refused")), now: 4)
        #expect(dialog(state) == [
            "┌─ OAuth2 login · browser ─────────────────────────────────────────────┐",
            "│ Login failed                                                         │",
            "│ OAuth2 login at http://127.0.0.1:8787/oauth/authorize failed:        │",
            "│ access_denied (the user said no): the login was refused              │",
            "│                                                                      │",
            "│ Esc close                                                            │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ])
        #expect(state.transfer == nil)
        #expect(state.press(.escape, now: 5).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test("No browser: the dialog says to open the URL; the login's token closes it and the send goes on")
    func noBrowserThenLoggedIn() throws {
        var (_, state, id) = try sending("OAuth2 authorization code")
        _ = state.update(.login(.transfer(id), .opened(url: Self.authorizeURL, browser: nil, failure: "could not start firefox: not found")), now: 0)
        let text = dialog(state).joined(separator: "\n")
        #expect(text.contains("No browser to start ($BROWSER, xdg-open): open this URL"))
        #expect(text.contains("could not start firefox: not found"))
        _ = state.update(.login(.transfer(id), .step(.exchangingCode)), now: 1)
        #expect(dialog(state).joined().contains("Exchanging the code for a token…"))
        _ = state.update(.login(.transfer(id), .step(.loggedIn)), now: 1.2)
        #expect(state.overlay == nil)
        #expect(state.transfer?.id == id)
        #expect(state.notice?.text == "Logged in")
        // A late line from the login (the token not kept) goes to the status bar, not a new dialog.
        _ = state.update(.login(.transfer(id), .told("could not keep the OAuth2 token in /nope: permission denied")), now: 1.3)
        #expect(state.overlay == nil)
        #expect(state.notice?.text == "could not keep the OAuth2 token in /nope: permission denied")
    }

    @Test("A login event after its work ended opens no dialog")
    func lateEventsOpenNothing() throws {
        var (_, state, id) = try sending("OAuth2 device code")
        _ = state.update(.transferFinished(transfer: id, outcome: .cancelled), now: 1)
        _ = state.update(.login(.transfer(id), .step(.deviceCode(Self.prompt))), now: 1)
        #expect(state.overlay == nil)
    }

    @Test("20 columns and less: the user code and the keys stay; no size crashes")
    func smallTerminals() throws {
        var (_, state, id) = try sending("OAuth2 device code")
        _ = state.update(.login(.transfer(id), .step(.deviceCode(Self.prompt))), now: 0)
        _ = state.update(.input(.resize(width: 20, height: 12)), now: 0)
        #expect(state.screen.lines == [
            "┌─ OAuth2 login … ─┐",
            "│http://127.0.0.1:8│",
            "│787/oauth/device  │",
            "│    BCDF-GHJK     │",
            "│Waiting for       │",
            "│approval · 0:00 · │",
            "│the code expires  │",
            "│in 10 min         │",
            "│Esc cancel        │",
            "│y copy URL        │",
            "└──────────────────┘",
            "",
        ])
        for width in 1...34 {
            for height in 1...14 {
                _ = state.update(.input(.resize(width: width, height: height)), now: 0)
                let lines = state.screen.lines
                #expect(lines.count == height)
                if width >= 11, height >= 3 { #expect(lines.contains { $0.contains("BCDF-GHJK") }, "\(width)×\(height)") }
            }
        }
        _ = state.update(.input(.resize(width: 20, height: 12)), now: 0)
        #expect(state.press(.control("c"), now: 1) == [.cancel(transfer: id)])
        #expect(!state.wantsQuit)
    }

    @Test("Token panel: f on the device code row logs in through the dialog; Esc cancels the fetch and returns to the panel")
    func tokenPanelLogin() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 120, height: 40)
        state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: ["DEMO_CLIENT_SECRET": "demo-client-secret"])]
        state.press(.character("Z"))
        guard case .tokenPanel(let panel)? = state.overlay else { Issue.record("no panel"); return }
        let row = try #require(panel.rows.firstIndex { $0.grant == "device_code" && $0.environment == "local" })
        for _ in 0..<row { state.press(.character("j")) }
        #expect(state.text.contains("f log in · c clear"))
        let effects = state.press(.character("f"))
        guard case .fetchToken(let order)? = effects.first else { Issue.record("no fetch: \(effects)"); return }
        #expect(order.row == row)
        _ = state.update(.login(.tokenRow(row), .step(.deviceCode(Self.prompt))), now: 1)
        #expect(dialog(state).contains { $0.contains("BCDF-GHJK") })
        #expect(state.press(.escape, now: 2) == [.cancelTokenFetch(row: row)])
        _ = state.update(.tokenFetched(row: row, .failure(.loginCancelled), requestedAt: Date(), duration: 1), now: 2.1)
        guard case .tokenPanel(let back)? = state.overlay else { Issue.record("not back in the panel"); return }
        #expect(back.rows[row].error == nil && !back.rows[row].fetching)
        #expect(state.notice?.text == "Login cancelled")
    }
}
