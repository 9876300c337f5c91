import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("App layout at several sizes")
struct AppLayoutTests {
    @Test("120×40 shows the three panes side by side and the status bar")
    func wide() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 120, height: 40)
        state.select("Users", "List users")
        let grid = state.screen
        #expect(grid.width == 120 && grid.height == 40)
        #expect(grid.line(0).hasPrefix("┌─ Collections"))
        #expect(grid.line(0).contains("┌─ List users"))
        #expect(grid.contains("┌─ Response"))
        #expect(grid.contains("GET  List users"))
        #expect(grid.line(1).contains("GET ▾"))
        #expect(grid.line(1).contains("{{baseUrl}}/users"))
        #expect(grid.line(39).contains("env: local"))
        #expect(grid.line(39).contains("? help"))
        // Nothing is drawn past the right edge: every row is exactly 120 cells.
        #expect(grid.cells.count == 120 * 40)
    }

    @Test("80×24 keeps the side-by-side layout with the request above the response")
    func standard() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.select("Users", "Get a user")
        let layout = state.layout
        #expect(layout.collections == Rect(x: 0, y: 0, width: 24, height: 23))
        #expect(layout.request?.x == 24 && layout.response?.x == 24)
        #expect((layout.request?.height ?? 0) + (layout.response?.height ?? 0) == 23)
        let grid = state.screen
        #expect(grid.contains("Get a user"))
        #expect(grid.contains("1 Body"))
    }

    @Test("40×12 shows only the focused pane under a pane switcher")
    func narrow() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 40, height: 12)
        var grid = state.screen
        #expect(grid.line(0).contains("Collections"))
        #expect(grid.line(0).contains("Request"))
        #expect(grid.line(1).hasPrefix("┌─ Collections"))
        #expect(!grid.contains("┌─ Response"))
        state.select("Users", "List users")
        state.press(.tab)
        grid = state.screen
        #expect(state.focus == .request)
        #expect(grid.line(1).contains("List users"))
        #expect(grid.line(2).contains("GET ▾"))
        state.press(.tab)
        grid = state.screen
        #expect(grid.line(1).hasPrefix("┌─ Response"))
        #expect(grid.contains("No response yet"))
    }

    @Test("Below the minimum size a message says how large the terminal must be")
    func tooSmall() throws {
        let workspace = try TestWorkspace()
        let state = workspace.state(width: 20, height: 6)
        let grid = state.screen
        #expect(grid.contains("Terminal too small"))
        #expect(grid.contains("20×6"))
        #expect(grid.contains("needs 30×8"))
    }

    @Test("Below the minimum size keys act on nothing unseen: typing, saving and sending do nothing; Ctrl-Q still quits, asking first about unsaved changes")
    func tooSmallTakesOnlyQuit() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 100, height: 30)
        state.select("Users", "Create a user")
        state.focus = .request
        state.press(.down, .character("3"), .down, .character("i"))
        state.type("x")
        #expect(state.editor?.isDirty == true)
        let draft = state.editor?.draft
        _ = state.update(.input(.resize(width: 20, height: 6)), now: 0)
        // Blind keys, a paste and the save and send keys: nothing changes, nothing is asked of the runner.
        var effects: [AppEffect] = []
        for key: Key in [.character("y"), .enter, .backspace, .control("s"), .control("r"), .character("d"), .escape, .tab] {
            effects += state.press(key)
        }
        effects += state.update(.input(.paste("pasted")), now: 0)
        #expect(effects.isEmpty)
        #expect(state.editor?.draft == draft)
        // Ctrl-Q asks about the unsaved change, on the small screen; n keeps working, y quits.
        #expect(state.press(.control("q")).isEmpty)
        #expect(state.screen.contains("Quit and lose them?"))
        state.press(.character("n"))
        #expect(state.screen.contains("Terminal too small"))
        #expect(!state.wantsQuit)
        state.press(.control("q"))
        #expect(state.press(.character("y")).contains(.quit))
    }

    @Test("Resizing redraws for the new size")
    func resize() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 120, height: 40)
        _ = state.update(.input(.resize(width: 50, height: 15)), now: 0)
        let grid = state.screen
        #expect(grid.width == 50 && grid.height == 15)
        #expect(grid.line(14).contains("env: local"))
        _ = state.update(.input(.resize(width: 10, height: 3)), now: 0)
        #expect(state.screen.contains("Terminal"))
    }
}
