import Foundation
import PropertyBased
import SondeCore
import Testing
@testable import SondeTUI

/// Issue #10, "The TUI never acts by accident": a broken request is never sent, Esc never
/// starts editing, Enter never answers yes to a destructive question, and Enter on a request
/// that changes data asks first.
@Suite("The TUI never acts by accident")
struct NoAccidentTests {
    /// A demo workspace with two broken request files: an unknown method, and a body kind sonde does not know.
    private func brokenWorkspace() throws -> TestWorkspace {
        let workspace = try TestWorkspace()
        let users = workspace.collectionRoot.appendingPathComponent("users")
        try "name: Fetch a user\nmethod: FETCH\nurl: \"{{baseUrl}}/users/1\"\n"
            .write(to: users.appendingPathComponent("fetch.yaml"), atomically: true, encoding: .utf8)
        try "name: Post XML\nmethod: POST\nurl: \"{{baseUrl}}/users\"\nbody: {type: xml}\n"
            .write(to: users.appendingPathComponent("xml.yaml"), atomically: true, encoding: .utf8)
        return workspace
    }

    @Test("A request whose file has problems is marked, refused on Enter and Ctrl-R, and its problems are listed")
    func brokenRequestIsRefused() throws {
        let workspace = try brokenWorkspace()
        var state = workspace.state(width: 120, height: 40)
        #expect(state.loadProblems.map(\.file).sorted() == ["users/fetch.yaml", "users/xml.yaml"])
        #expect(state.screen.line(39).contains("2 problems · ! to list"))
        state.select("Users", "Fetch a user")
        let reference = try #require(state.editor?.reference)
        #expect(state.problems(blocking: reference).map(\.file) == ["users/fetch.yaml"])
        let row = try #require(state.screen.lines.first { $0.hasPrefix("│") && $0.contains("Fetch a user") })
        #expect(row.contains("Fetch a user !"))
        #expect(!(state.screen.lines.first { $0.hasPrefix("│") && $0.contains("List users") } ?? "").contains("List users !"))

        let enter = state.press(.enter)
        #expect(!enter.contains { $0.isSend } && state.transfer == nil)
        guard case .problems(let list) = state.overlay else { Issue.record("no problems list after a refused send"); return }
        #expect(list.entries.map(\.problem.file) == ["users/fetch.yaml"])
        let line = try #require(list.entries.first?.problem.line)
        #expect(state.screen.contains("users/fetch.yaml:\(line)"))
        // Enter opens the file at the problem's line; when the editor returns, the collection is reloaded.
        #expect(state.press(.enter) == [.editFile(workspace.collectionRoot.appendingPathComponent("users/fetch.yaml"), line: line)])
        #expect(state.overlay == nil)
        #expect(state.update(.fileEditFinished(nil), now: 0) == [.reloadCollections(select: reference)])

        state.press(.control("r"))
        #expect(state.transfer == nil)
        // Saving an edited draft of it would write the fallbacks (GET) over `method: FETCH`: refused too.
        state.overlay = nil
        state.focus = .request
        state.editor?.focus = .url
        state.press(.character("e"))
        state.type("?x")
        #expect(state.press(.control("s")).isEmpty)
        #expect(state.notice?.text.hasPrefix("Not saved: users/fetch.yaml:2") == true)
        #expect(try String(contentsOf: workspace.collectionRoot.appendingPathComponent("users/fetch.yaml"), encoding: .utf8).contains("method: FETCH"))
        state.press(.escape)
        // `!` lists every problem of the collection, with file and line.
        state.focus = .collections
        state.press(.character("!"))
        guard case .problems(let all) = state.overlay else { Issue.record("! did not list the problems"); return }
        #expect(all.entries.count == 2)
        #expect(state.screen.contains("2 problems"))
        state.press(.escape)
        #expect(state.overlay == nil)
    }

    @Test("The problems list at 80×24: each problem on its own line with file:line, the selected one highlighted")
    func problemsListLayout() throws {
        let workspace = try brokenWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.press(.character("!"))
        let grid = state.screen
        let rows = grid.lines.enumerated().filter { $0.element.contains("users/") }
        #expect(rows.count == 2)
        for (_, text) in rows { #expect(text.range(of: #"users/(fetch|xml)\.yaml:\d+"#, options: .regularExpression) != nil) }
        #expect(grid.contains("Enter opens in $EDITOR · Esc closes"))
        state.press(.character("j"))
        guard case .problems(let list) = state.overlay else { Issue.record("list closed"); return }
        #expect(list.selection == 1)
    }

    @Test("Esc in the response pane goes back to the request without editing: Esc then $ or q never types into the URL")
    func escapeNeverEdits() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "Get a user")
        let url = try #require(state.editor?.draft.url)
        state.focus = .response
        state.press(.escape)
        #expect(state.focus == .request && state.editor?.focus == .url && state.editor?.isEditing == false)
        state.press(.character("$"), .character("1"))
        #expect(state.editor?.draft.url == url)
        // Tab into the request pane never edits either: a digit picks a tab, not a URL character.
        state.focus = .collections
        state.press(.tab)
        state.type("2")
        #expect(state.editor?.draft.url == url)
        // `q` quits (nothing changed), it does not type a q.
        #expect(state.press(.character("q")) == [.quit])
        #expect(state.editor?.draft.url == url)
    }

    @Test("Enter, e or i starts editing the URL; Esc stops editing and keeps the text; a cursor shows only while editing")
    func explicitEdit() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.character("i"))
        state.type("?q")
        #expect(state.editor?.draft.url == "{{baseUrl}}/users?q")
        state.press(.escape)
        #expect(state.editor?.isEditing == false && state.editor?.focus == .url)
        state.type("x")
        #expect(state.editor?.draft.url == "{{baseUrl}}/users?q")
    }

    @Test("Enter never answers the delete or quit question; only y does, and the dialog says so")
    func enterIsNoAnswer() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.select("Users", "Get a user")
        state.focus = .collections
        state.press(.character("d"))
        #expect(state.screen.contains("y delete · n/Esc keep"))
        #expect(state.press(.enter).isEmpty)
        guard case .confirm = state.overlay else { Issue.record("Enter closed the delete dialog"); return }
        let reference = try #require(state.editor?.reference)
        #expect(state.press(.character("y")) == [.deleteRequest(reference)])

        state = workspace.state(width: 80, height: 24)
        state.select("Users", "List users")
        state.focus = .request
        state.press(.character("e"))
        state.type("x")
        state.press(.control("q"))
        #expect(state.screen.contains("y quit · n/Esc keep working"))
        #expect(state.press(.enter).isEmpty && !state.wantsQuit)
        #expect(state.press(.character("y")) == [.quit])
    }

    @Test("Enter sends GET at once, asks before DELETE (Enter there is no answer); Ctrl-R sends without asking")
    func unsafeMethodsAsk() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.select("Users", "Get a user")
        state.focus = .collections
        #expect(state.press(.enter).contains { $0.isSend })

        state = workspace.state(width: 80, height: 24)
        state.select("Users", "Delete a user")
        state.focus = .collections
        #expect(!state.press(.enter).contains { $0.isSend })
        #expect(state.screen.contains("Send DELETE"))
        #expect(state.screen.contains("y send · n/Esc keep"))
        #expect(!state.press(.enter).contains { $0.isSend })
        #expect(state.press(.character("y")).contains { $0.isSend })

        state = workspace.state(width: 80, height: 24)
        state.select("Users", "Create a user")
        state.focus = .request
        state.press(.enter)  // edit the URL; Enter there sends, and asks for a POST
        #expect(!state.press(.enter).contains { $0.isSend })
        #expect(state.press(.character("n")).isEmpty && state.overlay == nil)
        #expect(state.press(.control("r")).contains { $0.isSend })
    }

    /// Keys that may change a draft or a file on purpose, left out of the random sequences:
    /// Enter, `e`, `i` (start editing; Enter also sends, cycles the method, accepts a dialog),
    /// `a`, `o`, `O` (add a row), `d`, Delete (delete a row, or a request after asking), `x`,
    /// Space (switch a row on or off; Space also cycles the method), `J`, `K` (move a row),
    /// `m`, `M`, `+`, `-` (change the method), `n`, `y`, `r` (new, duplicate, rename; `y` says
    /// yes), Ctrl-E (the body in `$EDITOR`) and Ctrl-S (save).
    private static let keys: [Key] = {
        let characters = Array("jkhlgGzcRw/?q!$pLAN[]12345#é")
        return characters.map(Key.character)
            + [.escape, .tab, .backTab, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backspace, .function(5)]
            + ["r", "l", "o", "t", "p", "q", "c", "d", "u"].map(Key.control)
            + ["1", "2", "3"].map(Key.alt)
    }()

    @Test("Property: a key sequence without an explicit edit key changes no draft and asks for no file change")
    func noEditWithoutAnEditKey() async throws {
        let workspace = try TestWorkspace()
        let loaded = workspace.load()
        let sequences = Gen<Key?>.element(of: Self.keys).map { $0 ?? .escape }.array(of: 1...40)
        let starts = Gen<Int?>.element(of: Array(0..<6)).map { $0 ?? 0 }
        await propertyCheck(count: 300, input: sequences, starts) { keys, start in
            var state = AppState(collections: loaded, environmentName: "local", size: (100, 30))
            state.select("Users", start % 2 == 0 ? "List users" : "Create a user")
            state.focus = [Pane.collections, .request, .response][start / 2]
            var effects: [AppEffect] = []
            for key in keys { effects += state.update(.input(.key(key)), now: 0) }
            #expect(state.dirtyReferences.isEmpty, "keys \(keys)")
            for effect in effects {
                switch effect {
                case .save, .createRequest, .duplicateRequest, .renameRequest, .deleteRequest, .editExternally, .editFile:
                    Issue.record("\(effect) after \(keys)")
                default:
                    break
                }
            }
        }
    }
}
