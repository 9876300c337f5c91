import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Each context's keys, pressed through `AppState.update`, do what their binding says.
@Suite("Key dispatch through the key tables")
struct KeyDispatchTests {
    /// "List users" open with the focus in its request editor (on the URL).
    func requestState(_ name: String = "List users", folder: String = "Users") throws -> (TestWorkspace, AppState) {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select(folder, name)
        state.focus = .request
        return (workspace, state)
    }

    /// The binding of `action` in `context`, so a test presses the key the table declares.
    func key(_ action: AppAction, in context: KeyContext) throws -> Key {
        let binding = try #require(KeyMap.bindings(in: context).first { $0.action == action }, "\(action) unbound in \(context)")
        guard case .key(let key) = binding.strokes[0] else { throw TestFailure("\(action) in \(context) is not a single key") }
        return key
    }

    @Test("Global keys work in a text field; ? and q there are text")
    func global() throws {
        var (_, state) = try requestState()
        #expect(state.keyContexts == [.requestURL, .outsideText])
        state.press(try key(.focusResponse, in: .global))
        #expect(state.focus == .response)
        state.press(try key(.focusRequest, in: .global))
        #expect(state.keyContexts == [.requestURL, .outsideText], "moving focus never starts editing")
        state.press(.character("e"))
        #expect(state.keyContexts == [.requestURLEditing])
        #expect(state.press(try key(.reloadCollections, in: .global)) == [.reloadCollections(select: state.editor?.reference)])
        state.type("?q")
        #expect(state.overlay == nil && !state.wantsQuit)
        #expect(state.editor?.draft.url == "{{baseUrl}}/users?q")
        state.press(try key(.switchEnvironment, in: .global))
        guard case .environments = state.overlay else { Issue.record("Ctrl-O did not open the environment list"); return }
    }

    @Test("Collections: e picks the environment, gg and G move, n asks for a name, Enter sends")
    func collections() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        #expect(state.keyContexts == [.collections, .outsideText])
        state.press(.character("e"))
        guard case .environments = state.overlay else { Issue.record("e did not open the environment list"); return }
        state.press(.escape)
        state.press(.character("G"))
        #expect(state.treeSelection == state.treeRows.count - 1)
        state.press(.character("g"), .character("g"))
        #expect(state.treeSelection == 0)
        state.press(.character("n"))
        guard case .prompt(let prompt) = state.overlay else { Issue.record("n did not ask for a name"); return }
        #expect(prompt.title == "New request name")
        state.press(.escape)
        state.select("Users", "List users")
        let effects = state.press(.enter)
        #expect(effects.contains { $0.isSend })
    }

    @Test("Request method and tabs: - and m change the method, digits and ] pick tabs, Enter goes in")
    func methodAndTabs() throws {
        var (_, state) = try requestState()
        state.press(.home, .left)
        #expect(state.keyContexts == [.requestMethod, .outsideText])
        state.press(.character("-"))
        #expect(state.editor?.draft.method == .OPTIONS)  // back from GET wraps to the last
        state.press(.character("m"))
        #expect(state.editor?.draft.method == .GET)
        state.press(.character("j"))
        #expect(state.keyContexts == [.requestTabs, .outsideText])
        state.press(.character("3"))
        #expect(state.editor?.tab == .body)
        state.press(.character("]"))
        #expect(state.editor?.tab == .auth)
        state.press(.enter)
        #expect(state.keyContexts == [.requestAuth, .requestFields, .outsideText])
        state.press(.character("h"))
        #expect(state.editor?.tab == .body)
        state.press(.escape)
        #expect(state.editor?.focus == .tabs)
    }

    @Test("Params and headers: e edits a row (not the environment), x toggles, J moves, d deletes, gg goes to the top")
    func table() throws {
        var (_, state) = try requestState()
        state.press(.down, .character("1"), .down)
        #expect(state.keyContexts == [.requestTable, .outsideText])
        let before = try #require(state.editor?.params.rows)
        #expect(before.count >= 2)
        state.press(.character("x"))
        #expect(state.editor?.draft.params[0].enabled == !before[0].enabled)
        state.press(.character("J"))
        #expect(state.editor?.draft.params[1].name == before[0].name)
        state.press(.character("g"), .character("g"))
        #expect(state.editor?.params.selection == 0)
        state.press(.character("e"))
        #expect(state.overlay == nil)
        #expect(state.editor?.params.editing != nil)
        #expect(state.keyContexts == [])
        state.press(.escape)
        state.press(.character("d"))
        #expect(state.editor?.draft.params.count == before.count - 1)
        state.press(.character("k"))  // from the first row, up leaves for the tabs
        #expect(state.editor?.focus == .tabs)
    }

    @Test("Body: ↑ on the first line goes to the tabs; k types a k")
    func body() throws {
        var (_, state) = try requestState("Create a user")
        state.press(.down, .character("3"), .down)
        #expect(state.keyContexts == [.requestBodyKind, .requestBody, .outsideText])
        state.press(.character("i"))
        #expect(state.keyContexts == [.requestBodyEditing])
        state.press(.character("k"))
        #expect(state.editor?.focus == .content)
        #expect(state.editor?.body.text.hasPrefix("k") == true)
        state.press(.up)
        #expect(state.editor?.focus == .tabs)
    }

    @Test("Response: L fetches the next page and A all pages; 2 picks Headers; Esc goes back to the request")
    func response() throws {
        var (_, state) = try requestState("Items, page by page", folder: "paging")
        state.focus = .response
        #expect(state.keyContexts == [.responseBody, .response, .outsideText])
        let next = state.press(.character("L"))
        guard case .fetchPages(let order, let all) = next.last else { Issue.record("L fetched nothing: \(next)"); return }
        #expect(!all)
        let pagination = try #require(state.editor?.draft.pagination)
        _ = state.update(.pagesFetched(transfer: order.id, PaginationState(pagination), makeDocument(json: #"[{"id": 1}]"#)), now: 1)
        let every = state.press(.character("A"))
        guard case .fetchPages(_, let allPages) = every.last else { Issue.record("A fetched nothing: \(every)"); return }
        #expect(allPages)
        // Without paginate: L says so instead of fetching.
        var (_, plain) = try requestState()
        plain.focus = .response
        let none = plain.press(.character("L"))
        #expect(!none.contains { if case .fetchPages = $0 { true } else { false } })
        #expect(plain.notice?.text == "This request has no paginate: section")
        plain.press(.character("2"))
        #expect(plain.keyContexts == [.responseHeaders, .response, .outsideText])
        plain.press(.escape)
        #expect(plain.focus == .request)
    }

    @Test("Response search line: Enter runs it, Esc drops it, printable keys are text")
    func responseSearch() throws {
        var (_, state) = try requestState()
        guard case .send(let order) = state.press(.control("r")).first(where: \.isSend) else { Issue.record("no send"); return }
        _ = state.update(.transferFinished(transfer: order.id, outcome: .completed(makeDocument(json: #"{"name": "Ada"}"#))), now: 1)
        state.focus = .response
        state.press(.character("/"))
        #expect(state.keyContexts == [.responseSearch])
        state.type("q?")
        #expect(state.overlay == nil && !state.wantsQuit)
        state.press(.escape)
        #expect(state.keyContexts == [.responseBody, .response, .outsideText])
        state.press(.character("/"))
        state.type("ada")
        state.press(.enter)
        #expect(state.currentResponse?.body.message == "Match 1 of 1 for \"ada\"")
    }

    @Test("Dialogs: help scrolls with j, the palette moves with ↓, the environment list picks by number, confirm says no with n")
    func overlays() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.press(.character("?"))
        state.press(.character("j"))
        #expect(state.overlay == .help(scroll: 1))
        state.press(.character("x"))  // any other key closes help
        #expect(state.overlay == nil)
        state.press(.control("p"), .down)
        guard case .palette(_, let selection) = state.overlay else { Issue.record("no palette"); return }
        #expect(selection == 1)
        state.press(.escape)
        state.press(.control("o"), .character("2"))
        #expect(state.overlay == nil)
        #expect(state.environmentName == "staging")
        state.select("Users", "List users")
        state.press(.character("d"))
        guard case .confirm = state.overlay else { Issue.record("d did not ask"); return }
        #expect(state.keyContexts == [.confirm])
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.overlay == nil)
    }
}
