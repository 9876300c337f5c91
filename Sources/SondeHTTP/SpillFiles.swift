import Foundation

/// The temporary files that response bodies past the spill threshold go to, named
/// `sonde-body-<pid>-XXXXXX` in the temporary folder, and the clean-up of those a crash left.
///
/// A body's file is deleted when its response goes away (`ResponseBodyFile`), but a process
/// killed with SIGKILL, or one that crashes, leaves it behind, and such files can be gigabytes.
/// `sonde send` and the TUI call `removeStaleInBackground()` as they start.
public enum SpillFiles {
    static let namePrefix = "sonde-body-"

    /// The path prefix for this process's new spill files; `ResponseBodySink` adds six random
    /// characters. The process id lets a clean-up tell a crashed process's files from those of
    /// a TUI that has been open for days.
    static func pathPrefix(in folder: URL = FileManager.default.temporaryDirectory) -> String {
        folder.appendingPathComponent("\(namePrefix)\(getpid())-").path
    }

    /// A day: a spill file untouched that long belongs to a crash, not to a transfer.
    public static let staleAge: Double = 86_400

    /// `removeStale()` on a thread of its own, so a start never waits for it: one listing of a
    /// /tmp of 2,092 entries took 1.3 ms (debug build, mean of 100; Python's os.listdir 0.7 ms), next
    /// to the 23 ms of a whole `sonde send`. A process that ends first leaves the rest to the next.
    public static func removeStaleInBackground() {
        Thread.detachNewThread { removeStale() }
    }

    /// Deletes spill files in `folder` left by earlier processes: regular files of this user,
    /// named `sonde-body-*`, last written more than `age` seconds before `now`, whose process
    /// (when the name carries one, as names before the process id was added do not) has ended.
    /// One listing of the folder plus an lstat per matching name. Returns how many files went.
    @discardableResult
    public static func removeStale(
        in folder: URL = FileManager.default.temporaryDirectory, olderThan age: Double = staleAge, now: Date = Date()
    ) -> Int {
        guard let directory = opendir(folder.path) else { return 0 }
        defer { closedir(directory) }
        let cutoff = now.timeIntervalSince1970 - age
        let user = getuid()
        var removed = 0
        let prefix = Array(namePrefix.utf8)
        while let entry = readdir(directory) {
            // Compared in place: making a String of every name cost most of the time.
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                guard bytes.starts(with: prefix) else { return nil }
                return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let name else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == user,
                  Double(info.st_mtim.tv_sec) < cutoff, !writerIsRunning(name)
            else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether the process named in `sonde-body-<pid>-XXXXXX` still runs (EPERM: it runs as
    /// someone else). A name without a process id has no writer to ask about.
    private static func writerIsRunning(_ name: String) -> Bool {
        let rest = name.dropFirst(namePrefix.count)
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
