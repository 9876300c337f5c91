import Foundation
import SondeCore

/// A file named in a request body, opened the moment it is needed so a missing or unreadable
/// file fails the send with the system's reason instead of an opaque curl read error.
enum BodyFile {
    /// Fails with `TransportError.unreadableBodyFile` unless `path` is a readable, non-directory file.
    static func checkReadable(_ path: String) throws(TransportError) {
        close(try openForReading(path))
    }

    /// The whole file; request bodies are small enough to hold in memory.
    static func contents(of path: String) throws(TransportError) -> Data {
        let file = FileHandle(fileDescriptor: try openForReading(path), closeOnDealloc: true)
        do {
            return try file.readToEnd() ?? Data()
        } catch {
            throw .unreadableBodyFile(path: path, reason: error.localizedDescription)
        }
    }

    private static func openForReading(_ path: String) throws(TransportError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unreadableBodyFile(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw .unreadableBodyFile(path: path, reason: "it is a directory")
        }
        return fd
    }
}
