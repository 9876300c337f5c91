import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Folder runs through the runner, against the demo server")
struct FlowRunRunnerTests {
    @Test("R runs a folder: a capture feeds the next request, a failing expectation shows expected and actual, Enter opens the exchange")
    func runFolderAndOpenExchange() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let folder = workspace.collectionRoot.appendingPathComponent("chain")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
                name: "Chain: list"
                method: GET
                url: "{{baseUrl}}/users"
                captures:
                  firstUserId: {json: "$[0].id"}
                expect:
                  status: 200
                """.write(to: folder.appendingPathComponent("1-list.yaml"), atomically: true, encoding: .utf8)
            try """
                name: "Chain: get the first"
                method: GET
                url: "{{baseUrl}}/users/{{firstUserId}}"
                expect:
                  status: 200
                  json:
                    - {path: $.name, equals: Grace Hopper}
                """.write(to: folder.appendingPathComponent("2-get.yaml"), atomically: true, encoding: .utf8)
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Chain: list")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.character("R"))),
                // The run ends with the cursor on the failure, its expected and actual under it.
                .init(waitFor: "1 passed, 1 failed", input: k(.function(12))),
                .init(waitFor: #"expected "Grace Hopper" · got "Ada Lovelace""#, input: k(.enter)),
                .init(waitFor: "ada@example.com", input: k(.character("V"))),
                .init(waitFor: "Run demo/chain", input: k(.character("q"))),
                .init(waitFor: "", input: k(.character("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            let run = try #require(final.flowRun)
            #expect(!run.isRunning)
            #expect(run.steps.map(\.result.id) == ["chain/1-list", "chain/2-get"])
            // The second request went to /users/1: the first one's capture filled {{firstUserId}}.
            #expect(run.steps.last?.result.url.hasSuffix("/users/1") == true)
            let failed = run.steps.last?.result.checks.filter { !$0.passed } ?? []
            #expect(failed == [ExpectationResult(passed: false, description: #"$.name equals "Grace Hopper""#, expected: #""Grace Hopper""#, actual: #""Ada Lovelace""#)])
            // The capture stays a variable of the session, as a single send's does.
            #expect(final.captured[0]?.contains(CapturedValue(name: "firstUserId", value: "1")) == true)
            // Enter opened the failing request's exchange in the response viewer.
            let reference = RequestReference(collection: 0, requestID: "chain/2-get")
            #expect(final.editor?.reference == reference)
            #expect(final.responses[reference]?.document?.response.status == 200)
            #expect(final.responses[reference]?.document?.expectationResults.allPassed == false)
        }
    }
}
