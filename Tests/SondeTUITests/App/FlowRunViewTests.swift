import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Running a folder as a flow from the collections pane (`R`): the effect it asks for, the
/// results view as results come in, Enter opening an exchange, stopping it, and the view's
/// lines on wide and narrow screens.
@Suite("Folder runs in the TUI")
struct FlowRunViewTests {
    static let token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    /// `R`, then `y` to the question a folder with a POST (the login) asks first.
    static func pressRun(_ state: inout AppState) -> [AppEffect] {
        let effects = state.press(.character("R"))
        guard case .confirm(let dialog) = state.overlay, dialog.action == .runFolder else { return effects }
        return state.press(.character("y"))
    }

    /// The demo collection with `flows` selected and `R` pressed: the state and the run's order.
    func startedRun(width: Int = 100, height: Int = 30) throws -> (AppState, FlowRunOrder) {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height)
        state.select("flows")
        let effects = Self.pressRun(&state)
        guard effects.count == 1, case .runFlow(let order) = effects[0] else { throw TestFailure("expected one runFlow effect, got \(effects)") }
        return (state, order)
    }

    /// The login's step: passed, with the token captured as a secret in its response.
    static func loginStep() -> FlowRun.Step {
        var document = makeDocument(json: #"{"access_token":"\#(token)","expires_in":300}"#, secrets: SecretSet([token]))
        document.captured = [CapturedValue(name: "token", value: token, isSecret: true), CapturedValue(name: "tokenLifetime", value: "300")]
        let result = RunResult(id: "flows/login", method: "POST", url: "http://127.0.0.1:8787/oauth/token", status: 200, duration: 0.045,
                               checks: [ExpectationResult(passed: true, description: "status", expected: "200", actual: "200")], outcome: .passed)
        return FlowRun.Step(result: result, document: document)
    }

    /// The protected call's step: two failed expectations and a capture that found nothing.
    static func protectedStep() -> FlowRun.Step {
        let checks = [
            ExpectationResult(passed: false, description: "status", expected: "200", actual: "401"),
            ExpectationResult(passed: false, description: "$.ok equals true", expected: "true", actual: "nothing"),
        ]
        let result = RunResult(
            id: "flows/protected", method: "GET", url: "http://127.0.0.1:8787/oauth/protected", status: 401, duration: 0.0123, checks: checks,
            outcome: .failed(["capture who ($.user) found nothing: the path selects nothing in the body"] + checks.map(\.summary)))
        return FlowRun.Step(result: result, document: makeDocument(json: #"{"error":"invalid_token"}"#, status: 401))
    }

    static func skippedStep() -> FlowRun.Step {
        FlowRun.Step(result: RunResult(id: "flows/users", method: "GET", url: "", outcome: .skipped("needs what an earlier request did not give (who)")), document: nil)
    }

    @Test("R on a folder asks for its requests in run order, opens the results view and counts 0/3")
    func startsRun() throws {
        let (state, order) = try startedRun()
        #expect(order.name == "demo/flows")
        #expect(order.requests.map(\.id) == ["flows/login", "flows/protected", "flows/users"])
        #expect(order.context.environment?.name == "local")
        #expect(state.overlay == .runResults)
        #expect(state.flowRun?.id == order.id)
        #expect(state.flowRun?.isRunning == true)
        #expect(state.screen.contains("0/3 running…"))
        #expect(state.screen.contains("… POST  flows/login      running"))
        // The status bar says what started; the results view's own keys are the hints.
        #expect(state.notice?.text == "Running demo/flows: 3 requests")
        #expect(state.keyContexts == [.runResults])
        #expect(state.screen.line(29).hasSuffix("Enter open · q close"))
    }

    @Test("R on the collection's row runs one flow per top-level folder, as sonde run demo does")
    func collectionRunsEachTopLevelFolder() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.focus = .collections
        state.treeSelection = 0
        guard case .runFlow(let order)? = Self.pressRun(&state).first(where: { if case .runFlow = $0 { true } else { false } }) else {
            Issue.record("no run")
            return
        }
        #expect(order.name == "demo")
        #expect(order.flows.count > 1)
        for flow in order.flows {
            let folders = Set(flow.map { $0.id.split(separator: "/").first.map(String.init) ?? "" })
            #expect(folders.count == 1, "a flow holds one top-level folder: \(flow.map(\.id))")
        }
        #expect(order.flows.contains { $0.map(\.id) == ["flows/login", "flows/protected", "flows/users"] })
    }

    /// A folder holding a request that may change data asks before it runs, as Enter on such a
    /// request does: `n` runs nothing. (R on Users ran DELETE users/delete without a word.)
    @Test("R on a folder with a POST asks first; n runs nothing, y runs it")
    func aFolderThatChangesDataAsksFirst() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("flows")
        #expect(state.press(.character("R")).isEmpty)
        guard case .confirm(let dialog) = state.overlay else {
            Issue.record("expected the question, got \(String(describing: state.overlay))")
            return
        }
        #expect(dialog.message.contains("1 of its 3 requests may change data on the server: POST flows/login"))
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.flowRun == nil)
        #expect(state.press(.character("R"), .character("y")).contains { if case .runFlow = $0 { true } else { false } })
    }

    @Test("R on a request runs its folder; R again while it runs shows it instead of a second run")
    func requestRunsItsFolder() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("flows", "Check the user list")
        guard case .runFlow(let order)? = Self.pressRun(&state).first(where: { if case .runFlow = $0 { true } else { false } }) else {
            Issue.record("no run")
            return
        }
        #expect(order.requests.map(\.id) == ["flows/login", "flows/protected", "flows/users"])
        state.press(.character("q"))
        #expect(state.overlay == nil)
        // Closed, the run goes on: the status bar counts it.
        #expect(state.screen.line(39).contains("Run demo/flows: 0/3 running… · V results · Esc stops"))
        state.focus = .collections
        #expect(state.press(.character("R")).isEmpty)
        #expect(state.overlay == .runResults)
    }

    @Test("Results come in one by one: progress, then the summary; captures become session variables; the cursor goes to the failure")
    func progressThenResults() throws {
        var (state, order) = try startedRun()
        _ = state.update(.runStepFinished(run: order.id, Self.loginStep()), now: 1)
        #expect(state.screen.contains("1/3 running…"))
        #expect(state.screen.contains("… GET   flows/protected  running"))
        // The token captured in the run is a variable for what is sent next, masked in the environment list.
        #expect(state.captured[0]?.map(\.name) == ["token", "tokenLifetime"])
        _ = state.update(.runStepFinished(run: order.id, Self.protectedStep()), now: 2)
        // A result of another run (an older id) changes nothing.
        _ = state.update(.runStepFinished(run: order.id + 100, Self.loginStep()), now: 2)
        _ = state.update(.runStepFinished(run: order.id, Self.skippedStep()), now: 3)
        _ = state.update(.runFinished(run: order.id, cancelled: false), now: 3)
        let run = try #require(state.flowRun)
        #expect(!run.isRunning)
        #expect(run.steps.count == 3)
        #expect(run.summary == "1 passed, 1 failed, 1 skipped")
        #expect(run.selection == 1)
        #expect(state.notice?.text == "demo/flows: 1 passed, 1 failed, 1 skipped")
        #expect(state.notice?.kind == .error)
        #expect(!state.text.contains(Self.token))
    }

    @Test("The results view: a line per request (mark, method, id, status, ms), a failure's expected and actual under it")
    func resultLines() throws {
        var (state, order) = try startedRun(width: 70, height: 16)
        for step in [Self.loginStep(), Self.protectedStep(), Self.skippedStep()] {
            _ = state.update(.runStepFinished(run: order.id, step), now: 1)
        }
        _ = state.update(.runFinished(run: order.id, cancelled: false), now: 1)
        let grid = state.screen
        #expect(Array(grid.lines[0...12]) == [
            "┌─ Run demo/flows ───────────────────────────────────────────────────┐",
            "│ 1 passed, 1 failed, 1 skipped                                      │",
            "│ ✓ POST  flows/login      200   45 ms                               │",
            "│ ✗ GET   flows/protected  401   12 ms                               │",
            "│     ✗ status                                                       │",
            "│       expected 200 · got 401                                       │",
            "│     ✗ $.ok equals true                                             │",
            "│       expected true · got nothing                                  │",
            "│     capture who ($.user) found nothing: the path selects nothing i…│",
            "│ - GET   flows/users      skipped                                   │",
            "│     needs what an earlier request did not give (who)               │",
            "│                                                                    │",
            "│                                                                    │",
        ])
        #expect(grid.lines[13] == "│ Enter opens the exchange · j/k move · Esc closes                   │")
        // The cursor's request is highlighted: the failed one, where the run put it.
        #expect(grid[3, 3].style.reverse)
        #expect(!grid[3, 2].style.reverse)
        #expect(!grid[7, 4].style.reverse)
        state.press(.character("k"))
        #expect(grid[3, 3].style.reverse)
        #expect(state.screen[3, 2].style.reverse)
    }

    @Test("Enter on a request opens its exchange in the response viewer; V comes back to the results")
    func enterOpensExchange() throws {
        var (state, order) = try startedRun()
        _ = state.update(.runStepFinished(run: order.id, Self.loginStep()), now: 1)
        _ = state.update(.runStepFinished(run: order.id, Self.protectedStep()), now: 1)
        _ = state.update(.runFinished(run: order.id, cancelled: false), now: 1)
        #expect(state.flowRun?.selection == 1)
        let effects = state.press(.enter)
        let reference = RequestReference(collection: 0, requestID: "flows/protected")
        #expect(state.overlay == nil)
        #expect(state.editor?.reference == reference)
        #expect(state.focus == .response)
        #expect(state.responses[reference]?.document?.response.status == 401)
        #expect(state.responses[reference]?.tab == .body)
        #expect(state.selectedTreeRow?.request == reference)
        // The opened request's history is asked for, as for any request opened.
        #expect(effects == [.loadHistory(reference)])
        #expect(state.screen.contains("401  Error"))
        #expect(state.screen.contains("invalid_token"))
        state.press(.character("V"))
        #expect(state.overlay == .runResults)
        #expect(state.flowRun?.selection == 1)
        state.press(.character("k"))
        state.press(.character("j"))
        #expect(state.flowRun?.selection == 1)
    }

    @Test("Enter on a request that got no response says why and keeps the results open")
    func enterWithoutExchange() throws {
        var (state, order) = try startedRun()
        _ = state.update(.runStepFinished(run: order.id, Self.skippedStep()), now: 1)
        _ = state.update(.runFinished(run: order.id, cancelled: false), now: 1)
        #expect(state.press(.enter).isEmpty)
        #expect(state.overlay == .runResults)
        #expect(state.notice?.text == "Nothing came back: needs what an earlier request did not give (who)")
    }

    @Test("Esc stops a run (the transfer's id cancelled), then closes; Esc outside the view stops it too")
    func cancelRun() throws {
        var (state, order) = try startedRun()
        _ = state.update(.runStepFinished(run: order.id, Self.loginStep()), now: 1)
        #expect(state.press(.escape) == [.cancel(transfer: order.id)])
        #expect(state.overlay == .runResults)
        _ = state.update(.runFinished(run: order.id, cancelled: true), now: 2)
        #expect(state.flowRun?.summary == "stopped: 1 passed, 0 failed, 2 not run")
        #expect(state.screen.contains("stopped: 1 passed, 0 failed, 2 not run"))
        #expect(state.press(.escape).isEmpty)
        #expect(state.overlay == nil)

        // Closed with q while running, the global Esc stops it.
        var (other, second) = try startedRun()
        other.press(.character("q"))
        #expect(other.overlay == nil)
        #expect(other.press(.escape) == [.cancel(transfer: second.id)])
        // With no run going, Esc in the collections is the filter's again (nothing to cancel).
        _ = other.update(.runFinished(run: second.id, cancelled: true), now: 1)
        #expect(other.press(.escape).isEmpty)
    }

    @Test("V before any run says how to start one")
    func noRunYet() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.press(.character("V"))
        #expect(state.overlay == nil)
        #expect(state.notice?.text == "No run yet: R in the collections runs a folder")
    }

    @Test("A folder whose folder.yaml does not load is not run: the problems are listed")
    func problemsStopTheRun() throws {
        let workspace = try TestWorkspace()
        try "headers: [oops\n".write(to: workspace.collectionRoot.appendingPathComponent("flows/folder.yaml"), atomically: true, encoding: .utf8)
        var state = workspace.state()
        state.select("flows")
        #expect(state.press(.character("R")).isEmpty)
        guard case .problems(let list) = state.overlay else {
            Issue.record("expected the problems list, got \(String(describing: state.overlay))")
            return
        }
        #expect(list.title == "Not run: fix this first")
        #expect(list.entries.first?.problem.file == "flows/folder.yaml")
        #expect(state.flowRun == nil)
    }

    @Test("A request file in the folder that does not load is left out of the run, and the notice says so")
    func unloadedFileLeftOut() throws {
        let workspace = try TestWorkspace()
        try "name: Broken\nmethod: [GET\n".write(to: workspace.collectionRoot.appendingPathComponent("flows/broken.yaml"), atomically: true, encoding: .utf8)
        var state = workspace.state()
        state.select("flows")
        guard case .runFlow(let order)? = Self.pressRun(&state).first else {
            Issue.record("no run")
            return
        }
        #expect(order.requests.map(\.id) == ["flows/login", "flows/protected", "flows/users"])
        #expect(state.notice?.text == "Running demo/flows: 3 requests · 1 file that did not load left out (! lists them)")
        #expect(state.notice?.kind == .warning)
    }

    @Test("Narrow terminals: at the 30-column minimum lines are cut with …; drawn 20 columns wide it fits; below the minimum nothing breaks")
    func narrowTerminal() throws {
        var (state, order) = try startedRun()
        for step in [Self.loginStep(), Self.protectedStep(), Self.skippedStep()] {
            _ = state.update(.runStepFinished(run: order.id, step), now: 1)
        }
        _ = state.update(.runFinished(run: order.id, cancelled: false), now: 1)
        state.size = (30, 10)
        #expect(Array(state.screen.lines.prefix(9)) == [
            "┌─ Run demo/flows ───────────┐",
            "│ 1 passed, 1 failed, 1 skip…│",
            "│ ✓ POST  flows/login      2…│",
            "│ ✗ GET   flows/protected  4…│",
            "│     ✗ status               │",
            "│       expected 200 · got 4…│",
            "│     ✗ $.ok equals true     │",
            "│ Enter opens the exchange ·…│",
            "└────────────────────────────┘",
        ])
        let run = try #require(state.flowRun)
        var grid = ScreenGrid(width: 20, height: 9)
        FlowRunRenderer.render(run, state: state, in: Rect(x: 0, y: 0, width: 20, height: 9), into: &grid)
        #expect(grid.lines == [
            "┌─ Run demo/flows ─┐",
            "│ 1 passed, 1 fail…│",
            "│ ✓ POST  flows/lo…│",
            "│ ✗ GET   flows/pr…│",
            "│     ✗ status     │",
            "│       expected 2…│",
            "│     ✗ $.ok equal…│",
            "│ Enter opens the …│",
            "└──────────────────┘",
        ])
        // Smaller than any dialog can be: nothing is drawn out of bounds.
        grid = ScreenGrid(width: 3, height: 2)
        FlowRunRenderer.render(run, state: state, in: Rect(x: 0, y: 0, width: 3, height: 2), into: &grid)
        // Moving past either end and paging stay inside the list.
        for key: Key in [.end, .pageDown, .character("j"), .home, .character("k"), .pageUp] {
            state.press(key)
            _ = state.screen
        }
        #expect(state.flowRun?.selection == 0)
        // Below the app's minimum the whole screen says so, whatever is open.
        state.size = (20, 12)
        #expect(state.screen.contains("Terminal too small"))
    }
}
