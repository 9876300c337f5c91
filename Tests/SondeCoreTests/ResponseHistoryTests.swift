import Foundation
import Testing
@testable import SondeCore

private let canary = "canary-7f3a9e"

private func request(secrets: SecretSet = SecretSet([canary])) -> PreparedRequest {
    PreparedRequest(
        method: .POST, url: "http://127.0.0.1:8787/echo?api_key=\(canary)",
        headers: [HeaderField(name: "Authorization", value: "Bearer \(canary)", isSecret: true),
                  HeaderField(name: "X-Trace", value: "t-\(canary)-1")],
        secrets: secrets)
}

private func response(status: Int = 200, body: Data = Data(#"{"ok":true}"#.utf8), total: Double = 0.012) -> HTTPResponse {
    HTTPResponse(
        status: status, reason: "OK", httpVersion: "1.1",
        headers: [HeaderField(name: "Content-Type", value: "application/json"),
                  HeaderField(name: "Set-Cookie", value: "token=\(canary); HttpOnly")],
        body: body, finalURL: "http://127.0.0.1:8787/echo?api_key=\(canary)",
        timings: TransferTimings(dns: 0.001, connect: 0.002, preTransfer: 0.0021, firstByte: 0.01, total: total,
                                 bytesUploaded: 10, bytesDownloaded: Int64(body.count)))
}

private let date = Date(timeIntervalSince1970: 1_780_000_000.123)

/// Every byte of every file under `folder`, recursively: what a leak check must search.
private func allFileContents(under folder: URL) throws -> [(String, Data)] {
    let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
    var files: [(String, Data)] = []
    for case let url as URL in enumerator where !url.hasDirectoryPath {
        files.append((url.lastPathComponent, try Data(contentsOf: url)))
    }
    return files
}

private func bodyFiles(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".body") }
}

@Suite struct ResponseHistoryTests {
    let folder: TemporaryFolder
    let history: ResponseHistory
    let root: URL

    init() throws {
        folder = try TemporaryFolder()
        history = ResponseHistory(directory: folder.url.appendingPathComponent("data/sonde/history"))
        root = folder.url.appendingPathComponent("collections/demo")
    }

    @Test func theVersionAndAReusedConnectionAreKeptAndOldEntriesReadAsNew() throws {
        var reused = response()
        reused.httpVersion = "2"
        reused.connectionReused = true
        let entry = HistoryEntry.make(request: request(), response: reused, date: date)
        let decoded = try JSONDecoder().decode(HistoryEntry.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
        #expect(decoded.response.connectionSummary == "HTTP/2 · reused connection")
        // An entry written before the field existed, or for a new connection, has no key.
        let fresh = HistoryEntry.make(request: request(), response: response(), date: date)
        let json = try #require(String(data: JSONEncoder().encode(fresh), encoding: .utf8))
        #expect(!json.contains("connectionReused"))
        #expect(try JSONDecoder().decode(HistoryEntry.self, from: Data(json.utf8)).response.connectionReused == false)
    }

    @Test func entriesComeBackEqualNewestFirstAndAsResponses() throws {
        #expect(try history.entries(collectionRoot: root, requestID: "users/list").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: history.directory.path))
        let first = HistoryEntry.make(request: request(), response: response(status: 200), date: date)
        let second = HistoryEntry.make(request: request(), response: response(status: 503), date: date.addingTimeInterval(5))
        try history.append(first, collectionRoot: root, requestID: "users/list")
        try history.append(second, collectionRoot: root, requestID: "users/list")
        let entries = try history.entries(collectionRoot: root, requestID: "users/list")
        #expect(entries == [second, first])
        let shown = entries[1].response
        #expect(shown.status == 200 && shown.reason == "OK" && shown.httpVersion == "1.1")
        #expect(shown.body == Data(#"{"ok":true}"#.utf8))
        #expect(shown.headers.first(named: "Set-Cookie") == "token=••••; HttpOnly")
        #expect(shown.timings == response().timings)
        #expect(entries[1].url == "http://127.0.0.1:8787/echo?api_key=••••" && entries[1].method == .POST)
        #expect(entries[1].bodySize == 11 && !entries[1].isBodyTruncated)
        // One JSON object a line; each body in a file of its own, as it is.
        let folder = history.folder(collectionRoot: root, requestID: "users/list")
        let text = try String(contentsOf: ResponseHistory.entriesFile(in: folder), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(!text.contains("ok\\\":true"))
        let bodies = try bodyFiles(in: folder)
        #expect(bodies.count == 2)
        for body in bodies { #expect(try Data(contentsOf: folder.appendingPathComponent(body)) == Data(#"{"ok":true}"#.utf8)) }
        #expect(folder.lastPathComponent.hasPrefix("users_list-"))
    }

    @Test func theCanarySecretNeverReachesTheDisk() throws {
        // In the URL, a request header, a response header, the reason, the text body, a binary
        // body, and across the point where the body is cut.
        let textBody = Data("echo: Authorization: Bearer \(canary)\nquery api_key=\(canary)\n".utf8)
        var binaryBody = Data([0, 1, 2, 0xFF, 0xFE])
        binaryBody += Data(canary.utf8) + Data(repeating: 0, count: 64)
        var reasonResponse = response(body: textBody)
        reasonResponse.reason = "Nope \(canary)"
        let cutBody = Data((String(repeating: "x", count: 60) + canary + String(repeating: "y", count: 100)).utf8)
        let entries = [
            HistoryEntry.make(request: request(), response: reasonResponse, date: date),
            HistoryEntry.make(request: request(), response: response(body: binaryBody), date: date),
            HistoryEntry.make(request: request(), response: response(body: cutBody), date: date, bodyLimit: 64),
            HistoryEntry.make(request: request(), response: response(body: textBody), date: date, bodyLimit: 20),
        ]
        for entry in entries {
            try history.append(entry, collectionRoot: root, requestID: "auth/echo")
        }
        let stored = try history.entries(collectionRoot: root, requestID: "auth/echo")
        #expect(stored.count == 4)
        // The binary body went in as base64: decoded, it must be masked too.
        #expect(stored[2].body.starts(with: [0, 1, 2, 0xFF, 0xFE]) && stored[2].body.count == 5 + 12 + 64)
        // Cut at 64 bytes, back to a character boundary: 60 "x" and one whole "•" of the mask.
        #expect(stored[1].body.count == 63 && stored[1].isBodyTruncated && stored[1].bodySize == cutBody.count)
        #expect(String(decoding: stored[1].body, as: UTF8.self).hasSuffix("x•"))
        let needles = [Data(canary.utf8), Data(canary.utf8).base64EncodedData(), Data(canary.prefix(8).utf8)]
        let files = try allFileContents(under: folder.url)
        #expect(!files.isEmpty)
        for (name, contents) in files {
            for needle in needles {
                #expect(contents.range(of: needle) == nil, "\(name) holds \(String(decoding: needle, as: UTF8.self))")
            }
        }
        for entry in stored {
            #expect(entry.body.range(of: Data(canary.prefix(8).utf8)) == nil)
        }
    }

    @Test func onlyTheNewestEntriesAreKept() throws {
        let small = ResponseHistory(directory: history.directory, limit: 3)
        for index in 0..<5 {
            try small.append(HistoryEntry.make(request: request(), response: response(status: 200 + index), date: date),
                             collectionRoot: root, requestID: "r")
        }
        #expect(try small.entries(collectionRoot: root, requestID: "r").map(\.status) == [204, 203, 202])
        let folder = small.folder(collectionRoot: root, requestID: "r")
        let text = try String(contentsOf: ResponseHistory.entriesFile(in: folder), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        // The bodies of dropped entries are deleted with them.
        #expect(try bodyFiles(in: folder).count == 3)
        #expect(ResponseHistory(directory: history.directory).limit == 20)
    }

    @Test func aCorruptFileIsSetAsideReportedOnceAndHistoryStartsAgain() throws {
        let entry = HistoryEntry.make(request: request(), response: response(), date: date)
        try history.append(entry, collectionRoot: root, requestID: "r")
        let folder = history.folder(collectionRoot: root, requestID: "r")
        let file = ResponseHistory.entriesFile(in: folder)
        var damaged = try Data(contentsOf: file)
        damaged += Data(#"{"date":1,"method":"GET","#.utf8) + Data("\n".utf8)
        try damaged.write(to: file)

        #expect {
            try history.entries(collectionRoot: root, requestID: "r")
        } throws: { error in
            guard let corrupt = error as? CorruptHistoryFile else { return false }
            return corrupt.detail.hasPrefix("line 2:") && corrupt.setAsideAs?.lastPathComponent == file.lastPathComponent + ".corrupt"
                && String(describing: corrupt).contains("is corrupt")
        }
        #expect(FileManager.default.fileExists(atPath: file.path + ".corrupt"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try history.entries(collectionRoot: root, requestID: "r").isEmpty)

        // Garbage met by an append: set aside, said so, and the new entry is still kept.
        try Data([0xFF, 0x00, 0x41]).write(to: file)
        let problem = try history.append(entry, collectionRoot: root, requestID: "r")
        #expect(problem?.file == file)
        #expect(try history.entries(collectionRoot: root, requestID: "r") == [entry])
        // A missing field is corruption too, not a crash; so is a body file that has gone.
        for body in try bodyFiles(in: folder) { try FileManager.default.removeItem(at: folder.appendingPathComponent(body)) }
        #expect(throws: CorruptHistoryFile.self) { try history.entries(collectionRoot: root, requestID: "r") }
        try Data(#"{"entry":{"date":1}}"#.utf8).write(to: file)
        #expect(throws: CorruptHistoryFile.self) { try history.entries(collectionRoot: root, requestID: "r") }
        // A body file name that would leave the folder is refused.
        try history.append(entry, collectionRoot: root, requestID: "r")
        let line = try String(contentsOf: file, encoding: .utf8)
        let escaping = line.replacing(#/"bodyFile":"[^"]+"/#, with: #""bodyFile":"../../etc/passwd""#)
        #expect(escaping != line)
        try Data(escaping.utf8).write(to: file)
        #expect(throws: CorruptHistoryFile.self) { try history.entries(collectionRoot: root, requestID: "r") }
    }

    @Test func twoCollectionsWithTheSameRequestIDDoNotShareAFile() throws {
        let other = folder.url.appendingPathComponent("elsewhere/demo")
        try history.append(HistoryEntry.make(request: request(), response: response(status: 201), date: date), collectionRoot: root, requestID: "users/list")
        try history.append(HistoryEntry.make(request: request(), response: response(status: 202), date: date), collectionRoot: other, requestID: "users/list")
        #expect(try history.entries(collectionRoot: root, requestID: "users/list").map(\.status) == [201])
        #expect(try history.entries(collectionRoot: other, requestID: "users/list").map(\.status) == [202])
        // The same folder spelled differently is the same collection; "a/b" and "a_b" differ.
        let spelled = URL(fileURLWithPath: root.path + "/../demo/")
        #expect(history.folder(collectionRoot: spelled, requestID: "users/list") == history.folder(collectionRoot: root, requestID: "users/list"))
        #expect(history.folder(collectionRoot: root, requestID: "a/b") != history.folder(collectionRoot: root, requestID: "a_b"))
        // Stable across runs: a fixed FNV-1a value.
        #expect(StableHash.fnv1a(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func theHistoryFolderIsPrivate() throws {
        try history.append(HistoryEntry.make(request: request(), response: response(), date: date), collectionRoot: root, requestID: "r")
        for folder in [history.directory, history.folder(collectionRoot: root, requestID: "r")] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test func theDefaultFolderFollowsXDG() {
        #expect(ResponseHistory.defaultDirectory(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/u"]).path == "/x/data/sonde/history")
        #expect(ResponseHistory.defaultDirectory(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]).path == "/home/u/.local/share/sonde/history")
        #expect(ResponseHistory.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.local/share/sonde/history")
    }
}
