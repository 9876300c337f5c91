import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Auth editor and effective auth per environment")
struct AuthEditorTests {
    /// The demo workspace with a `.env` holding one API key, the bearer request open on its Auth tab.
    func authTab(width: Int, height: Int, environment: String = "local") throws -> (TestWorkspace, AppState) {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height, environment: environment)
        state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: ["DEMO_API_KEY": "demo-key", "STAGING_TOKEN": "tok-staging-s3cret"])]
        state.select("auth", "Bearer token (inherited from the environment)")
        state.focus = .request
        state.editor?.focus = .tabs
        state.press(.character("4"), .enter)
        try #require(state.keyContexts == [.requestAuth, .requestFields, .outsideText])
        return (workspace, state)
    }

    /// The dialog's lines, frame included: from its top-left corner to its right border.
    func dialog(_ state: AppState) -> [String] {
        state.dialog(titled: "Auth", "Effective auth")
    }

    @Test("The editor shows the level, the kind, and which level wins (80×24)")
    func editorAt80() throws {
        var (_, state) = try authTab(width: 80, height: 24)
        state.press(.character("e"))
        #expect(dialog(state) == [
            "┌─ Auth — Bearer token (inherited from the environment) ─────────────────────┐",
            "│ level         ◂ request ▸  auth/bearer.yaml                                │",
            "│ kind          ◂ inherit ▸                                                  │",
            "│                                                                            │",
            "│ sent: bearer from environment local; request says inherit                  │",
            "│                                                                            │",
            "│ Enter edit · Ctrl-S save · Esc close                                       │",
            "└────────────────────────────────────────────────────────────────────────────┘",
        ])
    }

    @Test("Switching the request to an API key, with a secret reference picked from the list, saves it in the request's file (120×40)")
    func apiKeyWithReference() throws {
        var (workspace, state) = try authTab(width: 120, height: 40)
        state.press(.character("e"), .down, .right, .right, .right, .right)  // inherit → none → basic → bearer → API key in a header
        state.press(.down, .down, .enter)
        state.type("{{env:")
        #expect(dialog(state) == [
            "┌─ Auth — Bearer token (inherited from the environment) ─────────────────────┐",
            "│ level         ◂ request ▸  auth/bearer.yaml                                │",
            "│ kind          ◂ API key in a header ▸                                      │",
            "│ name          X-API-Key                                                    │",
            "│ value         {{env:                                                       │",
            "│               secret references (Tab inserts, ↑↓ pick):                    │",
            "│                {{env:DEMO_API_KEY}}  set in .env                           │",
            "│                {{env:DEMO_CLIENT_SECRET}}  not set                         │",
            "│                {{env:STAGING_TOKEN}}  set in .env                          │",
            "│                {{baseUrl}}  environment local                              │",
            "│                {{apiKey}}  environment local                               │",
            "│                {{basicPassword}}  environment local                        │",
            "│                                                                            │",
            "│ sent: bearer from environment local; request says inherit                  │",
            "│                                                                            │",
            "│ Enter done · Esc done · Tab insert · Ctrl-S save                           │",
            "└────────────────────────────────────────────────────────────────────────────┘",
        ])
        state.type("DEMO")
        state.press(.tab, .enter)
        #expect(dialog(state)[4] == "│ value         {{env:DEMO_API_KEY}}                                         │")
        #expect(dialog(state)[6] == "│ sent: api_key from the request                                             │")
        let effects = state.press(.control("s"))
        let reference = try #require(state.editor?.reference)
        guard case .save(let saved, let request)? = effects.first, saved == reference else {
            Issue.record("expected a save of the request, got \(effects)")
            return
        }
        #expect(request.definition.auth == .apiKey(name: "X-API-Key", value: "{{env:DEMO_API_KEY}}", location: .header))
        #expect(state.overlay == nil)
        // The save the runner makes: the request's file gains the block, and no secret value.
        let written = try RequestFileWriter.save(request, secrets: SecretSet(["demo-key"]))
        _ = state.update(.saved(reference, .success(written)), now: 1)
        let text = try String(contentsOf: workspace.collectionRoot.appendingPathComponent("auth/bearer.yaml"), encoding: .utf8)
        #expect(text == """
            name: Bearer token (inherited from the environment)
            method: GET
            url: "{{baseUrl}}/auth/bearer"
            auth:
              type: api_key
              name: X-API-Key
              value: "{{env:DEMO_API_KEY}}"
              in: header

            """)
        #expect(state.text.contains("Saved auth/bearer.yaml"))
    }

    @Test("Bad input is refused with a message that says what to fix, and nothing is saved")
    func badInput() throws {
        var (_, state) = try authTab(width: 80, height: 24)
        state.press(.character("e"), .down, .right, .right, .right, .right, .down, .enter)
        state.type(" x")
        state.press(.enter)
        #expect(state.press(.control("s")).isEmpty)
        #expect(dialog(state)[7] == "│ API key name \"X-API-Key x\" has a space: header names can't                 │")
        // An empty value, and an empty header name, each say so.
        state.press(.enter, .control("u"), .enter)
        state.press(.down, .enter)
        _ = state.press(.control("s"))
        #expect(dialog(state)[7] == "│ API key: name is empty                                                     │")
        state.press(.up, .enter)
        state.type("X-Key")
        state.press(.enter)
        _ = state.press(.control("s"))
        #expect(dialog(state)[7] == "│ API key: value is empty                                                    │")
        #expect(state.overlay != nil)
    }

    @Test("Saving at the environment level writes only that file's auth: block; the view then shows it")
    func environmentLevel() throws {
        var (workspace, state) = try authTab(width: 120, height: 40)
        let file = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
        let before = try String(contentsOf: file, encoding: .utf8)
        state.press(.character("e"), .left)  // request → (wraps to) environment local
        #expect(dialog(state)[1] == "│ level         ◂ environment local ▸  environments/local.yaml               │")
        #expect(dialog(state)[3] == "│ token         demo-token                                                   │")
        state.press(.down, .right, .down, .down, .enter)
        state.type("{{apiKey}}")
        state.press(.enter)
        #expect(dialog(state)[6] == "│ sent: api_key from environment local; request says inherit                 │")
        let effects = state.press(.control("s"))
        let order = AuthSaveOrder(
            collection: 0, file: file, auth: .apiKey(name: "X-API-Key", value: "{{apiKey}}", location: .header),
            loaded: .bearer(token: "demo-token"), levelTitle: "environment local")
        #expect(effects == [.saveAuth(order)])
        try AuthBlockWriter.save(order.auth, to: order.file, loaded: order.loaded)
        #expect(state.update(.authSaved(order, nil), now: 1) == [.reloadCollections(select: state.editor?.reference)])
        #expect(state.text.contains("Saved the auth of environment local in environments/local.yaml"))
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(after == before.replacingOccurrences(
            of: "  type: bearer\n  token: demo-token\n", with: "  type: api_key\n  name: X-API-Key\n  value: \"{{apiKey}}\"\n  in: header\n"))
        _ = state.update(.collectionsReloaded(workspace.load(), select: state.editor?.reference), now: 2)
        state.press(.character("v"))
        #expect(dialog(state)[2].hasPrefix("│●local       api_key header X-API-Key     ••••        environment local"))
        // A request's own auth wins over the environment's, and the editor says so.
        state.overlay = nil
        state.select("auth", "Basic auth")
        state.editor?.focus = .tabs
        state.press(.character("4"), .enter, .character("e"), .left)
        #expect(dialog(state).contains("│ sent: basic from the request; environment local says api_key, overridden   │"), "\(dialog(state).joined(separator: "\n"))")
    }

    @Test("The effective-auth view has a masked row per environment and names an unset secret (120×40)")
    func effectiveAuthAt120() throws {
        var (_, state) = try authTab(width: 120, height: 40)
        state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: [:])]
        state.press(.control("t"))  // revealing changes nothing here: the view never shows a value
        state.press(.character("v"))
        #expect(dialog(state) == [
            "┌─ Effective auth — Bearer token (inherited from the environment) ───────────────────────────────────────────┐",
            "│ environment kind   sends                value       from                                                   │",
            "│●local       bearer header Authorization Bearer •••• environment local                                      │",
            "│ staging     bearer header Authorization Bearer •••• environment staging                                    │",
            "│   ! {{env:STAGING_TOKEN}} is not set (bearer token)                                                        │",
            "│                                                                                                            │",
            "│ values are always masked · ↑↓ scroll · Esc closes                                                          │",
            "└────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
        ])
        state.press(.escape)
        #expect(state.overlay == nil)
    }

    @Test("The effective-auth view at 80×24, from the palette; secret values never on screen")
    func effectiveAuthAt80() throws {
        var (_, state) = try authTab(width: 80, height: 24)
        state.select("auth", "API key in the query")
        state.press(.control("p"))
        state.type("effective auth")
        state.press(.enter)
        #expect(dialog(state) == [
            "┌─ Effective auth — API key in the query ──────────────────────────────────────┐",
            "│ environment kind    sends         value from                                 │",
            "│●local       api_key query api_key ••••  the request                          │",
            "│ staging     api_key query api_key ••••  the request                          │",
            "│   ! {{env:STAGING_API_KEY}} is not set (api key value)                       │",
            "│                                                                              │",
            "│ values are always masked · ↑↓ scroll · Esc closes                            │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
        ])
        #expect(!state.text.contains("demo-key"))
    }

    @Test("Both dialogs draw clipped on small terminals and never crash")
    func smallTerminals() throws {
        for view in ["e", "v"] {
            var (_, state) = try authTab(width: 120, height: 40)
            state.press(.character(Character(view)))
            if view == "e" { state.press(.down, .right, .right, .right, .right, .down, .down, .enter) }
            for (width, height) in [(20, 10), (30, 8), (31, 9), (40, 12), (1, 1)] {
                _ = state.update(.input(.resize(width: width, height: height)), now: 0)
                let grid = state.screen
                #expect(grid.lines.count == height)
                #expect(grid.lines.allSatisfy { DisplayWidth.of($0) <= width })
                if width >= AppLayout.minimumWidth, height >= AppLayout.minimumHeight {
                    #expect(state.text.contains(view == "e" ? "Auth" : "Effective"), "\(width)×\(height)")
                }
            }
        }
    }
}

@Suite("Auth editor through the runner")
struct AuthEditorRunnerTests {
    @Test("Ctrl-S in the editor writes the environment's auth: block, and the reload shows the new auth")
    func environmentSaveThroughTheRunner() async throws {
        let workspace = try TestWorkspace()
        let file = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
        let before = try String(contentsOf: file, encoding: .utf8)
        let services = workspace.services()
        let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
        let k = { (key: Key) in InputEvent.key(key) }
        let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
            .init(waitFor: "Collections", input: k(.character("/"))),
            .init(waitFor: "", input: .paste("Get a user")),
            .init(waitFor: "", input: k(.enter)),
            .init(waitFor: "GET ▾", input: k(.alt("2"))),
            .init(waitFor: "", input: k(.down)),
            .init(waitFor: "", input: k(.character("4"))),
            .init(waitFor: "", input: k(.enter)),
            .init(waitFor: "", input: k(.character("e"))),
            .init(waitFor: "◂ request ▸", input: k(.left)),         // wraps to the environment
            .init(waitFor: "◂ environment local ▸", input: k(.down)),
            .init(waitFor: "", input: k(.right)),                     // bearer → API key in a header
            .init(waitFor: "◂ API key in a header ▸", input: k(.down)),
            .init(waitFor: "", input: k(.down)),
            .init(waitFor: "", input: k(.enter)),
            .init(waitFor: "", input: .paste("{{apiKey}}")),
            .init(waitFor: "", input: k(.enter)),
            .init(waitFor: "", input: k(.control("s"))),
            .init(waitFor: "Saved the auth of environment local", input: .resize(width: 120, height: 40)),
            // The Auth tab shows the reloaded environment's auth.
            .init(waitFor: "API key in header", input: k(.character("q"))),
        ], timeout: 60)  // only a failure waits this long; a loaded machine (8 builds on 2 cores) took 20 s
        let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(after == before.replacingOccurrences(
            of: "  type: bearer\n  token: demo-token\n", with: "  type: api_key\n  name: X-API-Key\n  value: \"{{apiKey}}\"\n  in: header\n"))
        #expect(after != before)
        // Reloaded: the save asks for it (the watcher is not running here).
        #expect(final.collections[0].environment(named: "local")?.defaults.auth == .apiKey(name: "X-API-Key", value: "{{apiKey}}", location: .header))
    }
}
