import Foundation
import SondeDemoServer
import Testing

/// `sonde send -v` with the `retry:` option: the real binary against the demo API's `/flaky`.
@Suite struct RetryCommandTests {

    private func send(_ request: String, _ base: String, collections: URL, environment: [String: String] = [:]) async throws -> RunResult {
        try await SondeBinary.run(
            ["send", request, "-v", "--env", "local", "--collections", collections.path, "--var", "baseUrl=\(base)"],
            environment: environment)
    }

    @Test func theBundledFlakyRequestSucceedsOnItsThirdAttempt() async throws {
        try await withServer { base in
            let result = try await send("demo/examples/flaky", base, collections: SondeBinary.repositoryRoot.appendingPathComponent("collections"))
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("* attempt") }
            #expect(lines.count == 3, "\(result.stderr)")
            // base 0.2 s with equal jitter: 0.1 to 0.2 s, then 0.2 to 0.4 s.
            #expect(lines.first?.hasPrefix("* attempt 1: 503 Service Unavailable (") == true)
            #expect(lines.first?.contains(", waiting 0.") == true)
            #expect(lines.first?.hasSuffix(" s (backoff)") == true)
            #expect(lines.last?.hasPrefix("* attempt 3: 200 OK (") == true)
            #expect(lines.last?.hasSuffix(")") == true)
            #expect(result.stdout.contains("\"attempt\":3,"))
        }
    }

    @Test func verboseListsEveryAttemptWithItsWaitAndWhyItStopped() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("retry/limited.yaml", """
                url: "{{baseUrl}}/flaky"
                params:
                  - {name: id, value: "limited-\(UUID().uuidString)"}
                  - {name: fail, value: "1"}
                  - {name: status, value: "429"}
                  - {name: retry_after, value: "1"}
                options: {retry: {attempts: 2}}
                """)
            try folder.write("retry/too-long.yaml", """
                url: "{{baseUrl}}/flaky"
                params:
                  - {name: id, value: "long-\(UUID().uuidString)"}
                  - {name: retry_after, value: "30"}
                options: {retry: {attempts: 3, max_wait: 5}}
                """)
            try folder.write("retry/missing.yaml", """
                url: "{{baseUrl}}/users/999"
                options: {retry: 3}
                """)
            let start = ContinuousClock.now
            let limited = try await send("demo/retry/limited", base, collections: folder.root)
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(limited.status == 0)
            #expect(limited.stderr.contains("* attempt 1: 429 Too Many Requests ("))
            #expect(limited.stderr.contains("), waiting 1.0 s (Retry-After)\n* attempt 2: 200 OK ("))

            let tooLong = try await send("demo/retry/too-long", base, collections: folder.root)
            #expect(tooLong.status == 11)
            #expect(tooLong.stderr.contains(
                "), not retried: the server asked for Retry-After 30 s, more than max_wait 5.0 s\n"))
            #expect(!tooLong.stderr.contains("* attempt 2"))

            let missing = try await send("demo/retry/missing", base, collections: folder.root)
            #expect(missing.status == 10)
            let lines = missing.stderr.split(separator: "\n").filter { $0.hasPrefix("* attempt") }
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("* attempt 1: 404 Not Found (") == true)
            #expect(lines.first?.hasSuffix(")") == true)
        }
    }

    @Test func failedAttemptsAreListedWithSecretsMasked() async throws {
        let folder = try DemoCollectionCopy()
        // The host is the secret: it is what a connection-refused message quotes.
        try folder.write("retry/refused.yaml", """
            url: "http://{{env:RETRY_HOST}}:1/"
            options: {retry: {attempts: 2, base: 0.05, jitter: false}}
            """)
        let result = try await SondeBinary.run(
            ["send", "demo/retry/refused", "-v", "--collections", folder.root.path], environment: ["RETRY_HOST": "127.0.0.1"])
        #expect(result.status == 21)
        #expect(result.stderr.contains("* attempt 1: connection refused by ••••:1 (is the server running?) ("))
        #expect(result.stderr.contains("), waiting 0.05 s (backoff)\n* attempt 2: connection refused by ••••:1"))
        #expect(result.stderr.contains("(after 2 attempts)"))
        #expect(!result.output.contains("127.0.0.1"))
    }
}
