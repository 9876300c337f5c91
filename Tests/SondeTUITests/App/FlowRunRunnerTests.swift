import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
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

    @Test("Esc stops a run against a slow server at once: the request in flight ends, the next is never sent")
    func escStopsRun() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let folder = workspace.collectionRoot.appendingPathComponent("stall")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "name: \"Stall: slow\"\nmethod: GET\nurl: \"{{baseUrl}}/slow?ms=5000\"\n"
                .write(to: folder.appendingPathComponent("1-slow.yaml"), atomically: true, encoding: .utf8)
            try "name: \"Stall: after\"\nmethod: GET\nurl: \"{{baseUrl}}/users\"\n"
                .write(to: folder.appendingPathComponent("2-after.yaml"), atomically: true, encoding: .utf8)
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Stall: slow")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.character("R"))),
                .init(waitFor: "0/2 running…", input: k(.escape)),
                .init(waitFor: "stopped: 0 passed, 0 failed, 2 not run", input: k(.character("q"))),
                .init(waitFor: "", input: k(.character("q"))),
            ])
            let started = ContinuousClock.now
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(ContinuousClock.now - started < .seconds(4))
            let run = try #require(final.flowRun)
            #expect(run.wasCancelled)
            #expect(run.steps.isEmpty)
        }
    }

    @Test("The demo's flows folder runs green: the captured secret token carries the next request, and neither it nor the client secret reaches the screen")
    func demoFlowsMasked() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            // local.yaml as withDemoServer writes it ends without a line break.
            let local = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
            let handle = try FileHandle(forWritingTo: local)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n  - {name: clientSecret, value: \"{{env:DEMO_CLIENT_SECRET}}\"}\n".utf8))
            try handle.close()
            let services = AppServices(
                sender: RequestSender(transport: CurlTransport()), collectionsRoot: workspace.root, history: nil,
                environment: ["DEMO_CLIENT_SECRET": DemoCredentials.clientSecret])
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Log in and keep")),
                .init(waitFor: "POST ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.character("R"))),
                .init(waitFor: "y run · n/Esc keep", input: k(.character("y"))),
                .init(waitFor: "3 passed, 0 failed", input: k(.enter)),   // the login's exchange
                .init(waitFor: "access_token", input: k(.character("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            let run = try #require(final.flowRun)
            #expect(run.steps.map(\.result.id) == ["flows/login", "flows/protected", "flows/users"])
            #expect(run.failed == 0, "\(run.steps.map(\.result.reasons))")
            let token = try #require(final.captured[0]?.first { $0.name == "token" })
            #expect(token.isSecret)
            #expect(token.value.count == 64)
            let screen = terminal.screen.lines.joined(separator: "\n")
            #expect(screen.contains(#""access_token": "••••""#))
            #expect(!screen.contains(DemoCredentials.clientSecret))
            #expect(!screen.contains(token.value))
            // The login's response, opened from the run, has the token masked too.
            let login = try #require(final.responses[RequestReference(collection: 0, requestID: "flows/login")]?.document)
            #expect(!String(decoding: login.bodyBytes, as: UTF8.self).contains(token.value))
        }
    }
}
