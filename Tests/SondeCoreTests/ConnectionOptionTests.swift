import Foundation
import Testing
@testable import SondeCore

/// `options: {http_version: …, unix_socket: …}`: decoding, inheritance, errors with their
/// place, path resolution, saving and the `--curl` flags they become.
@Suite struct ConnectionOptionTests {
    private func prepare(_ collection: RequestCollection, _ id: String, env: String? = nil) throws -> PreparedRequest {
        let context = SendContext(
            collection: collection, environment: env.flatMap(collection.environment(named:)),
            secretSource: SecretSource(processEnvironment: [:]))
        return try RequestPreparer.prepare(try #require(collection.request(id: id)), in: context).request
    }

    @Test func httpVersionValuesDecodeAndTheNearestLevelWins() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Versions\noptions: {http_version: 2}\n")
        try folder.write("one.yaml", "url: http://127.0.0.1/\noptions: {http_version: 1.1}\n")
        try folder.write("ten.yaml", "url: http://127.0.0.1/\noptions: {http_version: \"1.0\"}\n")
        try folder.write("pk.yaml", "url: http://127.0.0.1/\noptions:\n  http_version: 2-prior-knowledge\n")
        try folder.write("two.yaml", "url: http://127.0.0.1/\noptions: {http_version: 2.0}\n")
        try folder.write("inherit.yaml", "url: http://127.0.0.1/\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let collection = loaded.collection
        #expect(try prepare(collection, "one").options.httpVersion == .http1_1)
        #expect(try prepare(collection, "ten").options.httpVersion == .http1_0)
        #expect(try prepare(collection, "pk").options.httpVersion == .http2PriorKnowledge)
        #expect(try prepare(collection, "two").options.httpVersion == .http2)
        #expect(try prepare(collection, "inherit").options.httpVersion == .http2)
    }

    @Test func withoutHTTPVersionLibcurlsDefaultApplies() throws {
        let folder = try TemporaryFolder()
        try folder.write("plain.yaml", "url: https://127.0.0.1/\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let request = try prepare(collection, "plain")
        #expect(request.options.httpVersion == nil)
        #expect(request.options.unixSocket == nil)
    }

    @Test(arguments: ["3", "1", "h2c", "http/2", "true"])
    func anUnknownHTTPVersionIsAnErrorAtItsLine(value: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", "url: http://127.0.0.1/\noptions:\n  http_version: \(value)\n")
        let problems = CollectionLoader.load(from: folder.url).problems
        #expect(problems.map(\.description) == [
            "bad.yaml:3:17: unknown http_version \(value): expected 1.0, 1.1, 2, 2-prior-knowledge",
        ])
        #expect(!problems[0].isWarning)
    }

    @Test func unixSocketExpandsVariablesTildeAndRelativePaths() throws {
        let folder = try TemporaryFolder()
        try folder.write("environments/local.yaml", "variables:\n  - name: run\n    value: /tmp/sonde-run\n")
        try folder.write("vars.yaml", "url: http://localhost/\noptions: {unix_socket: \"{{run}}/api.sock\"}\n")
        try folder.write("home.yaml", "url: http://localhost/\noptions: {unix_socket: ~/api.sock}\n")
        try folder.write("relative.yaml", "url: http://localhost/\noptions: {unix_socket: sockets/../api.sock}\n")
        try folder.write("empty.yaml", "url: http://localhost/\noptions: {unix_socket: \" \"}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.map(\.description) == ["empty.yaml:2:24: unix_socket needs the path of a socket"])
        let collection = loaded.collection
        #expect(try prepare(collection, "vars", env: "local").options.unixSocket == "/tmp/sonde-run/api.sock")
        #expect(try prepare(collection, "home").options.unixSocket == NSHomeDirectory() + "/api.sock")
        #expect(try prepare(collection, "relative").options.unixSocket
            == folder.url.appendingPathComponent("api.sock").standardizedFileURL.path)
    }

    @Test func anUnsetVariableInUnixSocketNamesItsFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("sock.yaml", "url: http://localhost/\noptions:\n  unix_socket: \"{{nowhere}}/x.sock\"\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let saved = try #require(loaded.collection.request(id: "sock"))
        let context = SendContext(collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        do {
            _ = try RequestPreparer.prepare(saved, in: context)
            Issue.record("expected an error")
        } catch {
            guard case .unresolved(let resolution) = error else { Issue.record("wrong error \(error)"); return }
            #expect(resolution.problems.map { $0.location?.description } == ["sock.yaml:3:17"])
            #expect(resolution.description.contains("unix_socket"), "\(resolution.description)")
        }
    }

    @Test func anUnclosedPlaceholderInUnixSocketIsALoadError() throws {
        let folder = try TemporaryFolder()
        try folder.write("sock.yaml", "url: http://localhost/\noptions:\n  unix_socket: /run/{{dir/x.sock\n")
        let problems = CollectionLoader.load(from: folder.url).problems
        #expect(problems.map(\.description) == ["sock.yaml:3:21: unclosed {{ in unix_socket: close it with }}"])
    }

    @Test func bothOptionsSurviveASave() throws {
        let folder = try TemporaryFolder()
        for version in HTTPVersionPreference.allCases {
            let definition = RequestDefinition(
                name: version.rawValue, method: .GET, url: "http://localhost/",
                options: OptionOverrides(httpVersion: version, unixSocket: "~/{{dir}}/api.sock"))
            let name = "v\(version.rawValue.replacingOccurrences(of: ".", with: "_"))"
            _ = try RequestFileWriter.save(SavedRequest(id: name, fileURL: folder.url.appendingPathComponent("\(name).yaml"), definition: definition))
        }
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        for version in HTTPVersionPreference.allCases {
            let name = "v\(version.rawValue.replacingOccurrences(of: ".", with: "_"))"
            let options = try #require(loaded.collection.request(id: name)).definition.options
            #expect(options.httpVersion == version)
            #expect(options.unixSocket == "~/{{dir}}/api.sock")
        }
    }

    @Test func curlCommandsCarryTheVersionAndTheSocket() {
        let flags: [(HTTPVersionPreference?, String?)] = [
            (.http1_0, "--http1.0"), (.http1_1, "--http1.1"), (.http2, "--http2"),
            (.http2PriorKnowledge, "--http2-prior-knowledge"), (nil, nil),
        ]
        for (version, flag) in flags {
            let command = CurlCommand.render(PreparedRequest(
                method: .GET, url: "http://localhost/v1/info",
                options: TransferOptions(httpVersion: version, unixSocket: "/run/my daemon.sock")))
            let lines = command.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            if let flag {
                #expect(lines.contains("\(flag) \\"), "\(command)")
            } else {
                #expect(!command.contains("--http"), "\(command)")
            }
            #expect(lines.contains("--unix-socket '/run/my daemon.sock'") || lines.contains("--unix-socket '/run/my daemon.sock' \\"), "\(command)")
        }
    }
}
