import Foundation
import Testing

/// `sonde cookies list|clear`, cookie values masked in what `sonde send` prints, one jar per
/// environment, `--no-cookies`, and `--curl` on the same jar: the real binary, a real demo server.
@Suite struct CookiesCommandTests {
    /// A copy of the demo collection with a second environment and a login that sets a long
    /// session cookie without following the redirect (so its Set-Cookie is the final response's),
    /// and a folder for the jars.
    final class Workspace {
        let folder: DemoCollectionCopy
        let state: URL
        let base: String
        let token = "Zq81cXkT" + UUID().uuidString.prefix(8)

        init(base: String) throws {
            folder = try DemoCollectionCopy()
            state = folder.root.appendingPathComponent("state")
            self.base = base
            try folder.write("environments/second.yaml", "name: second\nvariables:\n  - {name: baseUrl, value: http://127.0.0.1:9}\n")
            try folder.write("t/login.yaml", """
                url: "{{baseUrl}}/cookies/set?sid=\(token)"
                options: {follow_redirects: false}
                """)
        }

        var jars: URL { state.appendingPathComponent("sonde/cookies") }

        /// The jar file of environment `environment` (the only one ending so).
        func jar(_ environment: String) throws -> URL {
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: jars.path).first { $0.hasSuffix("-\(environment).txt") })
            return jars.appendingPathComponent(name)
        }

        func sonde(_ arguments: [String]) async throws -> RunResult {
            try await SondeBinary.run(arguments + ["--collections", folder.root.path], environment: ["XDG_STATE_HOME": state.path])
        }

        func send(_ request: String, env: String = "local", _ extra: [String] = []) async throws -> RunResult {
            try await sonde(["send", request, "--env", env, "--var", "baseUrl=\(base)"] + extra)
        }

        /// The body of `request` as the server sent it (`-o` writes it unmasked).
        func body(_ request: String, env: String = "local", _ extra: [String] = []) async throws -> String {
            let file = folder.root.appendingPathComponent("body-\(UUID().uuidString).json")
            let result = try await send(request, env: env, ["-o", file.path] + extra)
            #expect(result.status == 0, "\(result.output)")
            return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }
    }

    private func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func setCookieValuesAreMaskedInVerboseOutputAndEachEnvironmentHasItsOwnJar() async throws {
        try await withServer { base in
            let work = try Workspace(base: base)
            let login = try await work.send("demo/t/login", ["-v"])
            #expect(login.status == 0, "\(login.output)")
            #expect(login.stderr.contains("< Set-Cookie: sid=••••; Path=/\n"), "\(login.stderr)")
            #expect(!login.output.contains(work.token), "\(login.output)")

            // Sent back under local: the server echoes it; sonde masks the echo and -v alike.
            let show = try await work.send("demo/cookies/show", ["-v"])
            #expect(show.stdout.contains(#""sid":"••••""#), "\(show.stdout)")
            #expect(!show.output.contains(work.token))
            #expect(try await work.body("demo/cookies/show").contains(work.token), "the jar sent it")
            #expect(try String(contentsOf: work.jar("local"), encoding: .utf8).contains("\tsid\t\(work.token)"))

            // Not under another environment of the same collection.
            #expect(try await work.body("demo/cookies/show", env: "second") == #"{"cookies":{}}"#)
            #expect(try await work.body("demo/cookies/set", env: "second").contains(#""session":"demo""#))
            #expect(try await work.body("demo/cookies/show") == #"{"cookies":{"sid":"\#(work.token)"}}"#, "local's jar kept its own")
            #expect(try String(contentsOf: work.jar("second"), encoding: .utf8).contains("\tsession\tdemo"))
            #expect(!(try String(contentsOf: work.jar("second"), encoding: .utf8).contains(work.token)))
        }
    }

    @Test func noCookiesNeitherReadsNorWritesTheJar() async throws {
        try await withServer { base in
            let work = try Workspace(base: base)
            #expect(try await work.body("demo/t/login", ["--no-cookies"]).contains("sid"))
            #expect(!FileManager.default.fileExists(atPath: work.jars.path), "no jar was written")

            #expect(try await work.send("demo/t/login").status == 0)
            let jar = try work.jar("local")
            let saved = try Data(contentsOf: jar)
            #expect(try await work.body("demo/cookies/show", ["--no-cookies"]) == #"{"cookies":{}}"#, "nothing read")
            // Without the engine even the redirect after Set-Cookie goes without it.
            #expect(try await work.body("demo/cookies/set", ["--no-cookies"]) == #"{"cookies":{}}"#)
            #expect(try Data(contentsOf: jar) == saved, "nothing written")
        }
    }

    @Test func listShowsTheJarMaskedAndClearRemovesItWholeOrByDomain() async throws {
        try await withServer { base in
            let work = try Workspace(base: base)
            let none = try await work.sonde(["cookies", "list", "--env", "local"])
            #expect(none.status == 0 && none.stdout.isEmpty)
            #expect(none.stderr.hasPrefix("sonde: no cookie jar yet for collection Demo API, environment local"), "\(none.stderr)")
            let typo = try await work.sonde(["cookies", "list", "--env", "lcoal"])
            #expect(typo.status == 3)
            #expect(typo.stderr.contains("no environment lcoal in collection Demo API; did you mean local?"), "\(typo.stderr)")
            let otherCollection = try await work.sonde(["cookies", "list", "--collection", "dmeo"])
            #expect(otherCollection.status == 3)
            #expect(otherCollection.stderr.contains("no collection dmeo in \(work.folder.root.path); did you mean demo?"), "\(otherCollection.stderr)")

            #expect(try await work.send("demo/t/login").status == 0)
            let masked = try await work.sonde(["cookies", "list", "--env", "local"])
            #expect(masked.stdout == "127.0.0.1\t/\tsid\tsession\t-\t••••\n", "\(masked.output)")
            let revealed = try await work.sonde(["cookies", "list", "--env", "local", "--reveal"])
            #expect(revealed.stdout == "127.0.0.1\t/\tsid\tsession\t-\t\(work.token)\n")
            let table = try await SondeBinary.runInTerminal(
                "XDG_STATE_HOME=\(work.state.path) \(SondeBinary.url.path) cookies --env local --collections \(work.folder.root.path)")
            #expect(table.components(separatedBy: "\r\n") == [
                "DOMAIN     PATH  NAME  EXPIRES  FLAGS  VALUE",
                "127.0.0.1  /     sid   session  -      ••••",
                "sonde: values masked: --reveal shows them",
                "",
            ], "\(table)")

            // A jar libcurl (or curl -c) wrote, with subdomains, HttpOnly and a broken line.
            let jar = try work.jar("local")
            try Data("""
                # Netscape HTTP Cookie File

                #HttpOnly_.example.com\tTRUE\t/\tTRUE\t1924992000\tsid\tfirst
                api.example.com\tFALSE\t/v1\tFALSE\t0\ttheme\tdark
                127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tkept
                not a cookie

                """.utf8).write(to: jar)
            let listed = try await work.sonde(["cookies", "list", "--env", "local", "--reveal"])
            #expect(listed.stdout == """
                .example.com\t/\tsid\t2031-01-01T00:00:00Z\tsecure,httponly\tfirst
                api.example.com\t/v1\ttheme\tsession\t-\tdark
                127.0.0.1\t/\tsid\tsession\t-\tkept

                """)
            #expect(listed.stderr.contains("\(jar.path):6: not a cookie: 1 tab-separated fields, 7 expected (kept as is)"), "\(listed.stderr)")

            let elsewhere = try await work.sonde(["cookies", "clear", "--env", "local", "example.org"])
            #expect(elsewhere.stdout == "no cookies of example.org in the jar of collection Demo API, environment local; it has cookies of 127.0.0.1, api.example.com, example.com\n")
            let cleared = try await work.sonde(["cookies", "clear", "--env", "local", "example.com"])
            #expect(cleared.status == 0)
            #expect(cleared.stdout == "removed 2 cookies of example.com from the jar of collection Demo API, environment local; 1 cookie left\n")
            #expect(try String(contentsOf: jar, encoding: .utf8) == "# Netscape HTTP Cookie File\n\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tkept\nnot a cookie\n")
            #expect(try mode(jar) == 0o600)

            let all = try await work.sonde(["cookies", "clear", "--env", "local"])
            #expect(all.stdout == "removed 1 cookie of collection Demo API, environment local (deleted \(jar.path))\n")
            #expect(!FileManager.default.fileExists(atPath: jar.path))
            let again = try await work.sonde(["cookies", "clear", "--env", "local"])
            #expect(again.status == 0 && again.stderr.contains("no cookie jar yet"))
        }
    }

    /// The printed command names the environment's jar: run by bash with the real curl, it sends
    /// what sonde stored and stores what it receives for sonde's next send.
    @Test func theCurlCommandUsesTheSameJar() async throws {
        try await withServer { base in
            let work = try Workspace(base: base)
            // A fresh state: the jar is made, 0600, before curl writes to it.
            let printedSet = try await work.send("demo/cookies/set", ["--curl"])
            let jar = try work.jar("local")
            #expect(printedSet.stdout.contains("-b \(jar.path) -c \(jar.path)"), "\(printedSet.stdout)")
            #expect(try mode(jar) == 0o600)
            let ranSet = try await runBash(printedSet.stdout)
            #expect(ranSet.stdout == #"{"cookies":{"session":"demo"}}"#, "\(ranSet.output)")
            #expect(try mode(jar) == 0o600, "curl kept the jar's mode")

            #expect(try await work.send("demo/t/login").status == 0)
            let printedShow = try await work.send("demo/cookies/show", ["--curl"])
            let ranShow = try await runBash(printedShow.stdout)
            #expect(ranShow.stdout == #"{"cookies":{"session":"demo","sid":"\#(work.token)"}}"#, "\(ranShow.output)")
            #expect(try await work.body("demo/cookies/show") == ranShow.stdout, "sonde and curl send the same cookies")
        }
    }

    @Test func perAttemptRequestIDsShowInVerboseOutput() async throws {
        try await withServer { base in
            let work = try Workspace(base: base)
            try work.folder.write("t/flaky.yaml", """
                url: "{{baseUrl}}/flaky"
                params:
                  - {name: id, value: "ids-\(UUID().uuidString)"}
                  - {name: fail, value: "2"}
                options: {retry: {attempts: 3, base: 0.01, jitter: false}, request_id: per_attempt}
                """)
            let result = try await work.send("demo/t/flaky", ["-v"])
            #expect(result.status == 0, "\(result.output)")
            let ids = result.stderr.split(separator: "\n").filter { $0.hasPrefix("* attempt") }.compactMap { line in
                line.firstRange(of: "[X-Request-ID: ").map { line[$0.upperBound...].prefix(36) }
            }
            #expect(ids.count == 3 && Set(ids).count == 3, "\(result.stderr)")
            #expect(result.stderr.contains("> X-Request-ID: \(ids.last ?? "")"), "the wire shows the last try's, as it was sent")
        }
    }

    private func runBash(_ command: String) async throws -> RunResult {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-curl-\(UUID().uuidString).sh")
        try Data((command.trimmingCharacters(in: .newlines) + " --silent --show-error").utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        return try await SondeBinary.runProgram("/bin/bash", [script.path], environment: [:], timeout: 30)
    }
}
