import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written one behind: the
/// bytes go to a temporary file in the same folder, are flushed, then renamed over the target.
///
/// Saving keeps what the user set on the file:
/// - its permissions (a 0600 file holding tokens stays 0600) and, where the process may, its
///   owner and group; a new file gets 0644 less the umask, as any editor would create it.
/// - a symbolic link: the write goes through to the file it points to, atomically there (the
///   temporary file is made next to the target, so the rename stays on one file system), and the
///   link stays a link. Links are how request files are shared between collections or kept in a
///   dotfiles repository; replacing the link with a plain file would silently fork the copy, and
///   refusing would make such a request impossible to save. A link to nothing is refused.
public enum AtomicFile {
    /// - Parameter permissions: exactly these for the file, new or not (0600 for a cookie jar),
    ///   instead of keeping the existing file's. Such a file holds secrets (a `.env`, a cookie
    ///   jar, a token), and one that is a symbolic link is refused rather than written through:
    ///   a `.env` linked to `README.md` in a cloned collection put an imported token in the README.
    public static func write(_ data: Data, to url: URL, permissions: mode_t? = nil) throws {
        if permissions != nil, isSymbolicLink(url.path) {
            throw CocoaError(.fileWriteNoPermission, userInfo: [
                NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: "it is a symbolic link; sonde writes secrets only into a file of their own, never through a link",
            ])
        }
        let target = try destination(of: url)
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        var existing = stat()
        let exists = stat(target.path, &existing) == 0
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions ?? (exists ? existing.st_mode & 0o7777 : 0o644))
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: folder.path, NSUnderlyingErrorKey: posixError(errno)])
        }
        if exists {
            // open(2)'s mode passes through the umask; fchmod does not. Changing the owner needs
            // privilege unless only the group changes to one of ours, so failing it is fine.
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
        }
        if let permissions { _ = fchmod(descriptor, permissions) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, target.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSUnderlyingErrorKey: posixError(code)])
        }
    }

    /// Whether `path` itself is a symbolic link (lstat(2): the link, not what it leads to).
    package static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The file to write for `url`: itself, or the file its symbolic links lead to. Also where
    /// `sonde send -o` writes, as curl writes through a link.
    package static func destination(of url: URL) throws -> URL {
        guard isSymbolicLink(url.path) else { return url }
        guard let resolved = realpath(url.path, nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: "it is a symbolic link to a file that does not exist; sonde saves through a link, not over it",
            ])
        }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved))
    }

    private static func posixError(_ code: Int32) -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
