import Foundation
import Testing
@testable import SondeCore

/// Numbers from files, history and servers that once trapped (SIGILL) when turned into integers.
@Suite struct HostileNumberTests {
    @Test(arguments: ["1e300", "inf", ".inf", "9.3e15", "nan", "-1", "31536001"])
    func anOutOfRangeTimeoutIsAProblemAtItsLine(value: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Shop\noptions:\n  connect_timeout: \(value)\n")
        try folder.write("get.yaml", "method: GET\nurl: http://127.0.0.1/x\noptions:\n  timeout: \(value)\n  retry: {attempts: 2, max_wait: \(value)}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        let problems = loaded.problems.filter { $0.message.contains("must be a number of seconds from 0 to 31536000") }
        #expect(problems.map(\.file).sorted() == ["collection.yaml", "get.yaml", "get.yaml"])
        #expect(problems.first { $0.file == "collection.yaml" }?.line == 3)
        #expect(Set(problems.filter { $0.file == "get.yaml" }.compactMap(\.line)) == [4, 5])
    }

    @Test func theLongestAllowedTimeoutLoads() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Shop\n")
        try folder.write("get.yaml", "method: GET\nurl: http://127.0.0.1/x\noptions: {timeout: 31536000, connect_timeout: 0.25}\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let options = try #require(loaded.collection.request(id: "get")).definition.options
        #expect(options.timeout == 31_536_000)
        #expect(options.connectTimeout == 0.25)
    }

    @Test func saturatingConversionNeverTraps() {
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: .infinity) == .max)
        #expect(Int(saturating: -.infinity) == .min)
        #expect(Int(saturating: 1e300) == .max)
        #expect(Int(saturating: 9_223_372_036_854_775_808) == .max)
        #expect(Int(saturating: -9_223_372_036_854_775_808) == .min)
        #expect(Int(saturating: 42.9) == 42)
        #expect(Int(saturating: -42.9) == -42)
    }

    @Test func aProgressLineWithExtremeFiguresIsText() {
        let progress = TransferProgress(bytesReceived: .max, expectedBytes: 1, elapsed: 1e-300)
        #expect(progress.summary.hasSuffix("/s"))
    }
}
