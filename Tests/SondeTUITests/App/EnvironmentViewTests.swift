import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// The environments view (issue #14) on the in-memory grid: list, variables with their secrets'
/// state, the matrix, and every write behind a confirming key.
@Suite("Environments view")
struct EnvironmentViewTests {
    static let secret = "t0p-s3cret-value"

    /// The demo collection with `DEMO_CLIENT_SECRET` set in its `.env`, the view open.
    static func opened(_ workspace: TestWorkspace, width: Int, height: Int) -> AppState {
        var state = workspace.state(width: width, height: height)
        state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: ["DEMO_CLIENT_SECRET": secret])]
        state.press(.character("E"))
        return state
    }

    static func view(_ state: AppState) -> EnvironmentViewState? {
        if case .environmentView(let view) = state.overlay { view } else { nil }
    }

    @Test("E and the palette open it on the environment in use")
    func opens() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24, environment: "staging")
        state.press(.character("E"))
        #expect(Self.view(state)?.selection == 1)
        state.press(.escape)
        #expect(state.overlay == nil)
        state.press(.control("p"))
        state.type("manage env")
        state.press(.enter)
        #expect(Self.view(state) != nil)
        // From the quick switcher too.
        state.press(.escape, .control("o"))
        #expect(state.screen.contains("Enter picks · E manages · Esc closes"))
        state.press(.character("E"))
        #expect(Self.view(state) != nil)
    }

    @Test("80×24: the list, the variables with each secret's state, the file's name")
    func at80x24() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 80, height: 24)
        state.press(.character("l"))
        let grid = state.screen
        #expect(grid.line(0) == "┌─ Environments · Demo API ────────────────────────────────────────────────────┐")
        #expect(grid.line(1) == "│ Environments      │ Variables of local                                       │")
        #expect(grid.line(2) == "│ ● 1. local        │ environments/local.yaml · auth: and options: are kept as │")
        #expect(grid.line(3) == "│   2. staging      │    Name           Value                     Secret       │")
        #expect(grid.line(4) == "│                   │[x] baseUrl        http://127.0.0.1:8787                  │")
        #expect(grid.line(7) == "│                   │[x] clientSecret   {{env:DEMO_CLIENT_SECRET… ✓ set (.env) │")
        #expect(grid.line(8) == "│                   │+ add                                                     │")
        #expect(!grid.contains(Self.secret))
        #expect(grid.line(23).contains("e edit"))
    }

    @Test("120×40: a revealed secret shows until the row changes; staging's unset secrets say so")
    func at120x40() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 120, height: 40)
        state.press(.character("l"), .character("j"), .character("j"), .character("j"))
        #expect(!state.screen.contains(Self.secret))
        state.press(.character("v"))
        #expect(state.screen.line(7).contains("= \(Self.secret)"))
        state.press(.character("k"))
        #expect(!state.screen.contains(Self.secret))
        state.press(.character("j"), .character("v"), .escape)
        #expect(!state.screen.contains(Self.secret))

        state.press(.character("j"))  // staging
        let grid = state.screen
        #expect(grid.line(1) == "│ Environments             │ Variables of staging" + String(repeating: " ", count: 70) + "│")
        #expect(grid.line(5) == "│                          │[x] apiKey                 {{env:STAGING_API_KEY}}" + String(repeating: " ", count: 18) + "✗ not set (s sets it)  │")
        #expect(grid.line(3).hasPrefix("│   2. staging"))
    }

    @Test("The matrix shows which environment lacks what, at 80×24 and 120×40")
    func matrix() throws {
        let workspace = try TestWorkspace()
        try "name: qa\nvariables:\n  - {name: baseUrl, value: http://qa}\n"
            .write(to: workspace.collectionRoot.appendingPathComponent("environments/qa.yaml"), atomically: true, encoding: .utf8)
        var state = Self.opened(workspace, width: 80, height: 24)
        state.press(.character("m"))
        var grid = state.screen
        #expect(grid.line(1) == "│ Environments      │ Matrix: variables × environments · 3 missing             │")
        #expect(grid.line(2) == "│ ● 1. local        │ Variable      local     qa        staging                │")
        #expect(grid.line(3) == "│   2. qa           │ baseUrl       set       set       set                    │")
        #expect(grid.line(4) == "│   3. staging      │ apiKey        set       missing   secret ✗               │")
        #expect(grid.line(6) == "│                   │ clientSecret  secret ✓  missing   secret ✗               │")

        state.size = (120, 40)
        grid = state.screen
        #expect(grid.line(4) == "│   3. staging             │ apiKey        set       missing   secret ✗" + String(repeating: " ", count: 48) + "│")
        // An unsaved draft counts: adding the variable to qa closes a gap.
        state.press(.character("m"), .character("j"), .character("l"), .character("a"))
        state.type("apiKey")
        state.press(.tab)
        state.type("k")
        state.press(.enter, .character("m"))
        #expect(state.screen.line(1).contains("2 missing"))
        #expect(state.screen.line(3).contains("2. qa *"))
    }

    @Test("Variables: a bad or repeated name is refused with a message; Ctrl-S asks to save the rows")
    func editingVariables() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 100, height: 30)
        state.press(.character("l"), .character("a"))
        state.type("base url")
        #expect(state.press(.enter).isEmpty)
        #expect(state.notice?.text.hasPrefix("invalid variable name \"base url\"") == true)
        #expect(Self.view(state)?.table.editing != nil)  // still typing
        state.press(.escape, .character("a"))
        state.type("apiKey")
        state.press(.enter)
        #expect(state.notice?.text == "the variable apiKey is there twice")
        state.press(.escape, .character("a"))
        state.type("token")
        state.press(.tab)
        state.type("{{env:NEW_TOKEN}}")
        state.press(.enter)
        #expect(state.screen.contains("Variables of local · unsaved: Ctrl-S saves"))
        #expect(state.screen.contains("✗ not set (s sets it)"))
        let local = try #require(state.environment(for: 0))
        let effects = state.press(.control("s"))
        var rows = local.variables
        rows.insert(KeyValue("token", "{{env:NEW_TOKEN}}"), at: 1)  // a is "add below" the first row
        #expect(effects == [.environmentOperation(collection: 0, .save(local, variables: rows))])
        // Closing with unsaved rows asks; only y discards.
        state.press(.escape, .escape)
        #expect(Self.view(state)?.confirmation == .discard)
        state.press(.enter)
        #expect(Self.view(state)?.confirmation == .discard)
        state.press(.character("n"))
        #expect(Self.view(state)?.confirmation == nil)
        state.press(.escape, .character("y"))
        #expect(state.overlay == nil)
    }

    @Test("New, duplicate, rename: names are checked first; delete takes y")
    func environmentOperations() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 80, height: 24)
        state.press(.character("n"))
        state.type("Staging")
        #expect(state.press(.enter).isEmpty)
        #expect(state.notice?.text == "an environment named \"Staging\" exists already (environments/staging.yaml)")
        state.press(.escape, .character("n"))
        state.type("eu/west")
        #expect(state.press(.enter).isEmpty)
        #expect(state.notice?.text == "invalid environment name \"eu/west\": it cannot contain / or \\")
        state.press(.escape, .character("n"))
        state.type("qa")
        #expect(state.press(.enter) == [.environmentOperation(collection: 0, .create(name: "qa"))])

        let local = try #require(state.environment(for: 0))
        state.press(.character("r"))
        #expect(state.screen.contains("Rename to"))
        state.press(.control("u"))
        state.type("dev")
        #expect(state.press(.enter) == [.environmentOperation(collection: 0, .rename(local, name: "dev"))])
        state.press(.character("y"))
        #expect(state.screen.contains("Duplicate as"))
        #expect(state.press(.enter) == [.environmentOperation(collection: 0, .duplicate(local, name: "local-copy"))])

        state.press(.character("d"))
        #expect(state.screen.contains("│ Delete local (environments/local.yaml)? The file is  │"))
        #expect(state.press(.enter).isEmpty)
        #expect(state.press(.character("n")).isEmpty)
        state.press(.character("d"))
        #expect(state.press(.character("y")) == [.environmentOperation(collection: 0, .delete(local))])
    }

    @Test("Setting a secret: typed masked, written to .env only, never on screen")
    func settingASecret() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 80, height: 24)
        state.press(.character("l"), .character("s"))
        #expect(state.notice?.text == "Set a secret on a row whose value is {{env:NAME}}")
        state.press(.character("j"), .character("j"), .character("j"), .character("s"))
        #expect(state.screen.contains("Value of DEMO_CLIENT_SECRET (saved in .env only)"))
        state.type("typed-secret")
        #expect(!state.screen.contains("typed-secret"))
        #expect(state.screen.contains("••••"))
        #expect(state.press(.enter) == [.setSecret(collection: 0, name: "DEMO_CLIENT_SECRET", value: "typed-secret")])
        _ = state.update(.secretSaved(collection: 0, name: "DEMO_CLIENT_SECRET", dotEnv: ["DEMO_CLIENT_SECRET": "typed-secret"], .success(nil)), now: 0)
        #expect(state.screen.contains("Saved DEMO_CLIENT_SECRET in .env"))
        #expect(!state.screen.contains("typed-secret"))
        state.press(.character("v"))
        #expect(state.screen.line(7).hasSuffix("{{env:DEMO_CLIENT_SECRET… = typed-secr…│"))
        // Set in sonde's own environment too, which wins: the notice says so.
        state.secretSources[0].processEnvironment["DEMO_CLIENT_SECRET"] = "from-the-shell"
        _ = state.update(.secretSaved(collection: 0, name: "DEMO_CLIENT_SECRET", dotEnv: ["DEMO_CLIENT_SECRET": "typed-secret"], .success(nil)), now: 0)
        #expect(state.notice?.kind == .warning)
        #expect(state.notice?.text.contains("DEMO_CLIENT_SECRET is set in sonde's environment, which wins") == true)
    }

    @Test("Captured values are listed read-only, secrets masked")
    func captured() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.captured[0] = [CapturedValue(name: "userId", value: "42"), CapturedValue(name: "sessionToken", value: "captured-secret", isSecret: true)]
        state.press(.character("E"))
        let grid = state.screen
        #expect(grid.contains("Captured this session (read-only)"))
        #expect(grid.contains("userId = 42"))
        #expect(grid.contains("sessionToken = ••••"))
        #expect(!grid.contains("captured-secret"))
    }

    @Test("Tiny terminals: nothing crashes, every line is clipped")
    func tiny() throws {
        let workspace = try TestWorkspace()
        for (width, height) in [(20, 6), (30, 8), (34, 10), (1, 1)] {
            var state = Self.opened(workspace, width: 120, height: 40)
            state.press(.character("l"))
            state.size = (width, height)
            for key: Key in [.character("a"), .character("x"), .tab, .character("y"), .enter, .escape, .character("m"), .character("n")] {
                state.press(key)
                let grid = state.screen
                #expect(grid.lines.allSatisfy { DisplayWidth.of($0) <= width })
            }
            state.press(.character("s"), .character("d"))
            _ = state.screen
        }
    }

    /// Carries out the view's file effects as the runner does, then the reload they ask for.
    static func run(_ effects: [AppEffect], _ state: inout AppState, _ workspace: TestWorkspace) {
        for effect in effects {
            guard case .environmentOperation(let collection, let operation) = effect else { continue }
            let result: Result<EnvironmentOperation.Done, AppFailure>
            do {
                result = .success(try operation.run(in: state.collections[collection].rootURL, existing: state.collections[collection].environments))
            } catch {
                result = .failure(AppFailure(error.description))
            }
            for next in state.update(.environmentOperationFinished(collection: collection, result), now: 0) {
                if case .reloadCollections = next { _ = state.update(.collectionsReloaded(workspace.load(), select: nil), now: 0) }
            }
        }
    }

    @Test("Created, saved, renamed, deleted on disk: the view follows, and so does the environment in use")
    func filesFollow() throws {
        let workspace = try TestWorkspace()
        var state = Self.opened(workspace, width: 80, height: 24)
        let folder = workspace.collectionRoot.appendingPathComponent("environments")
        state.press(.character("n"))
        state.type("qa")
        Self.run(state.press(.enter), &state, workspace)
        #expect(state.notice?.text == "Created environments/qa.yaml")
        #expect(state.screen.line(1) == "│ Environments      │ Variables of qa                                          │")
        #expect(state.screen.line(3).hasPrefix("│   2. qa           │"))
        state.press(.character("l"), .character("a"))
        state.type("host")
        state.press(.tab)
        state.type("h")
        state.press(.enter)
        Self.run(state.press(.control("s")), &state, workspace)
        #expect(try String(contentsOf: folder.appendingPathComponent("qa.yaml"), encoding: .utf8) == "name: qa\nvariables:\n- name: host\n  value: h\n")
        #expect(!state.screen.contains("unsaved"))

        state.press(.escape, .character("k"), .character("r"), .control("u"))
        state.type("dev")
        Self.run(state.press(.enter), &state, workspace)
        #expect(state.environmentName == "dev")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("dev.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("local.yaml").path))
        #expect(state.screen.line(2) == "│ ● 1. dev          │ environments/dev.yaml · auth: and options: are kept as th│")

        state.press(.character("d"))
        Self.run(state.press(.character("y")), &state, workspace)
        #expect(state.environmentName == "qa")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["qa.yaml", "staging.yaml"])
    }
}
