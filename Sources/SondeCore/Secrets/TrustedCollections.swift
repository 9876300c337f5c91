import Foundation

/// The collections whose `{{cmd:}}` commands the user lets run: their canonical paths, one a
/// line, in `$XDG_CONFIG_HOME/sonde/trusted` (0600). A cloned collection runs nothing until
/// its user says `sonde trust DIR`.
public struct TrustedCollections: Sendable {
    public let fileURL: URL

    public init(fileURL: URL) {
        self.fileURL = fileURL
    }

    /// `$XDG_CONFIG_HOME/sonde/trusted` when that is absolute, else `~/.config/sonde/trusted`.
    public init(environment: [String: String]) {
        let folder: URL
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            folder = URL(fileURLWithPath: config, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            folder = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        self.init(fileURL: folder.appendingPathComponent("sonde/trusted"))
    }

    /// The folder's path with `..` and symbolic links resolved, as it is recorded.
    public static func canonicalPath(_ folder: URL) -> String {
        folder.standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func list() -> [String] {
        guard let text = try? String(contentsOf: fileURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    public func isTrusted(_ folder: URL) -> Bool {
        list().contains(Self.canonicalPath(folder))
    }

    /// Records the folder; whether it was new.
    @discardableResult
    public func add(_ folder: URL) throws -> Bool {
        var paths = list()
        let path = Self.canonicalPath(folder)
        guard !paths.contains(path) else { return false }
        paths.append(path)
        try write(paths)
        return true
    }

    /// Forgets the folder; whether it was there.
    @discardableResult
    public func remove(_ folder: URL) throws -> Bool {
        let path = Self.canonicalPath(folder)
        let paths = list()
        guard paths.contains(path) else { return false }
        try write(paths.filter { $0 != path })
        return true
    }

    /// Written to a temporary file made 0600 first, then renamed over the list: never half a list.
    private func write(_ paths: [String]) throws {
        let folder = fileURL.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = folder.appendingPathComponent(".trusted.\(ProcessInfo.processInfo.processIdentifier).tmp")
        let text = paths.map { $0 + "\n" }.joined()
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        if rename(temporary.path, fileURL.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
    }
}
