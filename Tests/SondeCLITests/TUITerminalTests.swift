import Foundation
import Testing

/// The real `sonde` TUI in tmux, seen from the terminal's side: it takes the screen, follows
/// a resize, and whether it quits or is killed it gives the terminal back exactly as it found
/// it (modes, main screen, cursor, no mouse or keypad reporting).
@Suite struct TUITerminalTests {
    /// Runs sonde under a shell that records its pid, then reports whether the terminal modes
    /// came back unchanged and the exit status, and stays alive so the pane can be inspected.
    private func startSonde(in folder: DemoCollectionCopy, width: Int = 100, height: Int = 30) async throws -> TmuxSession {
        let script = """
            before=$(stty -g)
            "$0" --collections "$1" & echo $! > "$HOME/sonde.pid"; wait $!; status=$?
            [ "$before" = "$(stty -g)" ] && echo "modes restored"
            echo "exit $status"
            sleep 60
            """
        return try await TmuxSession.start(
            ["/bin/sh", "-c", script, SondeBinary.url.path, folder.root.path], width: width, height: height)
    }

    /// The terminal state tmux sees: alternate screen, cursor, mouse and keypad modes.
    private func terminalModes(_ session: TmuxSession) async throws -> String {
        try await session.value(of: "alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} keypad=#{keypad_flag}")
    }

    @Test func quittingGivesTheTerminalBack() async throws {
        let folder = try DemoCollectionCopy()
        let session = try await startSonde(in: folder)
        let opened = await session.waitFor("Collections")
        let screen = await session.screen()
        #expect(opened, "\(screen)")
        #expect(try await terminalModes(session) == "alt=1 cursor=0 mouse=1 keypad=1")

        try await session.send(keys: "C-q")
        let quit = await session.waitFor("exit 0")
        let after = await session.screen()
        #expect(quit, "\(after)")
        #expect(await session.waitFor("modes restored", timeout: 1))
        #expect(try await terminalModes(session) == "alt=0 cursor=1 mouse=0 keypad=0")
        await session.close()
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let folder = try DemoCollectionCopy()
        let session = try await startSonde(in: folder, width: 100, height: 30)
        #expect(await session.waitFor("Collections"))
        #expect(try await session.capture().first?.last == "┐")
        #expect(try await session.capture().first?.count == 100, "the top border spans the width")

        try await session.resize(width: 70, height: 20)
        let redrawn = await session.waitFor { rows in rows.count == 20 && rows.first?.count == 70 && rows.first?.last == "┐" }
        let screen = await session.screen()
        #expect(redrawn, "\(screen)")
        try await session.send(keys: "C-q")
        #expect(await session.waitFor("exit 0"))
        await session.close()
    }

    @Test func sigtermEndsSondeWithTheTerminalGivenBack() async throws {
        let folder = try DemoCollectionCopy()
        let session = try await startSonde(in: folder)
        #expect(await session.waitFor("Collections"))
        let pidText = try String(contentsOf: session.home.appendingPathComponent("sonde.pid"), encoding: .utf8)
        let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))

        kill(pid, SIGTERM)
        let ended = await session.waitFor("exit 143", timeout: 5)
        let screen = await session.screen()
        #expect(ended, "128 + SIGTERM; \(screen)")
        #expect(await session.waitFor("modes restored", timeout: 1))
        #expect(try await terminalModes(session) == "alt=0 cursor=1 mouse=0 keypad=0")
        await session.close()
    }
}
