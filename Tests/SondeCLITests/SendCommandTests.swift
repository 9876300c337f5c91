import Foundation
import Testing
import SondeDemoServer

/// `sonde send` end to end: the real binary, the real demo server on 127.0.0.1, real files.
@Suite struct SendCommandTests {

    private func send(_ request: String, _ base: String, _ extra: [String] = [], collections: URL? = nil, environment: [String: String] = [:]) async throws -> RunResult {
        let folder = collections ?? SondeBinary.repositoryRoot.appendingPathComponent("collections")
        return try await SondeBinary.run(
            ["send", request, "--env", "local", "--collections", folder.path, "--var", "baseUrl=\(base)"] + extra,
            environment: environment)
    }

    @Test func printsTheStatusLineAndPrettyJSON() async throws {
        try await withServer { base in
            let result = try await send("demo/users/list", base, ["--pretty"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("HTTP/1.1 200 OK"))
            #expect(result.stdout.hasPrefix("[\n  {\n    \""))
            #expect(result.stdout.contains("\n    \"id\": 1,\n"))
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            #expect(parsed?.count == 3)
        }
    }

    @Test func verboseShowsRequestAndResponseHeadersAndTimingShowsPhases() async throws {
        try await withServer { base in
            let result = try await send("demo/users/get", base, ["-v", "--timing"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("> GET /users/1 HTTP/1.1\n"))
            #expect(result.stderr.contains("* final URL: \(base)/users/1\n"))
            #expect(result.stderr.contains("> User-Agent: sonde/"))
            #expect(result.stderr.contains("> X-Demo-Folder: users"))
            // A literal token in a collection file is no secret; {{env:...}} ones are (see SecretMaskingTests).
            #expect(result.stderr.contains("> Authorization: Bearer demo-token"))
            #expect(result.stderr.contains("< Content-Type: application/json"))
            for phase in ["DNS lookup", "TCP connect", "Waiting (TTFB)", "Download", "Total"] {
                #expect(result.stderr.contains(phase))
            }
        }
    }

    @Test func writesTheExactBodyToAFileWithDashO() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let file = folder.root.appendingPathComponent("large.json")
            let result = try await send("demo/examples/large", base, ["-o", file.path])
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("saved"))
            let data = try Data(contentsOf: file)
            let items = try JSONSerialization.jsonObject(with: data) as? [Any]
            #expect(items?.count == 10000)
        }
    }

    @Test func everyBodyKindReachesTheServer() async throws {
        try await withServer { base in
            let form = try await send("demo/examples/form", base)
            #expect(form.status == 0)
            #expect(form.stdout.contains("name=Ada+Lovelace&note=caf%C3%A9+%26+cr%C3%A8me"))
            let multipart = try await send("demo/examples/multipart", base)
            #expect(multipart.stdout.contains("filename=\\\"upload.txt\\\""))
            #expect(multipart.stdout.contains("Hello from a file uploaded by sonde."))
            let text = try await send("demo/examples/text", base)
            #expect(text.stdout.contains("\"contentType\":\"text/csv\""))
            let echo = try await send("demo/examples/echo", base)
            #expect(echo.stdout.contains("q=hello%20world&tag=a&tag=b&city=Z%C3%BCrich"))
            let create = try await send("demo/users/create", base)
            #expect(create.status == 0)
            #expect(create.stderr.contains("201"))
            #expect(create.stdout.contains("\"name\":\"Ada Lovelace\""))
        }
    }

    @Test func exitCodesTellFailuresApart() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("errors/missing.yaml", "url: \"{{baseUrl}}/users/999\"\n")
            try folder.write("errors/boom.yaml", "url: \"{{baseUrl}}/status/503\"\n")
            try folder.write("errors/slow.yaml", "url: \"{{baseUrl}}/slow?ms=5000\"\noptions: {timeout: 0.3}\n")
            try folder.write("errors/unknown.yaml", "url: \"{{baseUrl}}/{{nowhere}}\"\n")
            try folder.write("errors/broken.yaml", "url: \"{{baseUrl}}\"\nheaders:\n  - name: [oops\n")
            try folder.write("errors/refused.yaml", "url: http://127.0.0.1:1/\n")
            let collections = folder.root
            #expect(try await send("demo/errors/missing", base, collections: collections).status == 10)
            #expect(try await send("demo/errors/boom", base, collections: collections).status == 11)
            let slow = try await send("demo/errors/slow", base, collections: collections)
            #expect(slow.status == 23)
            #expect(slow.stderr.contains("timeout"))
            let unknown = try await send("demo/errors/unknown", base, collections: collections)
            #expect(unknown.status == 4)
            #expect(unknown.stderr.contains("unknown variable {{nowhere}} in url"))
            let broken = try await send("demo/errors/broken", base, collections: collections)
            #expect(broken.status == 3)
            #expect(broken.stderr.contains("errors/broken.yaml:4:1: invalid YAML"))
            let refused = try await send("demo/errors/refused", base, collections: collections)
            #expect(refused.status == 21)
            #expect(refused.stderr.contains("connection refused"))
            let absent = try await send("demo/errors/absent", base, collections: collections)
            #expect(absent.status == 3)
            #expect(absent.stderr.contains("no request errors/absent"))
            let noEnv = try await SondeBinary.run(["send", "demo/users/list", "--collections", collections.path, "--env", "prod"])
            #expect(noEnv.status == 3)
            #expect(noEnv.stderr.contains("local, staging"))
        }
    }

    @Test func aSendThatGetsNoResponseSaysWhyWithTheExitCodeOfItsKind() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let collections = folder.root.path
            // Not prepared: nothing resolves without an environment, and the message says which to pick.
            // Each message starts at the template that uses the variable.
            let hint = "unknown variable {{baseUrl}} in url: define it in the environment or the collection's variables\n(no environment selected: try --env local)\n"
            let unresolved = try await SondeBinary.run(["send", "demo/users/list", "--collections", collections])
            #expect(unresolved.status == 4)
            #expect(unresolved.stderr == "error: users/list.yaml:4:7: " + hint)
            let unresolvedPage = try await SondeBinary.run(["send", "demo/paging/pages", "--all-pages", "--collections", collections])
            #expect(unresolvedPage.status == 4)
            #expect(unresolvedPage.stderr == "error: page 1: paging/pages.yaml:7:7: " + hint)
            // The token endpoint refuses the client: no token, so the request itself is not sent.
            let refusedClient = try await SondeBinary.run(
                ["send", "demo/auth/oauth2", "--env", "local", "--collections", collections, "--var", "baseUrl=\(base)"],
                environment: ["DEMO_CLIENT_SECRET": "wrong"])
            #expect(refusedClient.status == 5)
            #expect(refusedClient.stderr.hasPrefix("error: OAuth2 token request to \(base)/oauth/token failed: invalid_client ("))
            // No token endpoint at all: a transport failure of the token request, named by the request.
            let noServer = try await SondeBinary.run(
                ["send", "demo/auth/oauth2", "--env", "local", "--collections", collections, "--var", "baseUrl=http://127.0.0.1:1"],
                environment: ["DEMO_CLIENT_SECRET": "demo-client-secret"])
            #expect(noServer.status == 21)
            #expect(noServer.stderr == "error: GET auth/oauth2: connection refused by 127.0.0.1:1 (is the server running?)\n")
        }
    }

    @Test func ctrlCCancelsTheTransferAndExitsWith130() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("errors/slow.yaml", "url: \"{{baseUrl}}/slow?ms=20000\"\n")
            let process = Process()
            process.executableURL = SondeBinary.url
            process.arguments = ["send", "demo/errors/slow", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = ContinuousClock.now
            try process.run()
            // Long enough for the SIGINT handler to be installed even on two busy cores.
            try await Task.sleep(for: .milliseconds(2000))
            kill(process.processIdentifier, SIGINT)
            // Waiting on a thread of its own, as SondeBinary does, to keep the server responsive.
            let status: Int32 = await withCheckedContinuation { continuation in
                Thread { process.waitUntilExit(); continuation.resume(returning: process.terminationStatus) }.start()
            }
            #expect(status == 130)
            #expect(ContinuousClock.now - start < .seconds(15), "it stopped well before the 20 s answer")
        }
    }

    @Test func theDefaultCommandExplainsWhenTheTUICannotStart() async throws {
        // No TERM: the TUI refuses before touching any terminal, and points at `sonde send`.
        let folder = try DemoCollectionCopy()
        let result = try await SondeBinary.run(["--collections", folder.root.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("cannot start the terminal UI"))
        #expect(result.stderr.contains("sonde send"))
        let missing = try await SondeBinary.run(["--collections", "/nonexistent-sonde-folder"], environment: ["TERM": "xterm"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no collections folder at /nonexistent-sonde-folder"))
        let unknownEnvironment = try await SondeBinary.run(["--collections", folder.root.path, "--env", "nope"], environment: ["TERM": "xterm"])
        #expect(unknownEnvironment.status == 3)
        #expect(unknownEnvironment.stderr.contains("no environment nope; the collections have: local, staging"))
    }
}

/// `sonde send --curl`: the command it prints runs in a real shell with the real curl and
/// reaches the server, secrets coming from the shell's own variables.
@Suite struct CurlExportTests {
    @Test func theExportedCommandRunsAndKeepsSecretsInVariables() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let canary = "canary-\(UUID().uuidString.prefix(8))"
            try folder.write("leaks/export.yaml", """
                method: POST
                url: "{{baseUrl}}/echo/export"
                params:
                  - {name: q, value: "it's a test"}
                headers:
                  - {name: X-Secret, value: "{{env:SONDE_CANARY}}"}
                body: {type: json, content: {name: Ada}}
                """)
            let export = try await SondeBinary.run(
                ["send", "demo/leaks/export", "--curl", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"],
                environment: ["SONDE_CANARY": canary])
            #expect(export.status == 0)
            #expect(!export.output.contains(canary))
            #expect(export.stdout.contains("\"${SONDE_CANARY}\""))
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", export.stdout]
            shell.environment = ["PATH": "/usr/bin:/bin", "SONDE_CANARY": canary]
            let output = Pipe()
            shell.standardOutput = output
            try shell.run()
            let data: Data = await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile()) }.start()
            }
            let echo = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(echo["method"] as? String == "POST")
            #expect(echo["query"] as? String == "q=it%27s%20a%20test")
            #expect((echo["body"] as? String)?.contains("\"name\": \"Ada\"") == true)
            let headers = echo["headers"] as? [[String]] ?? []
            #expect(headers.contains(["X-Secret", canary]), "the shell filled in the secret: \(headers)")
        }
    }
}
