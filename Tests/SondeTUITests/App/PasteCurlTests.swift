import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("A curl command pasted into the URL")
struct PasteCurlTests {
    static let token = "tok-7f3a9c2e5b1d8e4f6a0b"
    static let command = """
        curl 'https://api.example.com/v1/orders?limit=5' \\
          -X POST \\
          -H 'Content-Type: application/json' \\
          -H 'Authorization: Bearer \(token)' \\
          --data-raw '{"item": "tea", "qty": 2}'
        """

    func openRequest() throws -> (TestWorkspace, AppState) {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        state.focus = .request
        state.editor?.focus = .url
        return (workspace, state)
    }

    @Test("fills method, URL, params, headers, body and auth; the token stays off screen and out of the draft")
    func fills() throws {
        var (_, state) = try openRequest()
        let name = try #require(state.editor?.draft.name)
        _ = state.update(.input(.paste(Self.command)), now: 1)
        let draft = try #require(state.editor?.draft)
        #expect(draft.name == name, "the request keeps its name")
        #expect(draft.method == .POST)
        #expect(draft.url.hasPrefix("https://api.example.com/v1/orders"))
        #expect(draft.params.contains(KeyValue("limit", "5")) || draft.url.hasSuffix("?limit=5"), "\(draft.url) \(draft.params)")
        guard case .json(let body) = draft.body else { throw TestFailure("body \(draft.body)") }
        #expect(body.contains("tea"))
        guard case .bearer(let reference) = draft.auth else { throw TestFailure("auth \(draft.auth)") }
        #expect(reference.hasPrefix("{{env:"), "the token became a reference: \(reference)")
        #expect(!"\(draft)".contains(Self.token))
        #expect(state.editor?.isDirty == true, "nothing is saved until Ctrl-S")
        let name2 = String(reference.dropFirst(6).dropLast(2))
        #expect(state.secretSource(for: 0).value(of: name2) == Self.token, "kept for the session so it sends at once")
        #expect(!state.text.contains(Self.token))
        #expect(state.text.contains("Pasted curl: POST"), "\(state.text)")
        #expect(state.text.contains("{{env:\(name2)}}"))
    }

    @Test("a credential whose name already holds another value is not pasted; plain text is still typed in")
    func conflictAndPlainText() throws {
        var (_, state) = try openRequest()
        _ = state.update(.input(.paste(Self.command)), now: 1)
        let draft = try #require(state.editor?.draft)
        guard case .bearer(let reference) = draft.auth else { throw TestFailure("auth") }
        let name = String(reference.dropFirst(6).dropLast(2))
        state.secretSources[0].dotEnv[name] = "another-value"
        state.editor = RequestEditorState(reference: try #require(state.editor?.reference), saved: try #require(state.editor?.saved))
        state.editor?.focus = .url
        let before = state.editor?.draft
        _ = state.update(.input(.paste(Self.command)), now: 2)
        #expect(state.editor?.draft == before)
        #expect(state.text.contains("already holds another value"))

        _ = state.update(.input(.paste("/extra")), now: 3)
        #expect(state.editor?.url.text.hasSuffix("/extra") == true)
    }

    @Test("a paste that is not a whole command says why and changes nothing")
    func broken() throws {
        var (_, state) = try openRequest()
        let before = state.editor?.draft
        _ = state.update(.input(.paste("curl 'https://x.example/unclosed")), now: 1)
        #expect(state.editor?.draft == before)
        #expect(state.text.contains("Not pasted"))
    }
}
