import Foundation
import Testing
import SondeDemoServer

/// A canary secret given through the environment or `.env` must never show up unmasked in
/// anything sonde prints or writes.
@Suite struct SecretMaskingTests {
    let canary = "canary-\(UUID().uuidString.prefix(12))"

    @Test func aCanarySecretNeverAppearsInAnyOutputOrFile() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("leaks/echo.yaml", """
                method: POST
                url: "{{baseUrl}}/echo/leak"
                params:
                  - {name: token, value: "{{env:SONDE_CANARY}}"}
                headers:
                  - {name: X-Secret, value: "prefix {{env:SONDE_CANARY}} suffix"}
                auth: {type: bearer, token: "{{env:SONDE_CANARY}}"}
                body:
                  type: json
                  content: '{"secret": "{{env:SONDE_CANARY}}"}'
                """)
            try folder.write("leaks/basic.yaml", """
                url: "{{baseUrl}}/auth/basic"
                auth: {type: basic, username: demo, password: "{{env:SONDE_CANARY}}"}
                """)
            try folder.write("leaks/unresolved.yaml", """
                url: "{{baseUrl}}/echo?k={{env:SONDE_CANARY}}&x={{missing}}"
                """)
            try folder.write("leaks/refused.yaml", """
                url: "http://127.0.0.1:1/?k={{env:SONDE_CANARY}}"
                """)
            // The host's first label is over DNS's 63-byte limit, so it fails to resolve without a
            // query leaving the machine.
            try folder.write("leaks/dns.yaml", """
                url: "http://{{env:SONDE_CANARY}}-\(String(repeating: "x", count: 60)).invalid/"
                options: {connect_timeout: 5}
                """)
            try folder.write("leaks/file.yaml", """
                url: "{{baseUrl}}/auth/bearer"
                auth: {type: bearer, token: "{{env:SONDE_CANARY}}"}
                """)
            let common = ["--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
            let output = folder.root.appendingPathComponent("out.json")
            var runs: [RunResult] = []
            runs.append(try await SondeBinary.run(["send", "demo/leaks/echo", "-v", "--timing"] + common, environment: ["SONDE_CANARY": canary]))
            runs.append(try await SondeBinary.run(["send", "demo/leaks/basic", "-v"] + common, environment: ["SONDE_CANARY": canary]))
            runs.append(try await SondeBinary.run(["send", "demo/leaks/unresolved", "-v"] + common, environment: ["SONDE_CANARY": canary]))
            runs.append(try await SondeBinary.run(["send", "demo/leaks/refused", "-v"] + common, environment: ["SONDE_CANARY": canary]))
            runs.append(try await SondeBinary.run(["send", "demo/leaks/file", "-v", "-o", output.path] + common, environment: ["SONDE_CANARY": canary]))
            runs.append(try await SondeBinary.run(["send", "demo/leaks/dns"] + common, environment: ["SONDE_CANARY": canary]))
            // The same secret from the git-ignored .env file instead of the process environment.
            try folder.write(".env", "SONDE_CANARY=\(canary)\n")
            runs.append(try await SondeBinary.run(["send", "demo/leaks/echo", "-v"] + common))

            #expect(runs[0].status == 0)
            #expect(runs[0].output.contains("••••"))
            #expect(runs[0].stdout.contains("/echo/leak"), "the echo came back and was printed")
            #expect(runs[2].status == 4)
            #expect(runs[3].status == 21)
            #expect(runs[5].status == 20, "a DNS failure naming the secret host: \(runs[5].output)")
            #expect(runs[5].output.contains("••••"))
            #expect(runs[6].status == 0)
            #expect(runs[6].output.contains("••••"))
            for (index, run) in runs.enumerated() {
                #expect(!run.output.contains(canary), "run \(index) printed the secret:\n\(run.output)")
            }
            for (path, data) in try folder.allFiles() where !path.hasSuffix("/.env") {
                #expect(!String(decoding: data, as: UTF8.self).contains(canary), "\(path) holds the secret")
            }
            #expect(FileManager.default.fileExists(atPath: output.path))
        }
    }
}
