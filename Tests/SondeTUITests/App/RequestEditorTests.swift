import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Request editor")
struct RequestEditorTests {
    @Test("Editing a header marks the request unsaved, and Ctrl-S asks to save the draft")
    func editHeaderAndSave() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        // URL row → tabs → Headers tab → content → add a row.
        state.press(.down, .character("2"), .down, .character("a"))
        state.type("X-Trace")
        state.press(.tab)
        state.type("on")
        state.press(.enter)
        let editor = try #require(state.editor)
        #expect(editor.draft.headers.contains(KeyValue("X-Trace", "on")))
        #expect(editor.isDirty)
        let grid = state.screen
        #expect(grid.contains("List users ●"))
        #expect(grid.contains("X-Trace"))
        #expect(grid.contains("Headers 1"))

        let effects = state.press(.control("s"))
        guard case .save(let reference, let request) = effects.first else { Issue.record("no save effect: \(effects)"); return }
        #expect(reference == editor.reference)
        #expect(request.definition.headers.contains(KeyValue("X-Trace", "on")))
    }

    @Test("Ctrl-S twice writes only the edited lines and keeps the file's comments")
    func saveKeepsComments() throws {
        let workspace = try TestWorkspace()
        let file = workspace.collectionRoot.appendingPathComponent("users/list.yaml")
        let original = "# Who can see users: see docs/users.md\n" + (try String(contentsOf: file, encoding: .utf8))
        try Data(original.utf8).write(to: file)
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.down, .character("2"), .down, .character("a"))
        state.type("X-Trace")
        state.press(.tab)
        state.type("on")
        state.press(.enter)
        guard case .save(let reference, let request) = state.press(.control("s")).first else { Issue.record("no save effect"); return }
        // What AppRunner does with the effect.
        let saved = try RequestFileWriter.save(request)
        state.update(.saved(reference, .success(saved)), now: 0)
        let first = try String(contentsOf: file, encoding: .utf8)
        #expect(first == original + "headers:\n- name: X-Trace\n  value: on\n")

        state.press(.up, .up, .enter, .end)  // to the URL, edit it, at its end
        state.type("?x=1")
        guard case .save(_, let again) = state.press(.control("s")).first else { Issue.record("no second save effect"); return }
        _ = try RequestFileWriter.save(again)
        let second = try String(contentsOf: file, encoding: .utf8)
        #expect(second == first.replacingOccurrences(of: "url: \"{{baseUrl}}/users\"", with: "url: \"{{baseUrl}}/users?x=1\""))
    }

    @Test("Typing in the URL edits the draft; Enter on the URL sends")
    func url() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.enter)  // edit the URL
        state.type("?x=1")
        #expect(state.editor?.draft.url == "{{baseUrl}}/users?x=1")
        let effects = state.press(.enter)
        guard case .send(let order) = effects.first(where: \.isSend) else { Issue.record("no send"); return }
        #expect(order.request.definition.url == "{{baseUrl}}/users?x=1")
        #expect(order.context.environment?.name == "local")
    }

    @Test("The method selector cycles methods")
    func method() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.left)  // at URL start? the cursor is at the end: Home first
        state.press(.home, .left)
        #expect(state.editor?.focus == .method)
        state.press(.enter)
        #expect(state.editor?.draft.method == .POST)
        #expect(state.screen.contains("POST ▾"))
    }

    @Test("The body tab edits text in place; Ctrl-E asks for the external editor")
    func body() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "Create a user")
        state.focus = .request
        state.press(.down, .character("3"), .down)
        #expect(state.editor?.focus == .content)
        state.press(.character("i"))
        state.press(.end)
        state.type(" ")
        #expect(state.editor?.isDirty == true)
        let effects = state.press(.control("e"))
        guard case .editExternally(_, let text, let ext) = effects.first else { Issue.record("no external edit"); return }
        #expect(ext == "json")
        #expect(text.contains("Ada"))
        _ = state.update(.externalEditFinished(try #require(state.editor?.reference), .success("{\"name\": \"Grace\"}")), now: 0)
        #expect(state.editor?.draft.body == .json("{\"name\": \"Grace\"}"))
        #expect(state.screen.contains("Grace"))
    }

    @Test("The Auth tab shows the effective auth, where it comes from, and masks the secret it sends")
    func authTab() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.secretSources = [SecretSource(processEnvironment: ["DEMO_CLIENT_SECRET": "canary-5ecret"])]
        state.select("auth", "Bearer token (inherited from the environment)")
        state.focus = .request
        state.press(.down, .character("4"))
        var grid = state.screen
        #expect(grid.contains("Bearer token"))
        #expect(grid.contains("environment local"))
        #expect(grid.contains("demo-token"))  // a literal in the environment, not a secret
        // OAuth2 with its secret from {{env:}}: the template shows, never the value.
        state.select("auth", "OAuth2 client credentials")
        state.focus = .request
        state.editor?.tab = .auth
        _ = state.update(.tick, now: 0)  // the preview is prepared in update, never in render
        grid = state.screen
        #expect(grid.contains("auth     OAuth2 client credentials"))
        #expect(grid.contains("sends    Authorization: Bearer <token fetched when sending>"))
        #expect(!grid.contains("canary-5ecret"))
    }

    @Test("The Options tab names the TLS files as written, never the key's pass phrase")
    func optionsTabShowsTLSFiles() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.editor?.tab = .options
        state.editor?.options.selection = OptionField.clientCert.rawValue
        #expect(state.screen.contains("client_cert            —  (not set)"))
        state.editor?.draft.options.tls = TLSOverrides(
            clientCert: "certs/me.p12", clientCertType: .p12, keyPassword: "pass-in-the-file", caCert: "certs/ca.pem")
        state.editor?.options.selection = OptionField.caCert.rawValue  // the rows scroll to show it
        let grid = state.screen
        #expect(grid.contains("client_cert            certs/me.p12"))
        #expect(grid.contains("client_cert_type       p12"))
        #expect(grid.contains("ca_cert                certs/ca.pem"))
        #expect(!grid.contains("pass-in-the-file"))
    }

    @Test("Switching requests keeps each draft")
    func draftsKept() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.press(.character("e"))
        state.type("/x")
        let first = try #require(state.editor?.reference)
        state.select("Users", "Get a user")
        #expect(state.editor?.reference != first)
        #expect(state.isDirty(first))
        #expect(state.screen.contains("List users ●"))
        state.select("Users", "List users")
        #expect(state.editor?.draft.url == "{{baseUrl}}/users/x")
    }
}
