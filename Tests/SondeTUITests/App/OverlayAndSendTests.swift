import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Overlays, sending and quitting")
struct OverlayAndSendTests {
    @Test("? opens help with every key; any key closes it")
    func help() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.press(.character("?"))
        let grid = state.screen
        #expect(grid.contains("Keys"))
        #expect(grid.contains("Ctrl-R"))
        #expect(grid.contains("Send request"))
        state.press(.character("x"))
        #expect(state.overlay == nil)
    }

    @Test("Ctrl-P lists actions by name and runs the chosen one")
    func palette() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.press(.control("p"))
        state.type("environ")
        let grid = state.screen
        #expect(grid.contains("Command palette"))
        #expect(grid.contains("Switch environment"))
        #expect(!grid.contains("Save request"))
        state.press(.enter)
        guard case .environments = state.overlay else { Issue.record("palette did not open environments"); return }
    }

    @Test("The environment list shows each environment and switches")
    func environments() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 40, height: 12)
        state.press(.control("o"))
        let grid = state.screen
        #expect(grid.contains("1. local"))
        #expect(grid.contains("2. staging"))
        state.press(.character("j"), .enter)
        #expect(state.environmentName == "staging")
        #expect(state.screen.contains("env: staging"))
    }

    @Test("Sending shows a spinner with elapsed time; Esc cancels")
    func spinnerAndCancel() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("examples")
        state.select("examples", "A slow answer")
        let effects = state.press(.control("r"), now: 10)
        guard case .send(let order) = effects.first(where: \.isSend) else { Issue.record("no send"); return }
        let id = order.id
        _ = state.update(.tick, now: 11.25)
        var grid = state.screen
        #expect(grid.contains("Sending… 1.2"))
        #expect(grid.contains("Esc cancels"))
        #expect(state.press(.escape, now: 11.3) == [.cancel(transfer: id)])
        _ = state.update(.transferFinished(transfer: id, outcome: .cancelled), now: 11.35)
        grid = state.screen
        #expect(!grid.contains("Sending…"))
        #expect(grid.contains("Request cancelled"))
    }

    @Test("A rate-limited retry shows a countdown that Esc cancels")
    func rateLimitCountdown() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        guard case .send(let order) = state.press(.control("r"), now: 0).first(where: \.isSend) else { Issue.record("no send"); return }
        let id = order.id
        _ = state.update(.retry(transfer: id, .attemptStarted(attempt: 1)), now: 0)
        _ = state.update(.retry(transfer: id, .attemptFinished(Attempt(number: 1, result: .response(status: 429, reason: "Too Many Requests"), duration: 0.01))), now: 0.01)
        _ = state.update(.retry(transfer: id, .waiting(attempt: 2, seconds: 12, reason: .retryAfter)), now: 0.01)
        #expect(state.text.contains("rate limited, retrying in 12 s (attempt 2)"))
        _ = state.update(.tick, now: 5)
        #expect(state.text.contains("rate limited, retrying in 7.0 s (attempt 2)"))
        #expect(state.press(.escape, now: 5.1) == [.cancel(transfer: id)])
        _ = state.update(.retry(transfer: id, .attemptStarted(attempt: 2)), now: 12)
        #expect(!state.text.contains("retrying in"))
        #expect(state.text.contains("Sending… (attempt 2)"))
    }

    @Test("A failed send shows its message in the response pane")
    func failure() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        guard case .send(let order) = state.press(.control("r")).first(where: \.isSend) else { Issue.record("no send"); return }
        let id = order.id
        _ = state.update(.transferFinished(transfer: id, outcome: .failed("connection refused by 127.0.0.1:9")), now: 1)
        #expect(state.screen.contains("connection refused by 127.0.0.1:9"))
    }

    @Test("Quitting with unsaved changes asks first")
    func quitAsks() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        #expect(state.press(.character("q")) == [.quit])
        state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.character("i"))
        state.type("x")
        #expect(state.press(.control("q")).isEmpty)
        #expect(state.screen.contains("Unsaved changes"))
        #expect(state.screen.contains("\"List users\" has unsaved changes"))
        state.press(.character("n"))
        #expect(state.overlay == nil && !state.wantsQuit)
        state.press(.control("q"))
        #expect(state.press(.character("y")) == [.quit])
    }

    @Test("Ctrl-T reveals a secret for three seconds")
    func reveal() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.secretSources = [SecretSource(processEnvironment: ["DEMO_TOKEN_X": "canary-5ecret"])]
        state.select("auth", "Bearer token (inherited from the environment)")
        state.editor?.draft.auth = .bearer(token: "{{env:DEMO_TOKEN_X}}")
        state.focus = .request
        state.editor?.focus = .tabs
        state.editor?.tab = .auth
        _ = state.update(.tick, now: 0)  // the preview is prepared in update, never in render
        #expect(!state.text.contains("canary-5ecret"))
        #expect(state.text.contains("Authorization: ••••"))
        state.press(.control("t"), now: 100)
        #expect(state.text.contains("canary-5ecret"))
        _ = state.update(.tick, now: 103.5)
        #expect(!state.text.contains("canary-5ecret"))
    }
}
