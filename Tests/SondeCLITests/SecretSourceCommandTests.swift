import Foundation
import PropertyBased
import SondeTestSupport
import Testing

/// `{{cmd:}}` through the real binary: refused until `sonde trust`, run once per process, timed
/// out; `{{file:}}` masked everywhere; `--curl` reads both again when it runs.
@Suite struct SecretSourceCommandTests {
    @Test func anUntrustedCommandDoesNotRunAndATrustedOneRunsOnce() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let marker = folder.root.appendingPathComponent("marker")
            let config = folder.root.appendingPathComponent("config")
            try folder.write("cmd/get.yaml", """
                url: "{{baseUrl}}/echo/get"
                headers:
                  - {name: X-A, value: "{{cmd:echo run >> \(marker.path); echo tok-from-cmd}}"}
                  - {name: X-B, value: "{{cmd:echo run >> \(marker.path); echo tok-from-cmd}}"}
                """)
            let environment = ["XDG_CONFIG_HOME": config.path]
            let send = ["send", "demo/cmd/get", "-v", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
            let refused = try await SondeBinary.run(send, environment: environment)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("cmd/get.yaml:3"), "\(refused.output)")
            #expect(refused.stderr.contains("sonde trust"), "\(refused.output)")
            #expect(!FileManager.default.fileExists(atPath: marker.path), "the untrusted command ran")

            let trusted = try await SondeBinary.run(["trust", folder.collection.path], environment: environment)
            #expect(trusted.status == 0, "\(trusted.output)")
            let listed = try await SondeBinary.run(["trust", "--list"], environment: environment)
            #expect(listed.stdout.contains(folder.collection.resolvingSymlinksInPath().path))
            let sent = try await SondeBinary.run(send, environment: environment)
            #expect(sent.status == 0, "\(sent.output)")
            #expect(!sent.output.contains("tok-from-cmd"), "the command's value was printed: \(sent.output)")
            let runs = try String(contentsOf: marker, encoding: .utf8).split(separator: "\n").count
            #expect(runs == 1, "the command ran \(runs) times in one process")
        }
    }

    @Test func aSlowOrFailingCommandIsAClearError() async throws {
        let folder = try DemoCollectionCopy()
        let config = folder.root.appendingPathComponent("config")
        try folder.write("cmd/slow.yaml", """
            url: "http://127.0.0.1:9/x"
            headers:
              - {name: X-A, value: "{{cmd:echo going-slow >&2; sleep 30}}"}
            """)
        try folder.write("cmd/fail.yaml", """
            url: "http://127.0.0.1:9/x"
            headers:
              - {name: X-A, value: "{{cmd:echo no such vault >&2; exit 3}}"}
            """)
        let environment = ["XDG_CONFIG_HOME": config.path]
        _ = try await SondeBinary.run(["trust", folder.collection.path], environment: environment)
        let started = Date()
        let slow = try await SondeBinary.run(["send", "demo/cmd/slow", "--collections", folder.root.path], environment: environment)
        #expect(Date().timeIntervalSince(started) < 28, "killed at the timeout, not after the command's 30 s")
        #expect(slow.status != 0 && slow.stderr.contains("did not finish within 15 s") && slow.stderr.contains("going-slow"), "\(slow.output)")
        let fail = try await SondeBinary.run(["send", "demo/cmd/fail", "--collections", folder.root.path], environment: environment)
        #expect(fail.stderr.contains("exit status 3") && fail.stderr.contains("no such vault"), "\(fail.output)")
    }

    @Test func theCurlCommandReadsTheFileAndRunsTheCommandItself() async throws {
        let folder = try DemoCollectionCopy()
        let config = folder.root.appendingPathComponent("config")
        try Data("file-secret-1\n".utf8).write(to: folder.collection.appendingPathComponent("token"))
        try folder.write("cmd/curl.yaml", """
            method: POST
            url: "http://127.0.0.1:9/x"
            headers:
              - {name: X-File, value: "{{file:token}}"}
              - {name: X-Cmd, value: "{{cmd:printf '%s: \\"%s\\"' cmd $((6*7))}}"}
            body:
              type: json
              content: '{"f": "{{file:token}}"}'
            """)
        let environment = ["XDG_CONFIG_HOME": config.path]
        _ = try await SondeBinary.run(["trust", folder.collection.path], environment: environment)
        let printed = try await SondeBinary.run(["send", "demo/cmd/curl", "--curl", "--collections", folder.root.path], environment: environment)
        #expect(printed.status == 0, "\(printed.output)")
        #expect(!printed.stdout.contains("file-secret-1") && !printed.stdout.contains("cmd: \"42\""), "\(printed.stdout)")
        #expect(printed.stdout.contains("$(cat -- "), "\(printed.stdout)")
        // curl replaced by a function printing its arguments: the secrets come back when the command runs.
        let script = "curl() { printf '%s\\n' \"$@\"; }\n" + printed.stdout
        let ran = try await SondeBinary.runProgram("/bin/bash", ["-c", script], environment: [:], in: folder.root, timeout: 20)
        #expect(ran.stdout.contains("X-File: file-secret-1"), "\(ran.output)")
        #expect(ran.stdout.contains("X-Cmd: cmd: \"42\""), "\(ran.output)")
        #expect(ran.stdout.contains("{\"f\": \"file-secret-1\"}"), "\(ran.output)")
    }

    @Test func aRandomSecretInAFileIsMaskedInEverythingPrinted() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("prop/file.yaml", """
                url: "{{baseUrl}}/echo/get"
                params:
                  - {name: p, value: "{{file:secret.txt}}"}
                headers:
                  - {name: X-Secret, value: "{{file:secret.txt}}"}
                auth: {type: bearer, token: "{{file:secret.txt}}"}
                """)
            let pool: [Character] = Array("abcXYZ019 -_.~%+/=&@:\"\\'<>?#[]{}!$()*;,éüß中文😀🔑")
            let secrets = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 6...20)
                .map { "k" + $0.trimmingCharacters(in: .whitespaces) + "k" }
            await propertyCheck(count: 8, input: secrets) { secret in
                await recordingThrows {
                    try Data((secret + "\n").utf8).write(to: folder.collection.appendingPathComponent("secret.txt"))
                    let run = try await SondeBinary.run(
                        ["send", "demo/prop/file", "-v", "--collections", folder.root.path, "--var", "baseUrl=\(base)"])
                    #expect(run.status == 0, "\(run.output)")
                    for form in Set(SecretForms.all(of: secret, base64Prefixes: [""])) where run.output.contains(form) {
                        Issue.record("send -v printed the file's secret \(secret) as \(form):\n\(run.output)")
                    }
                }
            }
        }
    }
}
