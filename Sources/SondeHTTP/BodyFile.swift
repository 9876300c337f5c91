import Foundation
import SondeCore

/// A file named in a request body, opened the moment it is needed so a missing or unreadable
/// file fails the send with the system's reason instead of an opaque curl read error.
enum BodyFile {
    /// Fails with `TransportError.unreadableBodyFile` unless `path` is a readable regular file.
    static func checkReadable(_ path: String) throws(TransportError) {
        close(try openForReading(path))
    }

    /// The whole file; request bodies are small enough to hold in memory.
    static func contents(of path: String) throws(TransportError) -> Data {
        let file = FileHandle(fileDescriptor: try openForReading(path), closeOnDealloc: true)
        do {
            return try file.readToEnd() ?? Data()
        } catch {
            throw .unreadableBodyFile(path: path, reason: FileErrorText.reason(of: error))
        }
    }

    /// Opens `path` only if it is a regular file. `/dev/zero` would be read forever and a FIFO
    /// would block the send until something writes to it, so both are refused; opening without
    /// blocking lets a FIFO be looked at before anything waits on it.
    private static func openForReading(_ path: String) throws(TransportError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw .unreadableBodyFile(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .unreadableBodyFile(path: path, reason: reason)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            // Back to blocking reads (regular files never block, but the handle should be plain).
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return fd
        case S_IFDIR:
            close(fd)
            throw .unreadableBodyFile(path: path, reason: "it is a directory")
        default:
            close(fd)
            throw .unreadableBodyFile(path: path, reason: "it is not a regular file (a device, FIFO or socket)")
        }
    }
}
