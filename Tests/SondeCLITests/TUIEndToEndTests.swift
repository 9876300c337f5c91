import Foundation
import SondeDemoServer
import Testing

/// The real `sonde` binary driven in tmux against the demo server: the path a user takes,
/// checked on screen and, at the end, in the saved file.
@Suite struct TUIEndToEndTests {
    /// A demo collection copy whose `local` environment points at the server at `base`.
    static func collection(base: String) throws -> DemoCollectionCopy {
        let folder = try DemoCollectionCopy()
        try folder.write("environments/local.yaml", """
            name: local
            variables:
              - name: baseUrl
                value: \(base)
              - name: apiKey
                value: demo-key
            auth:
              type: bearer
              token: demo-token
            """)
        return folder
    }

    @Test func pickEditSendFoldTimingEnvironmentSaveQuit() async throws {
        try await withServer { base in
            let folder = try Self.collection(base: base)
            // Closed at the end; a test that throws before then leaves it to `deinit`, which kills it.
            let session = try await TmuxSession.startSonde(["--collections", folder.root.path, "--env", "local"], width: 120, height: 40)

            await see(session, "env: local")
            // Pick a request with the filter.
            try await session.send(keys: "/")
            try await session.type("List users")
            try await session.send(keys: "Enter")
            await see(session, "GET ▾")

            // Edit a header: request pane → tabs → Headers → add a row.
            try await session.send(keys: "Tab", "Down", "2", "Down", "a")
            try await session.type("X-Trace")
            try await session.send(keys: "Tab")
            try await session.type("e2e")
            try await session.send(keys: "Enter")
            await see(session, "List users ●")

            // Send, then fold the first user in the response.
            try await session.send(keys: "C-r")
            await see(session, "200  OK")
            await see(session, "\"name\": \"Ada Lovelace\"")
            try await session.send(keys: "Tab")
            try await session.send(keys: "j", "Space")
            await see(session, "▸ {4 keys}")

            // Timing tab.
            try await session.send(keys: "3")
            await see(session, "Waiting (TTFB)")

            // Switch environment.
            try await session.send(keys: "C-o")
            await see(session, "2. staging")
            try await session.send(keys: "j", "Enter")
            await see(session, "env: staging")

            // Save, then quit.
            try await session.send(keys: "C-s")
            await see(session, "Saved users/list.yaml")
            try await session.send(keys: "q")
            let status = await session.waitForExit()
            let finalScreen = await session.screen()
            #expect(status == 0, "\(finalScreen)")

            let saved = try String(contentsOf: folder.collection.appendingPathComponent("users/list.yaml"), encoding: .utf8)
            #expect(saved.contains("X-Trace"))
            #expect(saved.contains("e2e"))
            #expect(saved.contains("name: List users"))
            #expect(saved.contains("per_page"))
            #expect(saved.contains("description: All users, optionally filtered by name."))
            await session.close()
        }
    }

    /// Issue #10: a request whose file failed to load is not sent, and Esc from the response
    /// then `$` or `q` never types into the URL.
    @Test func aBrokenRequestIsRefusedAndEscNeverEdits() async throws {
        try await withServer { base in
            let folder = try Self.collection(base: base)
            try folder.write("users/fetch.yaml", "name: Fetch a user\nmethod: FETCH\nurl: \"{{baseUrl}}/users/1\"\n")
            let session = try await TmuxSession.startSonde(["--collections", folder.root.path, "--env", "local"], width: 120, height: 40)
            await see(session, "unknown method FETCH")
            await see(session, "! to list")
            try await session.send(keys: "/")
            try await session.type("Fetch a user")
            try await session.send(keys: "Enter", "Enter")
            await see(session, "Not sent: fix this first")
            await see(session, "users/fetch.yaml:2")
            try await session.send(keys: "Escape", "Escape", "/")
            try await session.type("Get a user")
            try await session.send(keys: "Enter", "Enter")
            await see(session, "200  OK")
            try await session.send(keys: "M-3", "Escape", "$", "1")
            let screen = await session.screen()
            #expect(screen.contains("{{baseUrl}}/users/{{userId}} "), "\(screen)")
            #expect(!screen.contains("Get a user ●"), "\(screen)")
            try await session.send(keys: "q")
            #expect(await session.waitForExit() == 0)
            let file = try String(contentsOf: folder.collection.appendingPathComponent("users/get.yaml"), encoding: .utf8)
            #expect(file.contains("url: \"{{baseUrl}}/users/{{userId}}\"\n"))
            await session.close()
        }
    }

    @Test func quittingWithUnsavedChangesAsksAndResizingRedraws() async throws {
        let folder = try DemoCollectionCopy()
        let session = try await TmuxSession.startSonde(["--collections", folder.root.path], width: 100, height: 30)
        await see(session, "Collections")
        try await session.send(keys: "/")
        try await session.type("Get a user")
        try await session.send(keys: "Enter", "Tab", "e")
        try await session.type("?extra=1")
        await see(session, "Get a user ●")

        try await session.resize(width: 40, height: 12)
        let switcher = await session.waitFor { rows in rows.first?.contains("Collections") == true && rows.first?.contains("Response") == true }
        let narrow = await session.screen()
        #expect(switcher, "\(narrow)")
        try await session.resize(width: 24, height: 6)
        await see(session, "Terminal too small")
        try await session.resize(width: 100, height: 30)
        await see(session, "┌─ Response")

        try await session.send(keys: "C-q")
        await see(session, "Unsaved changes")
        try await session.send(keys: "n")
        #expect(await session.isRunning)
        try await session.send(keys: "C-q")
        await see(session, "Unsaved changes")
        try await session.send(keys: "y")
        #expect(await session.waitForExit() == 0)
        let file = try String(contentsOf: folder.collection.appendingPathComponent("users/get.yaml"), encoding: .utf8)
        #expect(!file.contains("extra=1"))
        await session.close()
    }
}

/// Waits for `text` on the screen, recording the screen as it was when it never came.
func see(_ session: TmuxSession, _ text: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation) async {
    if await session.waitFor(text, timeout: timeout) { return }
    let screen = await session.screen()
    Issue.record("never saw \"\(text)\" on screen:\n\(screen)", sourceLocation: sourceLocation)
}
