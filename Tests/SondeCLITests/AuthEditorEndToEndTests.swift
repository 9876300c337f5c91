import Foundation
import Testing

/// The auth editor and the effective-auth view, driven in tmux on the real `sonde` against the
/// demo server: switch a request to an API key from `.env`, save, send, then see what it sends
/// in each environment, masked.
@Suite struct AuthEditorEndToEndTests {
    @Test func switchToAPIKeySaveSendAndSeeEveryEnvironment() async throws {
        try await withServer { base in
            let folder = try TUIEndToEndTests.collection(base: base)
            // The key the demo server wants lives in .env; the request starts with a wrong token.
            try folder.write(".env", "DEMO_API_KEY=demo-key\n")
            try folder.write("auth/key-check.yaml", """
                # checks the X-API-Key header
                name: Key check
                method: GET
                url: "{{baseUrl}}/auth/api-key"
                auth:
                  type: bearer
                  token: wrong
                """)
            let session = try await TmuxSession.startSonde(["--collections", folder.root.path, "--env", "local"], width: 120, height: 40)

            await see(session, "env: local")
            try await session.send(keys: "/")
            try await session.type("Key check")
            try await session.send(keys: "Enter")
            await see(session, "GET ▾")
            // Request pane → tabs → Auth → into the tab → the editor.
            try await session.send(keys: "Tab", "Down", "4", "Down", "e")
            await see(session, "◂ request ▸")
            // Kind: bearer → API key in a header; its value from the secret references.
            try await session.send(keys: "Down", "Right")
            await see(session, "◂ API key in a header ▸")
            try await session.send(keys: "Down", "Down", "Enter")
            try await session.type("{{env:DEMO")
            await see(session, "set in .env")
            try await session.send(keys: "Tab", "Enter")
            await see(session, "sent: api_key from the request")
            try await session.send(keys: "C-s")
            await see(session, "Saved auth/key-check.yaml")

            try await session.send(keys: "C-r")
            await see(session, "200  OK")
            await see(session, "\"authenticated\": true")

            // Every environment at once, masked.
            try await session.send(keys: "v")
            await see(session, "Effective auth — Key check")
            let screen = await session.screen()
            #expect(screen.contains("●local       api_key header X-API-Key"), "\(screen)")
            #expect(screen.contains(" staging     api_key header X-API-Key"), "\(screen)")
            #expect(!screen.contains("demo-key"), "\(screen)")

            let saved = try String(contentsOf: folder.collection.appendingPathComponent("auth/key-check.yaml"), encoding: .utf8)
            #expect(saved == """
                # checks the X-API-Key header
                name: Key check
                method: GET
                url: "{{baseUrl}}/auth/api-key"
                auth:
                  type: api_key
                  name: X-API-Key
                  value: "{{env:DEMO_API_KEY}}"
                  in: header
                """ + "\n")
            try await session.send(keys: "Escape", "C-q")
            _ = await session.waitForExit()
            await session.close()
        }
    }
}
