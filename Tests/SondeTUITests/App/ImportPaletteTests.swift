import Foundation
import SondeCore
import SondeHTTP
import Testing
@testable import SondeTUI

@Suite("Import… from the TUI")
struct ImportPaletteTests {
    static let sonde = TestWorkspace.repositoryRoot.appendingPathComponent(".build/debug/sonde")

    @Test("I asks for a file, shows sonde import's dry run, writes nothing until y, then the request is in the tree")
    func previewThenImport() async throws {
        let workspace = try TestWorkspace()
        let token = "tok-\(UUID().uuidString.prefix(12))"
        let source = workspace.root.appendingPathComponent("orders.sh")
        try "curl 'https://api.example.com/v1/orders' -H 'Authorization: Bearer \(token)'\n".write(to: source, atomically: true, encoding: .utf8)
        let services = AppServices(sender: RequestSender(transport: CurlTransport()), collectionsRoot: workspace.root, history: nil,
                                   environment: [:], sondeExecutable: Self.sonde)
        let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
        let written = workspace.collectionRoot.appendingPathComponent("get-v1-orders.yaml")
        let k = { (key: Key) in InputEvent.key(key) }
        let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
            .init(waitFor: "Collections", input: k(.character("I"))),
            .init(waitFor: "Import into Demo API from", input: .paste(source.path)),
            .init(waitFor: "", input: k(.enter)),
            .init(waitFor: "nothing written yet", input: .resize(width: 120, height: 40)),
            .init(waitFor: "get-v1-orders.yaml", input: k(.character("y"))),
            .init(waitFor: "Imported", input: .resize(width: 120, height: 40)),
            .init(waitFor: "GET  GET /v1/orders", input: k(.control("q"))),
        ], timeout: 60)
        let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(final.wantsQuit)
        let text = try String(contentsOf: written, encoding: .utf8)
        #expect(text.contains("{{env:"), "the token became a reference:\n\(text)")
        #expect(!text.contains(token))
        #expect(!terminal.screen.contains(token))
    }

    @Test("A dry run is shown before anything is written; Esc writes nothing; a failure says why")
    func cancelAndFailure() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.press(.character("I"))
        guard case .prompt(let prompt) = state.overlay, case .importSource(let collection) = prompt.purpose else { throw TestFailure("no prompt") }
        _ = state.update(.input(.paste("/nowhere/x.json")), now: 0)
        let effects = state.press(.enter)
        #expect(effects == [.runImport(source: "/nowhere/x.json", collection: collection, dryRun: true)])
        _ = state.update(.importFinished(ImportPreview(
            source: "/nowhere/x.json", collection: collection, collectionName: "Demo API", isDryRun: true, succeeded: false,
            output: "error: cannot read /nowhere/x.json: no such file\n")), now: 1)
        #expect(state.screen.contains("Import: not possible"))
        #expect(state.screen.contains("cannot read /nowhere/x.json"))
        #expect(state.press(.character("y")).isEmpty, "y does nothing after a failed dry run")

        state.press(.character("I"))
        _ = state.update(.importFinished(ImportPreview(
            source: "a.sh", collection: collection, collectionName: "Demo API", isDryRun: true, succeeded: true,
            output: "would import 1 request\n  demo/\n    a.yaml\nnothing written (--dry-run)\n")), now: 2)
        #expect(state.press(.escape).isEmpty)
        #expect(state.overlay == nil)
    }
}
