import Foundation
import Testing
import SondeDemoServer

/// Issue #10 end to end: `sonde send` points at the cause of each error and warns of what it
/// sends otherwise than written, with the real binary, the demo server and real files.
@Suite struct ErrorMessageTests {
    private func send(_ folder: DemoCollectionCopy, _ arguments: [String]) async throws -> RunResult {
        try await SondeBinary.run(["send"] + arguments + ["--collections", folder.root.path])
    }

    @Test func aYAMLErrorInAnEnvironmentFileIsReportedNotAMissingEnvironment() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("environments/broken.yaml", "variables:\n  - name: baseUrl\n    value: [unclosed\n")
        let result = try await send(folder, ["demo/users/list", "--env", "broken"])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("error: environments/broken.yaml:"))
        #expect(result.stderr.contains("invalid YAML"))
        #expect(!result.stderr.contains("no environment"))
        let mistyped = try await send(folder, ["demo/users/list", "--env", "lcoal"])
        #expect(mistyped.status == 3)
        #expect(mistyped.stderr == "error: no environment lcoal in collection Demo API; did you mean local?\n")
    }

    @Test func aMistypedRequestIDSuggestsTheNearestAndAnEmptyCollectionSaysSo() async throws {
        let folder = try DemoCollectionCopy()
        let mistyped = try await send(folder, ["demo/users/lst"])
        #expect(mistyped.status == 3)
        #expect(mistyped.stderr.hasPrefix("error: no request users/lst in collection Demo API ("))
        #expect(mistyped.stderr.hasSuffix("); did you mean users/list?\n"))
        let far = try await send(folder, ["demo/zzzzzzzzzzzz"])
        #expect(far.stderr.contains("; it has: "))

        let empty = folder.root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("name: Empty\n".utf8).write(to: empty.appendingPathComponent("collection.yaml"))
        try Data("# nothing yet\n".utf8).write(to: empty.appendingPathComponent("todo.yaml"))
        let none = try await send(folder, ["empty/list"])
        #expect(none.status == 3)
        #expect(none.stderr.contains("the collection has no requests"))
        let blank = try await send(folder, ["empty/todo"])
        #expect(blank.status == 3)
        #expect(blank.stderr == "error: todo.yaml:1: empty request file: needs at least `url:`\n")
    }

    @Test func unknownKeysAreWarnedAndTheRequestIsStillSent() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("users/typo.yaml", "method: GET\nurl: \"{{baseUrl}}/echo\"\nheader:\n  X-A: b\noptions:\n  timout: 3\n")
            let result = try await send(folder, ["demo/users/typo", "--env", "local", "--var", "baseUrl=\(base)"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("sonde: warning: users/typo.yaml:3:1: unknown key header in a request, ignored (did you mean headers?)\n"))
            #expect(result.stderr.contains("sonde: warning: users/typo.yaml:6:3: unknown key timout in options, ignored (did you mean timeout?)\n"))
            #expect(result.stdout.contains("\"/echo\""))
        }
    }

    @Test func anUnclosedPlaceholderIsNotSent() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("users/oops.yaml", "url: \"http://127.0.0.1:9/?x={{oops\"\n")
        let result = try await send(folder, ["demo/users/oops"])
        #expect(result.status == 3)
        #expect(result.stderr == "error: users/oops.yaml:1:29: unclosed {{ in url: close it with }}\n")
    }

    @Test func aPortOutOfRangeIsABadURLWithItsExitCode() async throws {
        let folder = try DemoCollectionCopy()
        try folder.write("users/port.yaml", "url: http://127.0.0.1:99999/\n")
        let result = try await send(folder, ["demo/users/port"])
        #expect(result.status == 4)
        #expect(result.stderr == "error: invalid URL http://127.0.0.1:99999/: port 99999 is not a number from 0 to 65535\n")
    }

    @Test func anUnusedVarANonASCIIHeaderAndAMissingSchemeAreSaidOnce() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let host = base.replacingOccurrences(of: "http://", with: "")
            try folder.write("users/loose.yaml", "url: \"{{host}}/headers\"\nheaders:\n  X-Name: \"{{name}}\"\n  X-City: Zoë\n")
            let result = try await send(
                folder, ["demo/users/loose", "--var", "host=\(host)", "--var", "name=a", "--var", "nmae=b"])
            #expect(result.status == 0)
            #expect(result.stderr.components(separatedBy: "sonde: note: no scheme in URL, using http://\n").count == 2)
            #expect(result.stderr.contains("sonde: warning: --var nmae is not used by this request (did you mean name?)\n"))
            #expect(result.stderr.contains(
                "sonde: warning: header X-City has non-ASCII characters: sent as their UTF-8 bytes (4 bytes), which servers may read as Latin-1\n"))
            // What the server received: the UTF-8 bytes, as curl sends them.
            #expect(result.stdout.contains("Zoë"))
        }
    }

    @Test func theREADMEsExitCodeTableIsTheOneSondePrints() async throws {
        let help = try await SondeBinary.run(["send", "--help"], environment: ["COLUMNS": "200"])
        let printed = help.stdout.components(separatedBy: "\n")
            .drop { !$0.hasPrefix("Exit codes:") }.dropFirst()
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let readme = try String(contentsOf: SondeBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## `sonde send` exit codes\n\n```\n").dropFirst().first)
        let documented = section.components(separatedBy: "\n```")[0].components(separatedBy: "\n")
        #expect(printed.count > 10)
        #expect(Array(printed) == documented)
        #expect(documented.contains { $0.hasPrefix("  4    ") && $0.contains("bad URL") })
    }
}
