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
        let lines = state.screen.lines.map(Array.init)
        guard let top = lines.firstIndex(where: { String($0).contains("┌─ Auth") || String($0).contains("┌─ Effective auth") }),
              let left = lines[top].firstIndex(of: "┌"), let right = lines[top][left...].firstIndex(of: "┐") else { return [] }
        var rows: [String] = []
        for line in lines[top...] {
            rows.append(String(line[left...right]))
            if line[left] == "└" { break }
        }
        return rows
    }

    @Test("The editor shows the level, the kind, and which level wins (80×24)")
    func editorAt80() throws {
        var (_, state) = try authTab(width: 80, height: 24)
        state.press(.character("e"))
        #expect(dialog(state) == [
            "┌─ Auth — Bearer token (inherited from the environment) ─────────────────────┐",
            "│ level          ◂ request ▸  auth/bearer.yaml                               │",
            "│ kind           ◂ inherit ▸                                                 │",
            "│                                                                            │",
            "│ sent: bearer from environment local; request says inherit                  │",
            "│ ↓ save · Enter edit · Ctrl-S save · Esc close                              │",
            "└────────────────────────────────────────────────────────────────────────────┘",
        ])
    }
}
