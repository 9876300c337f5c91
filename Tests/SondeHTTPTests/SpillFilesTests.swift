import Foundation
import SondeHTTP
import Testing

/// Spill files a crash left behind are removed at start; everything else in the folder stays.
@Suite struct SpillFilesTests {
    @Test func removesOnlyStaleSpillFilesOfEndedProcesses() throws {
        let folder = try TemporaryFolder()
        let now = Date()
        let twoDaysAgo = now.addingTimeInterval(-2 * 86_400)
        // pid_t's largest value: no process has it, so kill(2) answers ESRCH.
        let ended = Int32.max
        func file(_ name: String, modified: Date) throws -> URL {
            let url = folder.url.appendingPathComponent(name)
            try Data("body".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
            return url
        }
        let crashed = try file("sonde-body-\(ended)-AbC123", modified: twoDaysAgo)
        let olderNaming = try file("sonde-body-XyZ789", modified: twoDaysAgo)
        let recent = try file("sonde-body-\(ended)-Recent", modified: now.addingTimeInterval(-60))
        // A TUI open for days still holds its file: its process (this one) runs.
        let running = try file("sonde-body-\(getpid())-Living", modified: twoDaysAgo)
        let unrelated = try file("other-body-AbC123", modified: twoDaysAgo)
        let folderNamedLikeOne = folder.url.appendingPathComponent("sonde-body-\(ended)-Folder")
        try FileManager.default.createDirectory(at: folderNamedLikeOne, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.modificationDate: twoDaysAgo], ofItemAtPath: folderNamedLikeOne.path)

        #expect(SpillFiles.removeStale(in: folder.url, now: now) == 2)
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        #expect(!exists(crashed))
        #expect(!exists(olderNaming))
        #expect(exists(recent))
        #expect(exists(running))
        #expect(exists(unrelated))
        #expect(exists(folderNamedLikeOne))
        #expect(SpillFiles.removeStale(in: folder.url, now: now) == 0)
    }

    @Test func aMissingFolderIsNoError() {
        #expect(SpillFiles.removeStale(in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")) == 0)
    }
}
