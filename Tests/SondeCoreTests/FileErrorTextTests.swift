import Foundation
import Testing
import SondeCore

@Suite struct FileErrorTextTests {
    @Test func aFullDiskSaysSoNotItsCocoaCode() {
        #expect(FileErrorText.describe(CocoaError(.fileWriteOutOfSpace)) == "No space left on device")
        #expect(FileErrorText.describe(CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/h/entries.jsonl"]))
            == "/h/entries.jsonl: No space left on device")
        #expect(FileErrorText.describe(POSIXError(.EROFS)) == "Read-only file system")
    }

    @Test func aWriteUnderAFileNamesThePathAndTheSystemsReason() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("plain", "x")
        let target = file.appendingPathComponent("entries.jsonl")
        do {
            try Data("x".utf8).write(to: target)
            Issue.record("writing under a file succeeded")
        } catch {
            #expect(FileErrorText.describe(error) == "\(target.path): Not a directory")
        }
    }

    /// The TUI's "History not saved" notice once read `NSCocoaErrorDomain Code=640`.
    @Test func aHistoryThatCannotBeWrittenSaysWhy() throws {
        let folder = try TemporaryFolder()
        let blocked = try folder.write("history", "a file where the history folder should be")
        let history = ResponseHistory(directory: blocked)
        let entry = HistoryEntry(
            date: Date(timeIntervalSince1970: 0), method: .GET, url: "http://127.0.0.1/", finalURL: "http://127.0.0.1/",
            status: 200, reason: "OK", httpVersion: "HTTP/1.1", headers: [], timings: TransferTimings(),
            bodySize: 2, body: Data("{}".utf8), isBodyTruncated: false)
        do {
            _ = try history.append(entry, collectionRoot: folder.url, requestID: "users/get")
            Issue.record("the history was written under a file")
        } catch {
            let text = FileErrorText.describe(error)
            #expect(text.hasPrefix(blocked.path), "\(text)")
            #expect(text.hasSuffix(": Not a directory") || text.hasSuffix(": File exists"), "\(text)")
        }
    }
}
