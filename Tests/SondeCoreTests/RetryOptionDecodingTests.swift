import Foundation
import Testing
@testable import SondeCore

/// The `retry:` option in collection files: its forms, its inheritance, its errors.
@Suite struct RetryOptionDecodingTests {
    @Test func theFullFormAndTheShorthandDecode() throws {
        let folder = try TemporaryFolder()
        try folder.write("full.yaml", """
            url: http://127.0.0.1/x
            options:
              retry: {attempts: 3, backoff: constant, base: 0.25, max: 10, jitter: false, max_wait: 20, non_idempotent: true}
            """)
        try folder.write("short.yaml", "url: http://127.0.0.1/x\noptions: {retry: 4}\n")
        try folder.write("none.yaml", "url: http://127.0.0.1/x\noptions: {timeout: 3}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let full = try #require(loaded.collection.request(id: "full")).definition.options.retry
        #expect(full == RetryOverrides(attempts: 3, backoff: .constant, base: 0.25, max: 10, jitter: false, maxWait: 20, nonIdempotent: true))
        #expect(try #require(loaded.collection.request(id: "short")).definition.options.retry == RetryOverrides(attempts: 4))
        let none = try #require(loaded.collection.request(id: "none")).definition.options
        #expect(none.retry.isEmpty)
        #expect(none.transferOptions.retry == RetryPolicy())
    }

    @Test func requestBeatsFolderBeatsCollectionBeatsEnvironmentFieldByField() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Layers\noptions:\n  retry: {attempts: 3, backoff: constant, base: 0.05}\n")
        try folder.write("environments/local.yaml", "options:\n  retry: {attempts: 9, max_wait: 5, base: 7}\n")
        try folder.write("shop/folder.yaml", "options:\n  retry: {jitter: false}\n")
        try folder.write("shop/own.yaml", "url: http://127.0.0.1/x\noptions: {retry: 4}\n")
        try folder.write("shop/inherit.yaml", "url: http://127.0.0.1/y\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let collection = loaded.collection
        let context = SendContext(
            collection: collection, environment: collection.environment(named: "local"),
            secretSource: SecretSource(processEnvironment: [:]))
        let own = try RequestPreparer.prepare(try #require(collection.request(id: "shop/own")), in: context)
        #expect(own.request.options.retry == RetryPolicy(attempts: 4, backoff: .constant, base: 0.05, max: 30, jitter: false, maxWait: 5))
        let inherited = try RequestPreparer.prepare(try #require(collection.request(id: "shop/inherit")), in: context)
        #expect(inherited.request.options.retry.attempts == 3)
        // Without the environment, its max_wait is gone and the default returns.
        let bare = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        #expect(try RequestPreparer.prepare(try #require(collection.request(id: "shop/own")), in: bare).request.options.retry.maxWait == 60)
    }

    @Test func badValuesAreReportedAtTheirLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", """
            method: GET
            url: http://127.0.0.1/x
            options:
              retry:
                attempts: 0
                backoff: linear
                base: -1
                jitter: maybe
                attemps: 3
                max_wait: soon
            """)
        try folder.write("scalar.yaml", "url: http://127.0.0.1/x\noptions: {retry: lots}\n")
        try folder.write("list.yaml", "url: http://127.0.0.1/x\noptions:\n  retry: [1, 2]\n")
        try folder.write("zero.yaml", "url: http://127.0.0.1/x\noptions: {retry: 0}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        // Bad options do not lose the request.
        #expect(loaded.collection.request(id: "bad") != nil)

        func problem(_ file: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadProblem? {
            let found = loaded.problems.first { $0.file == file && $0.message.contains(fragment) }
            if found == nil { Issue.record("no problem with \"\(fragment)\" in \(file): \(loaded.problems)", sourceLocation: sourceLocation) }
            return found
        }
        let expected: [(String, String, Int, Int)] = [
            ("bad.yaml", "retry attempts must be a whole number, 1 or more", 5, 15),
            ("bad.yaml", "retry backoff must be exponential or constant, not linear", 6, 14),
            ("bad.yaml", "retry base must be a number of seconds", 7, 11),
            ("bad.yaml", "retry jitter must be true or false", 8, 13),
            ("bad.yaml", "unknown retry option attemps: expected attempts, backoff, base, max, jitter, max_wait, non_idempotent", 9, 5),
            ("bad.yaml", "retry max_wait must be a number of seconds", 10, 15),
            ("scalar.yaml", "retry must be a number of attempts or a mapping", 2, 18),
            ("list.yaml", "retry must be a mapping", 3, 10),
            ("zero.yaml", "retry attempts must be a whole number, 1 or more", 2, 18),
        ]
        for (file, fragment, line, column) in expected {
            let found = problem(file, fragment)
            #expect(found?.line == line, "\(fragment)")
            #expect(found?.column == column, "\(fragment)")
        }
        #expect(problem("bad.yaml", "attempts must")?.description.hasPrefix("bad.yaml:5:15: ") == true)
        #expect(loaded.problems.count == expected.count)
    }

    @Test func savingWritesTheRetryOptionBack() throws {
        let folder = try TemporaryFolder()
        let retry = RetryOverrides(attempts: 5, backoff: .exponential, base: 0.5, max: 30, jitter: true, maxWait: 12.5, nonIdempotent: false)
        let definition = RequestDefinition(
            name: "r", url: "http://127.0.0.1/x", options: OptionOverrides(timeout: 3, retry: retry))
        _ = try RequestFileWriter.save(SavedRequest(id: "r", fileURL: folder.url.appendingPathComponent("r.yaml"), definition: definition))
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        #expect(try #require(loaded.collection.request(id: "r")).definition.options == OptionOverrides(timeout: 3, retry: retry))
        #expect(try folder.read("r.yaml").contains("retry:"))
    }
}
