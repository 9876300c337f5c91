import Foundation

/// The last responses of each request, kept on disk so the History tab survives a restart.
///
/// One file per request per collection, named `<request-id-slug>-<hash>.jsonl` where the hash
/// (FNV-1a, 64 bits) is of the collection's root path and the request's id, so two collections
/// with a `users/list` never share a file. The file is JSON Lines: one `HistoryEntry` a line,
/// oldest first; an append rewrites it atomically (`AtomicFile`) with the oldest entries past
/// `limit` dropped. Entries are masked before they are written (see `HistoryEntry.make`), so no
/// secret reaches the file; the folder is made readable by its owner only.
///
/// A file that cannot be read as entries is renamed to `<name>.corrupt` (replacing an older one)
/// and reported once as `CorruptHistoryFile`; the request's history then starts afresh. Calls do
/// file I/O and may take tens of milliseconds for large bodies: run them off the UI's loop.
/// Two processes appending to the same request at the same instant may lose one entry.
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
        let file = fileURL(collectionRoot: collectionRoot, requestID: requestID)
        return try read(file).reversed()
    }

    /// Adds `entry` as the newest of the request's history, dropping the oldest past `limit`.
    /// If the existing file was corrupt it is set aside, the entry is still written, and the
    /// problem is returned so it can be reported.
    @discardableResult
    public func append(_ entry: HistoryEntry, collectionRoot: URL, requestID: String) throws -> CorruptHistoryFile? {
        let file = fileURL(collectionRoot: collectionRoot, requestID: requestID)
        var kept: [HistoryEntry]
        var problem: CorruptHistoryFile?
        do {
            kept = try read(file)
        } catch let corrupt as CorruptHistoryFile {
            kept = []
            problem = corrupt
        }
        kept.append(entry)
        kept.removeFirst(max(0, kept.count - limit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for item in kept {
            data.append(try encoder.encode(item))
            data.append(0x0A)
        }
        try createDirectory()
        try AtomicFile.write(data, to: file)
        return problem
    }

    /// The file of a request's history.
    public func fileURL(collectionRoot: URL, requestID: String) -> URL {
        let root = collectionRoot.standardizedFileURL.resolvingSymlinksInPath().path
        let hash = Self.fnv1a(Array(root.utf8) + [0] + Array(requestID.utf8))
        let hex = String(hash, radix: 16)
        let name = Self.slug(requestID) + "-" + String(repeating: "0", count: 16 - hex.count) + hex + ".jsonl"
        return directory.appendingPathComponent(name)
    }

    private func read(_ file: URL) throws -> [HistoryEntry] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let data = try Data(contentsOf: file)
        let decoder = JSONDecoder()
        var entries: [HistoryEntry] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                entries.append(try decoder.decode(HistoryEntry.self, from: Data(line)))
            } catch {
                throw setAside(file, detail: "line \(lineNumber): \(Self.describe(error))")
            }
        }
        return entries
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

    private func createDirectory() throws {
        guard !FileManager.default.fileExists(atPath: directory.path) else { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// A readable file-name part from a request id: letters, digits, "." "-" "_" kept, the rest
    /// (the "/" of folders) as "_", at most 64 characters. The hash makes the name unique.
    static func slug(_ requestID: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        var slug = String(requestID.prefix(64).map { allowed.contains($0) ? $0 : "_" })
        if slug.hasPrefix(".") { slug = "_" + slug.dropFirst() }
        return slug.isEmpty ? "request" : slug
    }

    /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
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
