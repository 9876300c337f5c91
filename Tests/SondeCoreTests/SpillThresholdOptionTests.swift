import Foundation
import SondeCore
import Testing

/// `options: {spill_threshold: ...}`: sizes as people write them, inherited like any option,
/// saved back as written, and a clear file:line:column problem for a bad value.
@Suite struct SpillThresholdOptionTests {
    @Test func byteCountsParseWithDecimalAndBinaryUnits() {
        #expect(ByteCountText.parse("1048576") == 1_048_576)
        #expect(ByteCountText.parse("64 MB") == 64_000_000)
        #expect(ByteCountText.parse("64MB") == 64_000_000)
        #expect(ByteCountText.parse(" 512 kb ") == 512_000)
        #expect(ByteCountText.parse("1.5 GB") == 1_500_000_000)
        #expect(ByteCountText.parse("64 MiB") == 67_108_864)
        #expect(ByteCountText.parse("1 GiB") == 1_073_741_824)
        #expect(ByteCountText.parse("0") == 0)
        #expect(ByteCountText.parse("10 B") == 10)
        for bad in ["", "MB", "-1", "1e6", "64 MBs", "1.2.3 MB", ".5 MB", "lots", "99999999999 TB"] {
            #expect(ByteCountText.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func theThresholdIsReadInheritedAndDefaulted() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Big\noptions:\n  spill_threshold: 8 MB\n")
        try folder.write("small.yaml", "method: GET\nurl: http://127.0.0.1/x\noptions: {spill_threshold: 1048576}\n")
        try folder.write("inherits.yaml", "method: GET\nurl: http://127.0.0.1/y\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let context = SendContext(collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        let small = try RequestPreparer.prepare(try #require(loaded.collection.request(id: "small")), in: context)
        #expect(small.request.options.spillThreshold == 1_048_576)
        let inherits = try RequestPreparer.prepare(try #require(loaded.collection.request(id: "inherits")), in: context)
        #expect(inherits.request.options.spillThreshold == 8_000_000)
        #expect(TransferOptions().spillThreshold == 64_000_000)
    }

    @Test func aBadThresholdIsAProblemAtItsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Big\n")
        try folder.write("bad.yaml", "method: GET\nurl: http://127.0.0.1/x\noptions:\n  spill_threshold: lots\n")
        let problem = try #require(CollectionLoader.load(from: folder.url).problems.first)
        #expect(problem.file == "bad.yaml")
        #expect(problem.line == 4)
        #expect(problem.column == 20)
        #expect(problem.message.contains("spill_threshold must be a size in bytes"))
        #expect(problem.description.hasPrefix("bad.yaml:4:20: "))
    }

    @Test func savingKeepsTheThreshold() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Big\n")
        try folder.write("r.yaml", "method: GET\nurl: http://127.0.0.1/x\noptions: {spill_threshold: 2 MB}\n")
        let saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "r"))
        let text = try RequestFileWriter.yaml(for: saved.definition, original: nil)
        #expect(text.contains("spill_threshold: 2000000"))
        try folder.write("copy.yaml", text)
        let copy = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "copy"))
        #expect(copy.definition.options.spillThreshold == 2_000_000)
    }
}
