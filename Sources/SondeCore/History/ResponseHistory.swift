import Foundation

/// The last responses of each request, kept on disk so the History tab survives a restart.
///
/// One folder per request per collection, `<request-id-slug>-<hash>/`, where the hash (FNV-1a,
/// 64 bits) is of the collection's root path and the request's id, so two collections with a
/// `users/list` never share one. In it, `entries.jsonl` holds one entry a line (JSON Lines), oldest
/// first, each naming its body file; each body is `<id>.body`, its masked bytes as they are.
/// Bodies stay out of the JSON because Foundation's JSON coders take ~0.1 s per megabyte of string
/// (measured: 20 entries of 1 MB took 2–3 s to read back inline, against milliseconds as files).
/// An append writes the new body, then rewrites `entries.jsonl` atomically (`AtomicFile`) with the
/// oldest entries past `limit` dropped, then deletes the bodies no entry names any more.
///
/// Entries are masked before they are written (see `HistoryEntry.make`), so no secret reaches
/// the disk; the folders are readable by their owner only. An `entries.jsonl` that cannot be read
/// as entries (or names a body that is gone) is renamed to `entries.jsonl.corrupt` (replacing an
/// older one) and reported once as `CorruptHistoryFile`; the request's history then starts
/// afresh. Calls do file I/O: run them off the UI's loop. Two processes appending to the same
/// request at the same instant may lose one entry.
public struct ResponseHistory: Sendable {
    public let directory: URL
    /// How many entries each request keeps.
    public let limit: Int

    public init(directory: URL, limit: Int = 20) {
        self.directory = directory
        self.limit = max(1, limit)
    }

    /// `$XDG_DATA_HOME/sonde/history` when that is set to an absolute path (the XDG spec says to
    /// ignore relative ones), else `~/.local/share/sonde/history`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("sonde/history", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share/sonde/history", isDirectory: true)
    }

    /// The stored entries of a request, newest first; none when it has no history yet.
    /// Throws `CorruptHistoryFile` (after setting the file aside) or the read error.
    public func entries(collectionRoot: URL, requestID: String) throws -> [HistoryEntry] {
        let folder = folder(collectionRoot: collectionRoot, requestID: requestID)
        var entries: [HistoryEntry] = []
        for line in try readLines(in: folder) {
            var entry = line.entry
            if let name = line.bodyFile {
                do {
                    entry.body = try Data(contentsOf: folder.appendingPathComponent(name))
                } catch {
                    throw setAside(Self.entriesFile(in: folder), detail: "body file \(name) is missing or unreadable")
                }
            }
            entries.append(entry)
        }
        return entries.reversed()
    }

    /// Adds `entry` as the newest of the request's history, dropping the oldest past `limit`.
    /// If the existing file was corrupt it is set aside, the entry is still written, and the
    /// problem is returned so it can be reported.
    @discardableResult
    public func append(_ entry: HistoryEntry, collectionRoot: URL, requestID: String) throws -> CorruptHistoryFile? {
        let folder = folder(collectionRoot: collectionRoot, requestID: requestID)
        var kept: [StoredLine]
        var problem: CorruptHistoryFile?
        do {
            kept = try readLines(in: folder)
        } catch let corrupt as CorruptHistoryFile {
            kept = []
            problem = corrupt
        }
        try createFolder(folder)
        var line = StoredLine(entry: entry, bodyFile: nil)
        if !entry.body.isEmpty {
            let name = UUID().uuidString.lowercased() + ".body"
            try AtomicFile.write(entry.body, to: folder.appendingPathComponent(name))
            line.bodyFile = name
        }
        line.entry.body = Data()
        kept.append(line)
        kept.removeFirst(max(0, kept.count - limit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for item in kept {
            data.append(try encoder.encode(item))
            data.append(0x0A)
        }
        try AtomicFile.write(data, to: Self.entriesFile(in: folder))
        removeBodies(in: folder, except: Set(kept.compactMap(\.bodyFile)))
        return problem
    }

    /// The folder of a request's history.
    public func folder(collectionRoot: URL, requestID: String) -> URL {
        let root = collectionRoot.standardizedFileURL.resolvingSymlinksInPath().path
        let name = Self.slug(requestID) + "-" + StableHash.hex(Array(root.utf8) + [0] + Array(requestID.utf8))
        return directory.appendingPathComponent(name, isDirectory: true)
    }

    static func entriesFile(in folder: URL) -> URL { folder.appendingPathComponent("entries.jsonl") }

    /// One line of `entries.jsonl`: the entry without its body, and the file that holds the body.
    private struct StoredLine: Codable {
        var entry: HistoryEntry
        var bodyFile: String?
    }

    private func readLines(in folder: URL) throws -> [StoredLine] {
        let file = Self.entriesFile(in: folder)
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let data = try Data(contentsOf: file)
        let decoder = JSONDecoder()
        var lines: [StoredLine] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let stored: StoredLine
            do {
                stored = try decoder.decode(StoredLine.self, from: Data(line))
            } catch {
                throw setAside(file, detail: "line \(lineNumber): \(Self.describe(error))")
            }
            // A body file name from the file is only ever a plain name in this folder.
            if let name = stored.bodyFile, name.contains("/") || name.hasPrefix(".") {
                throw setAside(file, detail: "line \(lineNumber): bad body file name")
            }
            lines.append(stored)
        }
        return lines
    }

    /// Deletes the body files of entries that were dropped (or written by an append that failed).
    private func removeBodies(in folder: URL, except kept: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".body") && !kept.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Renames a corrupt file to `<name>.corrupt` and says so.
    private func setAside(_ file: URL, detail: String) -> CorruptHistoryFile {
        let aside = file.appendingPathExtension("corrupt")
        try? FileManager.default.removeItem(at: aside)
        do {
            try FileManager.default.moveItem(at: file, to: aside)
            return CorruptHistoryFile(file: file, setAsideAs: aside, detail: detail)
        } catch {
            // Could not rename: remove it instead, or every later read would fail the same way.
            try? FileManager.default.removeItem(at: file)
            return CorruptHistoryFile(file: file, setAsideAs: nil, detail: detail)
        }
    }

    private func createFolder(_ folder: URL) throws {
        for url in [directory, folder] where !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    /// A readable file-name part from a request id: letters, digits, "." "-" "_" kept, the rest
    /// (the "/" of folders) as "_", at most 64 characters. The hash makes the name unique.
    static func slug(_ requestID: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        var slug = String(requestID.prefix(64).map { allowed.contains($0) ? $0 : "_" })
        if slug.hasPrefix(".") { slug = "_" + slug.dropFirst() }
        return slug.isEmpty ? "request" : slug
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: String(describing: error)
        }
    }
}

/// A history file that could not be read: it was renamed to `setAsideAs` (nil if even that
/// failed and it was removed) and the request's history starts again.
public struct CorruptHistoryFile: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: URL
    public var setAsideAs: URL?
    /// What was wrong, with the line: `line 3: missing "status"`.
    public var detail: String

    public var description: String {
        let moved = setAsideAs.map { "set aside as \($0.lastPathComponent)" } ?? "removed"
        return "history file \(file.path) is corrupt (\(detail)); \(moved)"
    }
}
