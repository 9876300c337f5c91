import Glibc

/// A file that this call creates (`O_EXCL`): one that exists already, or appears between a
/// check and the write, is never overwritten. For writing a file that is new by contract
/// (an imported request, an export, `--save`, a curl script); an update goes through
/// `AtomicFile`. No temporary file, rename and fsync: there is nothing to damage, and 511
/// fsyncs took half of a 450-request import's 1.4 s (bench/import-postman.sh).
public enum NewFile {
    public enum Failure: Error, Sendable, Equatable {
        /// Something is at the path already.
        case exists
        /// Why the file could not be created or written (`strerror`).
        case failed(String)
    }

    /// Creates `path` with `permissions` (less the umask) and writes every byte of `bytes`.
    public static func create(_ path: String, _ bytes: [UInt8], permissions: mode_t = 0o644) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw errno == EEXIST ? .exists : .failed(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        do {
            try FileDescriptor(descriptor).writeAll(bytes)
        } catch {
            throw .failed(error.description)
        }
    }
}
