import Foundation
import Testing

/// The environment's cookie jar across separate `sonde send` processes, on a real demo server.
@Suite struct CookieJarTests {
    private func send(_ request: String, _ base: String, state: URL, _ extra: [String] = []) async throws -> RunResult {
        let folder = SondeBinary.repositoryRoot.appendingPathComponent("collections")
        return try await SondeBinary.run(
            ["send", request, "--env", "local", "--collections", folder.path, "--var", "baseUrl=\(base)"] + extra,
            environment: ["XDG_STATE_HOME": state.path])
    }

    /// The cookies /cookies says it got; nil when the output is not its answer.
    private func cookies(_ result: RunResult) -> [String: String]? {
        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["cookies"] as? [String: String]
    }

    @Test func aCookieSetInOneSendIsSentByTheNextOfTheSameEnvironment() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        try await withServer { base in
            // The redirect to /cookies already carries the cookie just set.
            let set = try await send("demo/cookies/set", base, state: state)
            #expect(set.status == 0, "\(set.output)")
            #expect(cookies(set) == ["session": "demo"])

            let show = try await send("demo/cookies/show", base, state: state)
            #expect(cookies(show) == ["session": "demo"])

            let without = try await send("demo/cookies/show", base, state: state, ["--no-cookies"])
            #expect(cookies(without) == [:], "\(without.output)")

            let jars = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("sonde/cookies").path)
            #expect(jars.count == 1)
            let jar = state.appendingPathComponent("sonde/cookies").appendingPathComponent(jars.first ?? "")
            #expect(jar.lastPathComponent.hasSuffix("-local.txt"))
            let mode = try FileManager.default.attributesOfItem(atPath: jar.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try String(contentsOf: jar, encoding: .utf8).contains("\tsession\tdemo"))
        }
    }
}
