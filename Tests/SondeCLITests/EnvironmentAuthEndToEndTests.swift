import Foundation
import Testing

/// Issue #14's whole path in one tmux session on the real `sonde` against the demo server:
/// create an environment, add a secret reference, set its value (into `.env`, not YAML), switch
/// a request's auth to an API key read from that secret, send it, and see the effective auth
/// of every environment, masked.
@Suite struct EnvironmentAuthEndToEndTests {
    @Test func environmentSecretAPIKeySendAndEffectiveAuth() async throws {
        try await withServer { base in
            let folder = try TUIEndToEndTests.collection(base: base)
            try folder.write("auth/key-check.yaml", """
                name: Key check
                method: GET
                url: "{{baseUrl}}/auth/api-key"
                auth:
                  type: bearer
                  token: wrong
                """)
            let session = try await TmuxSession.startSonde(["--collections", folder.root.path, "--env", "local"], width: 120, height: 40)
            var screens: [String] = []
            func look(_ text: String) async {
                await see(session, text)
                screens.append(await session.screen())
            }

            // A new environment with a secret reference, its value set from the TUI.
            await look("env: local")
            try await session.send(keys: "E")
            await look("Environments · Demo API")
            try await session.send(keys: "n")
            await look("New environment")
            try await session.type("qa")
            try await session.send(keys: "Enter")
            await look("Variables of qa")
            try await session.send(keys: "l", "a")
            try await session.type("key")
            try await session.send(keys: "Tab")
            try await session.type("{{env:DEMO_API_KEY}}")
            try await session.send(keys: "Enter")
            await look("✗ not set (s sets it)")
            try await session.send(keys: "C-s")
            await look("Saved environments/qa.yaml")
            try await session.send(keys: "s")
            await look("Value of DEMO_API_KEY (saved in .env only)")
            try await session.type("demo-key")
            try await session.send(keys: "Enter")
            await look("✓ set (.env)")
            try await session.send(keys: "Escape", "Escape")
            await look("┌─ Collections")

            // The request's auth becomes an API key from that secret; it is sent.
            try await session.send(keys: "/")
            try await session.type("Key check")
            try await session.send(keys: "Enter")
            await look("GET ▾")
            try await session.send(keys: "Tab", "Down", "4", "Down", "e")
            await look("◂ request ▸")
            try await session.send(keys: "Down", "Right")
            await look("◂ API key in a header ▸")
            try await session.send(keys: "Down", "Down", "Enter")
            try await session.type("{{env:DEMO")
            await look("set in .env")
            try await session.send(keys: "Tab", "Enter")
            await look("sent: api_key from the request")
            try await session.send(keys: "C-s")
            await look("Saved auth/key-check.yaml")
            try await session.send(keys: "C-r")
            await look("200  OK")
            await look("\"authenticated\": true")

            // What it sends in every environment, masked.
            try await session.send(keys: "v")
            await look("Effective auth — Key check")
            let screen = await session.screen()
            #expect(screen.contains("●local       api_key header X-API-Key"), "\(screen)")
            #expect(screen.contains(" staging     api_key header X-API-Key"), "\(screen)")
            #expect(screen.contains(" qa          api_key header X-API-Key"), "\(screen)")
            try await session.send(keys: "Escape", "C-q")
            _ = await session.waitForExit()
            await session.close()

            for screen in screens { #expect(!screen.contains("DEMO_API_KEY=demo-key"), "\(screen)") }
            let dotEnv = folder.collection.appendingPathComponent(".env")
            #expect(try String(contentsOf: dotEnv, encoding: .utf8).contains("DEMO_API_KEY=demo-key\n"))
            var info = stat()
            #expect(stat(dotEnv.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
            let qa = try String(contentsOf: folder.collection.appendingPathComponent("environments/qa.yaml"), encoding: .utf8)
            #expect(qa == "name: qa\nvariables:\n- name: key\n  value: \"{{env:DEMO_API_KEY}}\"\n")
            let request = try String(contentsOf: folder.collection.appendingPathComponent("auth/key-check.yaml"), encoding: .utf8)
            #expect(request.contains("value: \"{{env:DEMO_API_KEY}}\"") && !request.contains("demo-key"), "\(request)")
        }
    }
}
