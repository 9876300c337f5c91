import Foundation
import Testing

/// Issue #14 in the real binary under tmux: create an environment, add a variable holding a
/// secret reference, set the secret's value. The value lands in `.env` (0600), in no YAML file,
/// and on no screen.
@Suite struct EnvironmentViewEndToEndTests {
    static let secret = "e2e-Secret-4711"

    @Test func createAnEnvironmentAddASecretReferenceAndSetItsValue() async throws {
        let folder = try DemoCollectionCopy()
        let session = try await TmuxSession.startSonde(["--collections", folder.collection.path, "--env", "local"], width: 100, height: 30)
        var screens: [String] = []
        func look(_ text: String) async {
            await see(session, text)
            screens.append(await session.screen())
        }

        await look("env: local")
        try await session.send(keys: "E")
        await look("Environments · Demo API")
        try await session.send(keys: "n")
        await look("New environment")
        try await session.type("qa")
        try await session.send(keys: "Enter")
        await look("Created environments/qa.yaml")
        await look("Variables of qa")

        try await session.send(keys: "l", "a")
        try await session.type("token")
        try await session.send(keys: "Tab")
        try await session.type("{{env:QA_TOKEN}}")
        try await session.send(keys: "Enter")
        await look("✗ not set (s sets it)")
        try await session.send(keys: "C-s")
        await look("Saved environments/qa.yaml")

        try await session.send(keys: "s")
        await look("Value of QA_TOKEN (saved in .env only)")
        try await session.type(Self.secret)
        await look("••••")
        try await session.send(keys: "Enter")
        await look("Saved QA_TOKEN in .env")
        await look("✓ set (.env)")

        // The value typed over its own reference is not saved into the YAML file.
        try await session.send(keys: "e", "Tab", "C-u")
        try await session.type(Self.secret)
        try await session.send(keys: "Enter", "C-s")
        await see(session, "refusing to save environments/qa.yaml")
        // Closing asks about the unsaved draft; dropping it leaves the file as saved.
        try await session.send(keys: "Escape", "Escape")
        await see(session, "Close and lose the unsaved variable changes?")
        try await session.send(keys: "y", "q")
        #expect(await session.waitForExit() == 0)
        await session.close()

        for screen in screens { #expect(!screen.contains(Self.secret), "\(screen)") }
        let qa = try String(contentsOf: folder.collection.appendingPathComponent("environments/qa.yaml"), encoding: .utf8)
        #expect(qa == "name: qa\nvariables:\n- name: token\n  value: \"{{env:QA_TOKEN}}\"\n")
        let dotEnv = folder.collection.appendingPathComponent(".env")
        #expect(try String(contentsOf: dotEnv, encoding: .utf8).contains("QA_TOKEN=\(Self.secret)\n"))
        var info = stat()
        #expect(stat(dotEnv.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let enumerator = FileManager.default.enumerator(at: folder.root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
            #expect(!(try String(contentsOf: url, encoding: .utf8)).contains(Self.secret), "\(url.path)")
        }
    }
}
