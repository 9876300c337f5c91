import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing
@testable import SondeTUI

@Suite("OAuth2 token panel")
struct TokenPanelTests {
    /// A fake JWT ({"alg":"HS256"}.{"sub":"demo","exp":…}.sig) and a plain token, neither of which may reach the screen.
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIiwiZXhwIjoxNzY0NTc4MDAwfQ.c2lnbmF0dXJlLWJ5dGVz"
    static let plain = "tok-PLAIN-s3cret-value"
    static let origin = 1_764_577_200.0  // 2025-12-01 08:20:00 UTC

    /// The demo collection's state with the panel open, its first rows holding tokens in
    /// several states: valid (5 min), expired, failed with its error.
    func panelState(width: Int, height: Int) throws -> (TestWorkspace, AppState) {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height)
        state.clockOrigin = Self.origin
        state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: ["DEMO_CLIENT_SECRET": "demo-client-secret"])]
        let effects = state.press(.character("Z"))
        guard case .tokenPanel(let panel)? = state.overlay else { throw PanelError.notOpen(state.text) }
        #expect(effects.count == 1)
        #expect(panel.rows.count >= 3)
        let fetchedAt = Date(timeIntervalSince1970: Self.origin)
        _ = state.update(.tokenFetched(row: 0, .success(OAuth2Token(accessToken: Self.jwt, expiresIn: 300)), requestedAt: fetchedAt, duration: 0.042), now: 0)
        let store = OAuth2TokenStore(folder: workspace.root.appendingPathComponent("oauth2"))
        let key = OAuth2TokenStore.Key(collection: workspace.collectionRoot.path, environment: "local",
                                       credentials: OAuth2ClientCredentials(tokenURL: "http://127.0.0.1/token", clientID: "demo", clientSecret: ""))
        try store.save(OAuth2Token(accessToken: Self.plain, expiresIn: 60), for: key, now: fetchedAt.addingTimeInterval(-150))
        let record = try #require(store.load(key))
        _ = state.update(.storedTokensLoaded([1: record]), now: 0)
        _ = state.update(.tokenFetched(row: 2, .failure(AppFailure("OAuth2 token request to http://127.0.0.1/token failed: invalid_client")),
                                       requestedAt: fetchedAt, duration: 0.013), now: 0)
        return (workspace, state)
    }

    enum PanelError: Error { case notOpen(String) }

    /// The dialog's lines, frame included.
    func dialog(_ state: AppState) -> [String] {
        state.dialog(titled: "OAuth2 tokens")
    }

    func expectNoValues(_ state: AppState) {
        var revealed = state
        revealed.press(.control("t"))
        for text in [state.text, revealed.text] {
            #expect(!text.contains(Self.jwt) && !text.contains(Self.plain) && !text.contains("eyJ") && !text.contains("PLAIN"))
        }
    }

    @Test("120×40: valid counting down to expiring, expired, failed with its error; values never on screen")
    func panelAt120() throws {
        var (_, state) = try panelState(width: 120, height: 40)
        let lines = dialog(state)
        #expect(lines.count == 25)
        #expect(Array(lines.prefix(9)) == [
            "┌─ OAuth2 tokens ────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│  environment state   expires  token scopes fetched  took                                                   │",
            "│▸ local       valid   in 5 min ••••  read   08:20:00 0.04 s                                                 │",
            "│   client credentials · client demo-client · http://127.0.0.1:8787/oauth/token                              │",
            "│  local       expired 90 s ago ••••  read   —        —                                                      │",
            "│   authorization code · client demo-client · http://127.0.0.1:8787/oauth/token                              │",
            "│  local       failed  —        —     read   —        0.01 s                                                 │",
            "│   device code · client demo-client · http://127.0.0.1:8787                                                 │",
            "│   ! OAuth2 token request to http://127.0.0.1/token failed: invalid_client                                  │",
        ])
        #expect(lines[23] == "│ f fetch · c clear · J decode (not verified) · Esc close · values masked                                    │")
        expectNoValues(state)
        // Time passes: 4 min left, then under the 60 s margin (expiring), then past (expired).
        _ = state.update(.tick, now: 60)
        #expect(dialog(state)[2] == "│▸ local       valid   in 4 min  ••••  read   08:20:00 0.04 s                                                │")
        _ = state.update(.tick, now: 250)
        #expect(dialog(state)[2] == "│▸ local       expiring in 50 s   ••••  read   08:20:00 0.04 s                                               │")
        _ = state.update(.tick, now: 301)
        #expect(dialog(state)[2] == "│▸ local       expired 1 s ago   ••••  read   08:20:00 0.04 s                                                │")
        expectNoValues(state)
    }

    @Test("80×24: the same rows fit, the endpoint cut; J decodes the JWT row, not the plain one")
    func panelAt80() throws {
        var (_, state) = try panelState(width: 80, height: 24)
        let lines = dialog(state)
        #expect(lines.count == 23)
        #expect(Array(lines.prefix(5)) == [
            "┌─ OAuth2 tokens ──────────────────────────────────────────────────────────────┐",
            "│  environment state   expires  token scopes fetched  took                     │",
            "│▸ local       valid   in 5 min ••••  read   08:20:00 0.04 s                   │",
            "│   client credentials · client demo-client · http://127.0.0.1:8787/oauth/token│",
            "│  local       expired 90 s ago ••••  read   —        —                        │",
        ])
        #expect(lines[14] == "│   client credentials · client demo-client · https://staging.api.example.com/…│")
        #expect(lines[21] == "│ f fetch · c clear · J decode (not verified) · Esc close · values masked      │")
        expectNoValues(state)
        state.press(.character("j"))
        state.press(.character("J"))
        #expect(state.notice?.text == "This token is not a JWT")
        state.press(.character("k"), .character("J"))
        guard case .jwt(let inspector)? = state.overlay else { Issue.record("no JWT inspector"); return }
        #expect(inspector.current.inspection == JWTInspection(Self.jwt))
        #expect(state.text.contains("not verified"))
        #expect(!state.text.contains(Self.jwt))
    }

    @Test("Fetch now on the demo's client credentials makes the row valid and keeps it (0600); clear removes the file")
    func fetchAndClearAgainstTheDemoServer() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let local = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
            try (String(contentsOf: local, encoding: .utf8) + "\n  - {name: clientSecret, value: \"{{env:DEMO_CLIENT_SECRET}}\"}\n")
                .write(to: local, atomically: true, encoding: .utf8)
            // One OAuth2 endpoint: the client credentials request (the interactive grants' rows go).
            for grant in ["authorization-code", "device-code", "password", "refresh-token"] {
                try? FileManager.default.removeItem(at: workspace.collectionRoot.appendingPathComponent("auth/oauth2-\(grant).yaml"))
            }
            let store = OAuth2TokenStore(folder: workspace.root.appendingPathComponent("state/oauth2"))
            let services = AppServices(
                sender: RequestSender(transport: CurlTransport(), tokenStore: store), collectionsRoot: workspace.root, history: nil,
                environment: ["DEMO_CLIENT_SECRET": "demo-client-secret"])
            let k = { (key: Key) in InputEvent.key(key) }
            let fetch = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("Z"))),
                .init(waitFor: "▸ local       none", input: k(.character("f"))),
                .init(waitFor: "▸ local       valid", input: k(.escape)),
                .init(waitFor: "", input: k(.control("q"))),
            ])
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let first = await runOnThread(AppRunner(state: state, backend: fetch, services: services))
            #expect(fetch.failure == nil, "\(fetch.failure ?? "")")
            let row = try #require(first.tokenPanelMemory?.rows.first)
            #expect(row.grant == "client_credentials" && row.error == nil && row.lastDuration != nil)
            let kept = store.list()
            #expect(kept.count == 1)
            let file = try #require(kept.first?.url)
            #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
            #expect(!fetch.screen.lines.joined().contains(kept.first?.record.accessToken ?? "-"))

            // A second run finds the kept token, and `c` forgets it: the file goes.
            let clear = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("Z"))),
                .init(waitFor: "▸ local       valid", input: k(.character("c"))),
                .init(waitFor: "Token cleared", input: k(.escape)),
                .init(waitFor: "", input: k(.control("q"))),
            ])
            let second = await runOnThread(AppRunner(state: state, backend: clear, services: services))
            #expect(clear.failure == nil, "\(clear.failure ?? "")")
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(second.tokenPanelMemory?.rows.first?.token == nil)
        }
    }
}
