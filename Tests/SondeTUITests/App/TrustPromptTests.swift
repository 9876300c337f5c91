import Foundation
import SondeCore
import SondeHTTP
import Testing
@testable import SondeTUI

@Suite("Trusting a collection's {{cmd:}} commands from the TUI")
struct TrustPromptTests {
    /// The demo copy with a request whose token comes from a command.
    func state() throws -> (TestWorkspace, AppState) {
        let workspace = try TestWorkspace()
        try """
            name: From a command
            method: GET
            url: "{{baseUrl}}/users"
            headers:
              - {name: X-Token, value: "{{cmd:echo cmd-token-a}}"}
            """.write(to: workspace.collectionRoot.appendingPathComponent("users/from-command.yaml"), atomically: true, encoding: .utf8)
        var state = workspace.state()
        state.secretSources = [SecretSource(processEnvironment: [:], collectionRoot: workspace.collectionRoot, commandsTrusted: false)]
        state.select("Users", "From a command")
        return (workspace, state)
    }

    @Test("Sending asks first, naming the command and its file:line; n runs and sends nothing")
    func asksAndNo() throws {
        var (_, state) = try state()
        let effects = state.press(.control("r"))
        #expect(!effects.contains { $0.isSend })
        guard case .confirm(let dialog) = state.overlay else { throw TestFailure("no question") }
        #expect(dialog.message.contains("echo cmd-token-"))
        #expect(dialog.message.contains("users/from-command.yaml:5"), "\(dialog.message)")
        #expect(state.screen.contains("Run commands for secrets?"))
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.transfer == nil)
    }

    @Test("y records the trust through the runner, then sends; a trusted collection is not asked again")
    func yesThenSend() throws {
        var (_, state) = try state()
        state.press(.control("r"))
        let effects = state.press(.character("y"))
        guard case .trustCollection(let collection, let reference)? = effects.first else { throw TestFailure("\(effects)") }
        let sent = state.update(.collectionTrusted(collection: collection, thenSend: reference), now: 1)
        let didSend = sent.contains { $0.isSend }
        #expect(didSend)
        #expect(state.secretSource(for: 0).commandsTrusted)
        _ = state.update(.transferFinished(transfer: state.transfer?.id ?? 0, outcome: .failed("x")), now: 2)
        let again = state.press(.control("r")).contains { $0.isSend }
        #expect(again, "no second question")
    }

    @Test("The runner writes the trust where sonde trust does, and the request goes out with the command's value")
    func runner() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            try """
                name: From a command
                method: GET
                url: "{{baseUrl}}/headers"
                headers:
                  - {name: X-Token, value: "{{cmd:printf cmd-token-42}}"}
                """.write(to: workspace.collectionRoot.appendingPathComponent("users/from-command.yaml"), atomically: true, encoding: .utf8)
            let config = workspace.root.appendingPathComponent("config")
            let services = AppServices(sender: RequestSender(transport: CurlTransport()), collectionsRoot: workspace.root, history: nil,
                                       environment: ["XDG_CONFIG_HOME": config.path])
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("From a command")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.enter)),                 // send
                .init(waitFor: "Run commands for secrets?", input: k(.character("y"))),
                .init(waitFor: "200  OK", input: k(.control("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.wantsQuit)
            #expect(TrustedCollections(environment: ["XDG_CONFIG_HOME": config.path]).isTrusted(workspace.collectionRoot))
            #expect(!terminal.screen.contains("cmd-token-42"), "a command's value is a secret on screen")
        }
    }
}
