import Foundation
import Testing
@testable import SondeCore

/// Files written to hang or crash sonde: each is refused with a problem at its file and line, in
/// well under the time bound.
@Suite struct HostileCollectionTests {
    private func expectQuick<T>(_ work: () throws -> T, within limit: Duration = .seconds(5)) rethrows -> T {
        let started = ContinuousClock.now
        let result = try work()
        #expect(ContinuousClock.now - started < limit)
        return result
    }

    @Test func aYAMLAliasBombIsAProblemAtItsLine() throws {
        let folder = try TemporaryFolder()
        var bomb = "url: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            bomb += "    a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try folder.write("bomb.yaml", bomb)
        try folder.write("fine.yaml", "url: http://127.0.0.1/\n")
        let loaded = expectQuick { CollectionLoader.load(from: folder.url) }
        #expect(loaded.collection.request(id: "fine") != nil)
        #expect(loaded.collection.request(id: "bomb") == nil)
        let problem = try #require(loaded.problems.first)
        #expect(loaded.problems.count == 1)
        #expect(problem.file == "bomb.yaml")
        #expect(problem.line != nil)
        #expect(problem.message.hasPrefix("aliases (*name) expand this file to more than 100000 values"))
    }

    @Test func aFewAliasesAreFine() throws {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", "url: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    a: &x {b: 1}\n    c: *x\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty)
        let body = try #require(loaded.collection.request(id: "req")?.definition.body)
        guard case .json(let text) = body else { Issue.record("not JSON: \(body)"); return }
        #expect(text.filter { !$0.isWhitespace } == #"{"a":{"b":1},"c":{"b":1}}"#)
    }

    @Test func deepNestingIsAProblemNotACrash() throws {
        let depth = 100_000
        let cases = [
            "flow.yaml": "url: http://127.0.0.1/\nbody:\n  type: json\n  content: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n",
            "dashes.yaml": "url: http://127.0.0.1/\nbody:\n  type: json\n  content:\n    " + String(repeating: "- ", count: depth) + "x\n",
            "block.yaml": "url: http://127.0.0.1/\nbody:\n  type: json\n  content:\n"
                + (0..<1_200).map { String(repeating: " ", count: 4 + $0) + "k\($0):" }.joined(separator: "\n") + " x\n",
        ]
        let folder = try TemporaryFolder()
        for (name, text) in cases { try folder.write(name, text) }
        let loaded = expectQuick { CollectionLoader.load(from: folder.url) }
        #expect(loaded.collection.root.requests.isEmpty)
        #expect(Set(loaded.problems.map(\.file)) == Set(cases.keys))
        for problem in loaded.problems {
            #expect(problem.line != nil, "\(problem)")
            #expect(problem.message.contains("nested deeper than"), "\(problem)")
        }
    }

    @Test func variablesThatDoubleThirtyTimesAreRefusedNamingTheVariable() throws {
        let folder = try TemporaryFolder()
        var variables = (0..<30).map { "  - {name: v\($0), value: \"{{v\($0 + 1)}}{{v\($0 + 1)}}\"}" }
        variables.append("  - {name: v30, value: lol}")
        try folder.write("collection.yaml", "variables:\n" + variables.joined(separator: "\n") + "\n")
        try folder.write("req.yaml", "method: POST\nurl: http://127.0.0.1/{{v20}}\nbody:\n  type: json\n  content: {a: \"{{v0}}\"}\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        _ = expectQuick {
            #expect(throws: RequestError.unresolved(ResolutionError(problems: [
                ResolutionProblem(kind: .tooLarge("v0"), usedIn: "body", location: FilePosition(file: "req.yaml", line: 5, column: 17)),
            ]))) { try RequestPreparer.prepare(try #require(collection.request(id: "req")), in: context) }
        }
        // 2^10 × 3 bytes in the URL is well under the limit, and is filled in whole.
        try folder.write("small.yaml", "url: http://127.0.0.1/{{v20}}\n")
        let small = CollectionLoader.load(from: folder.url).collection
        let prepared = try RequestPreparer.prepare(try #require(small.request(id: "small")), in: SendContext(
            collection: small, environment: nil, secretSource: SecretSource(processEnvironment: [:])))
        #expect(prepared.request.url == "http://127.0.0.1/" + String(repeating: "lol", count: 1_024))
    }

    @Test func aVariableChainDeeperThan64LevelsIsRefused() throws {
        let folder = try TemporaryFolder()
        let variables = (0..<1_000).map { "  - {name: v\($0), value: \"{{v\($0 + 1)}}\"}" }
        try folder.write("collection.yaml", "variables:\n" + variables.joined(separator: "\n") + "\n")
        try folder.write("req.yaml", "url: http://127.0.0.1/{{v0}}\n")
        try folder.write("short.yaml", "url: http://127.0.0.1/{{v937}}\n")
        let collection = expectQuick { CollectionLoader.load(from: folder.url).collection }
        let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        expectQuick {
            #expect(throws: RequestError.unresolved(ResolutionError(problems: [
                ResolutionProblem(kind: .tooDeep("v0"), usedIn: "url", location: FilePosition(file: "req.yaml", line: 1, column: 23)),
            ]))) { try RequestPreparer.prepare(try #require(collection.request(id: "req")), in: context) }
            // 63 levels down to an unknown v1000: within the limit, so the unknown variable is what is
            // reported, at the request's url: the template that reaches it through variables.
            #expect(throws: RequestError.unresolved(ResolutionError(problems: [
                ResolutionProblem(kind: .unknownVariable("v1000"), usedIn: "url", location: FilePosition(file: "short.yaml", line: 1, column: 1)),
            ]))) { try RequestPreparer.prepare(try #require(collection.request(id: "short")), in: context) }
        }
    }

    @Test func symbolicLinksBackToTheCollectionAreLoadedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", "url: http://127.0.0.1/\n")
        try folder.write("shared/one.yaml", "url: http://127.0.0.1/one\n")
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: folder.url.appendingPathComponent("a").path, withDestinationPath: ".")
        try fileManager.createSymbolicLink(atPath: folder.url.appendingPathComponent("b").path, withDestinationPath: ".")
        try fileManager.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("linked").path,
            withDestinationPath: folder.url.appendingPathComponent("shared").path)
        let loads = expectQuick { [CollectionLoader.load(from: folder.url), CollectionLoader.loadOutline(from: folder.url)] }
        for loaded in loads {
            // In name order, `linked` comes before `shared`: the folder is loaded through the
            // link, and `shared` is the second way to it.
            #expect(loaded.collection.root.allRequests.map(\.id).sorted() == ["linked/one", "req"])
            #expect(loaded.problems.map(\.file) == ["a", "b", "shared"])
            #expect(loaded.problems.allSatisfy { $0.message.hasPrefix("skipped: this folder is already in the collection") })
        }
    }
}
