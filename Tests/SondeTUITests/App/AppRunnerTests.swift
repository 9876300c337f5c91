import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Synchronization
import Testing
@testable import SondeTUI

/// A terminal in memory: keeps the frames the runner presents and hands out scripted input,
/// each step waiting until the screen shows what it expects (so tests don't sleep and guess).
/// The runner's thread drives it and the test reads it afterwards, through one `Mutex`.
final class ScriptedTerminal: TerminalBackend, Sendable {
    struct Step: Sendable {
        var waitFor: String
        var input: InputEvent
    }

    private struct Script {
        var steps: [Step]
        var lastFrame = ScreenGrid(width: 0, height: 0)
        var failure: String?
        var suspendCount = 0
        var clipboard: [String] = []
        var givingUp = 0
    }

    let size: (width: Int, height: Int)
    private let script: Mutex<Script>
    private let deadline: Date

    /// Seconds a script waits for the screens it expects before it gives up. Only a failing test
    /// waits this long: the demo server shares the test process's threads, and with the whole
    /// suite on two busy cores one of its answers has taken 8.5 s (first byte), so 15 s failed
    /// tests that were right.
    static let defaultTimeout: TimeInterval = 60

    init(width: Int, height: Int, steps: [Step], timeout: TimeInterval = ScriptedTerminal.defaultTimeout) {
        size = (width, height)
        script = Mutex(Script(steps: steps))
        deadline = Date().addingTimeInterval(timeout)
    }

    var screen: ScreenGrid { script.withLock { $0.lastFrame } }
    var failure: String? { script.withLock { $0.failure } }
    var suspendCount: Int { script.withLock { $0.suspendCount } }

    func present(_ grid: ScreenGrid) { script.withLock { $0.lastFrame = grid } }

    func nextEvent(timeout: Double) -> InputEvent? {
        let (event, waiting): (InputEvent?, Bool) = script.withLock { script in
            if Date() > deadline {
                // Give up: record what was awaited and quit without asking; Esc first, in turn,
                // since a dialog takes every key and may not close on Ctrl-Q.
                if script.failure == nil {
                    script.failure = "timed out waiting for \"\(script.steps.first?.waitFor ?? "")\"; screen:\n\(script.lastFrame)"
                }
                script.givingUp += 1
                return (.key(script.givingUp % 2 == 1 ? .escape : .control("q")), false)
            }
            guard let step = script.steps.first else { return (nil, false) }
            if step.waitFor.isEmpty || script.lastFrame.contains(step.waitFor) {
                script.steps.removeFirst()
                return (step.input, false)
            }
            return (nil, true)
        }
        if waiting { Thread.sleep(forTimeInterval: min(timeout, 0.01)) }
        return event
    }

    func suspend() { script.withLock { $0.suspendCount += 1 } }
    func copyToClipboard(_ text: String) { script.withLock { $0.clipboard.append(text) } }
    var clipboard: [String] { script.withLock { $0.clipboard } }
    func resume() {}
}

/// Makes a runner and runs its blocking loop on a thread of its own, never on the test's
/// cooperative pool. The runner is made on that thread too: it is not `Sendable` (only its loop
/// touches it), so it never crosses threads.
func runOnThread(_ makeRunner: @autoclosure @escaping @Sendable () -> AppRunner) async -> AppState {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: makeRunner().run()) }
        thread.start()
    }
}

extension TestWorkspace {
    /// Runs `body` with a demo collection copy whose `local` environment points at a DemoServer
    /// of its own (`server`: a default one), started on a free port; stops the server and waits
    /// for it whether `body` returns or throws, so no server outlives its test.
    static func withDemoServer<T>(_ server: DemoServer = DemoServer(), _ body: (TestWorkspace) async throws -> T) async throws -> T {
        let port = try await server.start()
        do {
            let workspace = try TestWorkspace()
            try """
                name: local
                variables:
                  - {name: baseUrl, value: "http://127.0.0.1:\(port)"}
                """.write(to: workspace.collectionRoot.appendingPathComponent("environments/local.yaml"), atomically: true, encoding: .utf8)
            let result = try await body(workspace)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    func services(history: ResponseHistory? = nil) -> AppServices {
        AppServices(sender: RequestSender(transport: CurlTransport()), collectionsRoot: root, history: history, environment: [:])
    }
}

@Suite("App runner with a real transport and files")
struct AppRunnerTests {
    @Test("Send through libcurl to the demo server, keep the response in history, create a request file")
    func sendHistoryAndNewRequest() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let historyFolder = workspace.root.appendingPathComponent("history")
            let services = workspace.services(history: ResponseHistory(directory: historyFolder))
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Get a user")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.enter)),                 // send
                .init(waitFor: "200  OK", input: k(.tab)),
                .init(waitFor: "", input: k(.tab)),
                .init(waitFor: "", input: k(.character("4"))),        // History tab
                .init(waitFor: "200  ", input: k(.alt("1"))),
                .init(waitFor: "", input: k(.character("n"))),        // new request
                .init(waitFor: "New request name", input: .paste("Find users")),
                .init(waitFor: "", input: k(.enter)),
                .init(waitFor: "Find users", input: k(.character("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.wantsQuit)
            // The response is in history on disk.
            let entries = try ResponseHistory(directory: historyFolder).entries(collectionRoot: workspace.collectionRoot, requestID: "users/get")
            #expect(entries.count == 1)
            #expect(entries.first?.status == 200)
            // The new request's file exists, named after it, and loads.
            let created = workspace.collectionRoot.appendingPathComponent("users/find-users.yaml")
            #expect(FileManager.default.fileExists(atPath: created.path))
            let reloaded = CollectionLoader.load(from: workspace.collectionRoot)
            #expect(reloaded.collection.request(id: "users/find-users")?.definition.name == "Find users")
            #expect(reloaded.problems.isEmpty)
        }
    }

    @Test("L loads the next page and A all the rest of a paginated request, merged into one array")
    func loadMorePages() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Items, by cursor")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.alt("3"))),
                .init(waitFor: "", input: k(.character("L"))),
                .init(waitFor: "1 pages, 10 items (L more, A all)", input: k(.character("L"))),
                .init(waitFor: "2 pages, 20 items (L more, A all)", input: k(.character("A"))),
                .init(waitFor: "no next cursor", input: k(.character("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            let reference = try #require(final.editor?.reference)
            let pages = try #require(final.responses[reference]?.pages)
            #expect(pages.isFinished)
            #expect(pages.itemCount == pages.pages.reduce(0) { $0 + $1.items.count })
            guard case .json(let tree)? = final.responses[reference]?.document?.content else { Issue.record("no JSON"); return }
            #expect(tree.childCount(of: tree.root) == pages.itemCount)
            #expect(terminal.screen.contains("\"name\": \"item 1\""))
        }
    }

    @Test("Server-Sent Events show live, one line per event, while the transfer runs")
    func liveEvents() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: [
                .init(waitFor: "Collections", input: .key(.character("/"))),
                .init(waitFor: "", input: .paste("Server-Sent")),
                .init(waitFor: "GET ▾", input: .key(.enter)),
                .init(waitFor: "", input: .key(.enter)),              // send
                // Seen before the last event is sent (5 events, 500 ms apart).
                .init(waitFor: "2 records so far (live)", input: .key(.function(12))),
                .init(waitFor: "200  OK", input: .key(.escape)),
                .init(waitFor: "", input: .key(.character("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.transfer == nil)
            #expect(terminal.screen.contains("event: tick") || terminal.screen.contains("tick"))
        }
    }

    @Test("A 429 with Retry-After shows a countdown, and Esc cancels the wait")
    func rateLimitedCountdownCancelled() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            try """
                name: Rate limited
                url: "{{baseUrl}}/flaky"
                params:
                  - {name: id, value: "{{$uuid}}"}
                  - {name: fail, value: "1"}
                  - {name: status, value: "429"}
                  - {name: retry_after, value: "30"}
                options:
                  retry: {attempts: 2, max_wait: 60}
                """.write(to: workspace.collectionRoot.appendingPathComponent("examples/limited.yaml"), atomically: true, encoding: .utf8)
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: .key(.character("/"))),
                .init(waitFor: "", input: .paste("Rate limited")),
                .init(waitFor: "GET ▾", input: .key(.enter)),
                .init(waitFor: "", input: .key(.enter)),
                .init(waitFor: "rate limited, retrying in 2", input: .key(.escape)),  // 29 s, 28 s… (first digit 2)
                .init(waitFor: "Request cancelled", input: .key(.character("q"))),
            ])
            let started = Date()
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.transfer == nil)
            // Uncut, the wait alone is 30 s; a busy machine may take a while to show the countdown.
            #expect(Date().timeIntervalSince(started) < 30, "the 30 s wait was cut short")
        }
    }

    @Test("Duplicate, rename and delete change the files on disk")
    func fileOperations() throws {
        let workspace = try TestWorkspace()
        let collection = workspace.load()[0].collection
        let original = try #require(collection.request(id: "users/list"))
        let copyID = try RequestFileOperations.duplicate(original, in: collection, name: "List users")
        #expect(copyID == "users/list-users")
        let again = try RequestFileOperations.duplicate(original, in: collection, name: "List users")
        #expect(again == "users/list-users-2")  // never overwrites
        var reloaded = CollectionLoader.load(from: workspace.collectionRoot).collection
        let copy = try #require(reloaded.request(id: copyID))
        #expect(copy.definition.params == original.definition.params)
        #expect(copy.sourceText?.contains("description: All users") == true)

        let renamedID = try RequestFileOperations.rename(copy, in: reloaded, to: "Everyone")
        #expect(renamedID == "users/everyone")
        reloaded = CollectionLoader.load(from: workspace.collectionRoot).collection
        #expect(reloaded.request(id: copyID) == nil)
        #expect(reloaded.request(id: renamedID)?.definition.name == "Everyone")

        try RequestFileOperations.delete(try #require(reloaded.request(id: renamedID)))
        #expect(CollectionLoader.load(from: workspace.collectionRoot).collection.request(id: renamedID) == nil)
        #expect(RequestFileOperations.slug("  Héllo, World!  ") == "héllo-world")
    }
}
