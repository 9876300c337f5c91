import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Collections pane")
struct CollectionsPaneTests {
    @Test("Folders expand and collapse; requests show method badges")
    func tree() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        #expect(state.screen.contains("▸ Users 7") || state.screen.contains("▸ Users"))
        #expect(!state.screen.contains("List users"))
        let usersRow = try #require(state.treeRows.firstIndex { $0.name == "Users" })
        state.treeSelection = usersRow
        state.press(.enter)
        #expect(state.screen.contains("▾ Users"))
        #expect(state.screen.contains("GET  List users"))
        #expect(state.screen.contains("DEL  Delete a user"))
        state.press(.character("h"))
        #expect(!state.screen.contains("List users"))
    }

    @Test("j and k move the selection and open the request under it")
    func movingOpens() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users")
        state.press(.character("l"), .character("j"))
        let opened = try #require(state.editor)
        #expect(state.selectedTreeRow?.request == opened.reference)
        state.press(.character("j"))
        #expect(state.editor?.reference != opened.reference)
    }

    @Test("/ filters by name or URL as you type; Esc clears")
    func filter() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.press(.character("/"))
        state.type("bearer")
        let grid = state.screen
        #expect(grid.contains("Bearer token"))
        #expect(!grid.contains("List users"))
        #expect(grid.contains("/bearer"))
        // The first match is open in the editor, and Enter ends the filter keeping it.
        #expect(state.editor?.draft.name.contains("Bearer") == true)
        state.press(.enter)
        #expect(!state.isFiltering)
        #expect(state.editor?.draft.name.contains("Bearer") == true)
        // By URL: the oauth request's path.
        state.press(.escape)
        #expect(state.filter.text.isEmpty)
        state.press(.character("/"))
        state.type("auth/api-key-query")
        #expect(state.treeRows.compactMap(\.request).count == 1)
        state.press(.escape, .character("/"))
        state.type("no such thing")
        #expect(state.screen.contains("No request matches"))
    }

    /// Clearing the filter leaves the selection on the request it was on, now at another row
    /// number, not on whatever row has the old number (R then ran that row's folder).
    @Test("Esc after a filter keeps the selection on the same request")
    func clearingTheFilterKeepsTheSelection() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.press(.character("/"))
        state.type("bearer")
        let chosen = try #require(state.selectedTreeRow?.request)
        state.press(.enter, .escape)
        #expect(state.filter.text.isEmpty)
        #expect(state.treeRows.count > 3)
        #expect(state.selectedTreeRow?.request == chosen)
        #expect(state.editor?.reference == chosen)
    }

    @Test("A mouse click selects a row and the wheel scrolls")
    func mouse() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 120, height: 12)
        for key in state.expandedKeysForAllFolders() { state.expanded.insert(key) }
        state.refreshTree()
        let target = try #require(state.treeRows.firstIndex { $0.request != nil })
        _ = state.update(.input(.mouse(MouseEvent(.press, x: 5, y: 1 + target))), now: 0)
        #expect(state.treeSelection == target)
        #expect(state.editor?.reference == state.treeRows[target].request)
        _ = state.update(.input(.mouse(MouseEvent(.wheelDown, x: 5, y: 3))), now: 0)
        #expect(state.treeScroll == 3)
        // A click on the response pane focuses it.
        _ = state.update(.input(.mouse(MouseEvent(.press, x: 60, y: 9))), now: 0)
        #expect(state.focus == .response)
    }

    @Test("n asks for a name and creates the request file; d asks before deleting")
    func newAndDelete() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .collections
        state.press(.character("n"))
        guard case .prompt(let prompt) = state.overlay else { Issue.record("no prompt"); return }
        #expect(prompt.title == "New request name")
        #expect(state.screen.contains("New request name"))
        state.type("Search users")
        let effects = state.press(.enter)
        #expect(effects == [.createRequest(collection: 0, folderPath: "users", name: "Search users")])

        state.press(.character("d"))
        guard case .confirm(let dialog) = state.overlay else { Issue.record("no confirmation"); return }
        #expect(dialog.message.contains("List users"))
        #expect(state.screen.contains("y yes · n no"))
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.overlay == nil)
        state.press(.character("d"))
        let reference = try #require(state.selectedTreeRow?.request)
        #expect(state.press(.character("y")) == [.deleteRequest(reference)])
    }
}

extension AppState {
    func expandedKeysForAllFolders() -> [String] {
        var keys: [String] = []
        func walk(_ folder: RequestFolder, _ index: Int) {
            keys.append(CollectionTree.key(collection: index, folderPath: folder.path))
            folder.folders.forEach { walk($0, index) }
        }
        for (index, collection) in collections.enumerated() { walk(collection.root, index) }
        return keys
    }
}
