import Foundation

/// What stat(2) says of a file that changes when its contents do: device, inode, size and the
/// modification and status-change times to the nanosecond. Equal signatures mean the file was
/// not rewritten, so a reader can keep what it read last instead of reading again.
///
/// sonde's own writes go through `AtomicFile` (a rename: a new inode), so they always change it.
/// Checked before every transfer of `sonde run` for the cookie jar, where reading the file (and,
/// for a missing one, the error Foundation builds) was one of the larger costs per request.
public struct FileSignature: Equatable, Sendable {
    private var device: UInt64
    private var inode: UInt64
    private var size: Int64
    private var modified: (seconds: Int, nanoseconds: Int)
    private var changed: (seconds: Int, nanoseconds: Int)

    /// The file at `path` as it is now; nil when there is none (or it cannot be looked at).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        changed = (Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec))
    }

    public static func == (a: FileSignature, b: FileSignature) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified == b.modified && a.changed == b.changed
    }
}
