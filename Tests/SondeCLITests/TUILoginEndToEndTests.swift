import Foundation
import Testing

/// An authorization code login inside the real `sonde` TUI in tmux, against the demo server:
/// `$BROWSER` is a script that first writes to its stdout and stderr (which must not reach the
/// curses screen), then follows the authorize URL to sonde's callback as a browser would.
@Suite struct TUILoginEndToEndTests {
    @Test func authorizationCodeLoginShowsTheDialogKeepsTheBrowserOffTheScreenAndSends() async throws {
        try await withServer { base in
            let folder = try TUIEndToEndTests.collection(base: base)
            let browser = folder.root.appendingPathComponent("browser.sh")
            try Data("""
                #!/bin/sh
                echo BROWSER-SAYS-HELLO
                echo BROWSER-COMPLAINS >&2
                sleep 2
                exec curl -s -L -o /dev/null "$1"

                """.utf8).write(to: browser)
            chmod(browser.path, 0o755)
            let state = folder.root.appendingPathComponent("state")
            let session = try await TmuxSession.startSonde(
                ["--collections", folder.root.path, "--env", "local"], width: 100, height: 30,
                environment: ["BROWSER": browser.path, "XDG_STATE_HOME": state.path])
            await see(session, "┌─ Collections")
            try await session.send(keys: "/")
            try await session.type("OAuth2 authorization code")
            try await session.send(keys: "Enter", "Enter")
            await see(session, "Waiting for the browser…")
            let dialog = await session.screen()
            await see(session, "200  OK", timeout: 30)
            let response = await session.screen()
            try await session.send(keys: "C-q")
            _ = await session.waitForExit()
            await session.close()

            #expect(dialog.contains("┌─ OAuth2 login · browser") && dialog.contains("/oauth/authorize?response_type=code"), "\(dialog)")
            #expect(response.contains("\"ok\": true"), "\(response)")
            // Words, not whole lines: output that got through lands where the cursor was, and wraps.
            for screen in [dialog, response] {
                #expect(!screen.contains("SAYS-HELLO") && !screen.contains("COMPLAINS"), "\(screen)")
            }
            // The token is kept for the next send (and for `sonde send`), and was never on screen.
            let tokens = state.appendingPathComponent("sonde/oauth2")
            let files = try FileManager.default.contentsOfDirectory(at: tokens, includingPropertiesForKeys: nil).filter { $0.pathExtension == "json" }
            #expect(files.count == 1)
            let file = try #require(files.first)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let access = try #require(record["accessToken"] as? String)
            #expect(!dialog.contains(access) && !response.contains(access))
        }
    }
}
