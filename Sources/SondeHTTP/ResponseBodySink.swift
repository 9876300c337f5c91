import Foundation
import SondeCore

/// Where one transfer's body bytes go as curl hands them over: memory up to the spill
/// threshold and a temporary file beyond it, or a `.part` file beside a requested destination
/// that becomes the destination once the body is whole. Only ever the one transfer thread uses it.
///
/// Files are written with write(2) straight from curl's buffer, so memory stays flat however
/// large the body; the byte counts are of the decompressed body, as curl delivers it.
final class ResponseBodySink {
    private enum Storage {
        case memory(Data)
        /// An open file being written: a spilled temporary file, or the `.part` of a destination.
        case file(descriptor: Int32, path: String)
        /// A destination that is not a regular file (`/dev/null`, a named pipe, a terminal),
        /// written in place: renaming a file over it would replace the device itself.
        case inPlace(descriptor: Int32)
        /// Retention said not to keep the body; nothing is stored.
        case discarded
        /// Finished or abandoned.
        case closed
    }

    private var storage: Storage
    private let spillThreshold: Int64
    /// The requested destination, for `.file` destinations.
    private let finalPath: String?
    /// Bytes kept so far.
    private(set) var size: Int64 = 0
    /// Why the last `append` failed.
    private(set) var failure: TransportError?
    /// Masks what goes to a temporary spill file when the request carried secrets: a secret a
    /// server echoes must not sit in plain text in the temporary folder. A requested `-o` file
    /// gets the exact bytes, as with curl.
    private var spillMasking: BodyMasking?

    /// Opens the `.part` file of a `.file` destination right away, so an unwritable folder
    /// fails the send before anything goes out.
    init(destination: ResponseReceiver.Destination, spillThreshold: Int64) throws(TransportError) {
        self.spillThreshold = max(0, spillThreshold)
        switch destination {
        case .memory:
            finalPath = nil
            storage = .memory(Data())
        case .file(let requested):
            // As curl writes through a link, so does the download: into the file it points to,
            // the link left a link (replacing it with the body's file broke it).
            var path = requested
            if AtomicFile.isSymbolicLink(requested) {
                do {
                    path = try AtomicFile.destination(of: URL(fileURLWithPath: requested)).path
                } catch {
                    throw .unwritableResponseFile(path: requested, reason: FileErrorText.reason(of: error))
                }
            }
            finalPath = path
            var info = stat()
            let exists = stat(path, &info) == 0
            if exists, info.st_mode & S_IFMT != S_IFREG {
                guard info.st_mode & S_IFMT != S_IFDIR else {
                    throw .unwritableResponseFile(path: path, reason: "it is a directory")
                }
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw .unwritableResponseFile(path: path, reason: String(cString: strerror(errno)))
                }
                storage = .inPlace(descriptor: descriptor)
                return
            }
            let (descriptor, partPath) = try Self.createFile(prefix: path + ".part-", mode: 0o666, reportedAs: path)
            if exists {
                // The file keeps its permissions and, where the process may, its owner: a 0600
                // file holding a token became world-readable when replaced with a 0644 one.
                _ = fchown(descriptor, info.st_uid, info.st_gid)
                _ = fchmod(descriptor, info.st_mode & 0o7777)
            }
            storage = .file(descriptor: descriptor, path: partPath)
        }
    }

    deinit {
        abandon()
    }

    /// Stops keeping the body (`ResponseReceiver.Retention.discard`); only a body headed for
    /// memory can be dropped.
    func discard() {
        guard case .memory = storage else { return }
        storage = .discarded
    }

    /// Masks the secrets of a text body in the temporary file it may spill to; called with
    /// the final response's head, before any of its body.
    func maskSpill(secrets: SecretSet, mediaType: @autoclosure () -> String?) {
        guard finalPath == nil, !secrets.isEmpty else { return }
        spillMasking = BodyMasking(secrets: secrets, mediaType: mediaType())
    }

    /// Keeps `bytes`; false (with `failure` set) when they cannot be written.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch storage {
        case .memory(var data):
            if size + Int64(bytes.count) <= spillThreshold {
                storage = .closed  // so `data` is uniquely referenced and grows in place
                data.append(contentsOf: bytes)
                storage = .memory(data)
                size += Int64(bytes.count)
                return true
            }
            do {
                let (descriptor, path) = try Self.createFile(prefix: SpillFiles.pathPrefix(), mode: 0o600, reportedAs: nil)
                storage = .file(descriptor: descriptor, path: path)
                // In megabyte pieces, so masking never holds a second copy of the whole.
                var offset = 0
                while offset < data.count {
                    let piece = data[data.startIndex + offset..<data.startIndex + min(data.count, offset + 1 << 20)]
                    guard piece.withUnsafeBytes({ writeSpill($0, to: descriptor, path: path) }) else { return false }
                    offset += piece.count
                }
            } catch {
                failure = error
                storage = .closed
                return false
            }
            return append(bytes)
        case .file(let descriptor, let path):
            guard writeSpill(bytes, to: descriptor, path: path) else { return false }
            size += Int64(bytes.count)
            return true
        case .inPlace(let descriptor):
            guard write(bytes, to: descriptor, path: finalPath ?? "") else { return false }
            size += Int64(bytes.count)
            return true
        case .discarded:
            return true
        case .closed:
            return false
        }
    }

    /// The body once the transfer has ended well: in memory, in a temporary file, or renamed
    /// to the requested destination.
    func finish() throws(TransportError) -> (body: Data, file: ResponseBodyFile?) {
        defer { storage = .closed }
        switch storage {
        case .memory(let data):
            return (data, nil)
        case .file(let descriptor, let path):
            // close(2) can report a delayed write error (NFS, a full disk), so it is checked.
            // No fsync, as curl does none: the promise is that an interrupted download never
            // has the final name, not durability through a power cut, and syncing a gigabyte
            // would cost seconds.
            var fileSize = size
            if finalPath == nil, var masking = spillMasking {
                let rest = masking.finish()
                guard rest.withUnsafeBytes({ write($0, to: descriptor, path: path) }) else {
                    throw failure ?? .unwritableResponseFile(path: path, reason: "write failed")
                }
                // A mask is not as long as what it hides: readers of the file page by its size.
                var info = stat()
                if fstat(descriptor, &info) == 0 { fileSize = Int64(info.st_size) }
            }
            guard close(descriptor) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .unwritableResponseFile(path: finalPath ?? path, reason: reason)
            }
            guard let finalPath else {
                return (Data(), ResponseBodyFile(url: URL(fileURLWithPath: path), size: fileSize, isTemporary: true, isMasked: spillMasking != nil))
            }
            guard rename(path, finalPath) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .unwritableResponseFile(path: finalPath, reason: reason)
            }
            return (Data(), ResponseBodyFile(url: URL(fileURLWithPath: finalPath), size: size, isTemporary: false))
        case .inPlace(let descriptor):
            close(descriptor)
            return (Data(), ResponseBodyFile(url: URL(fileURLWithPath: finalPath ?? ""), size: size, isTemporary: false))
        case .discarded, .closed:
            return (Data(), nil)
        }
    }

    /// Drops whatever was kept, removing a temporary or `.part` file; for a transfer that failed.
    func abandon() {
        switch storage {
        case .file(let descriptor, let path):
            close(descriptor)
            unlink(path)
        case .inPlace(let descriptor):
            close(descriptor)
        case .memory, .discarded, .closed:
            break
        }
        storage = .closed
    }

    /// Writes to the open file, through the masking of a temporary spill file.
    private func writeSpill(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) -> Bool {
        guard finalPath == nil, var masking = spillMasking else { return write(bytes, to: descriptor, path: path) }
        spillMasking = nil  // so the masker's buffer is uniquely referenced and grows in place
        let masked = masking.process(bytes)
        spillMasking = masking
        return masked.withUnsafeBytes { write($0, to: descriptor, path: path) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) -> Bool {
        do {
            try FileDescriptor(descriptor).writeAll(bytes)
            return true
        } catch {
            failure = .unwritableResponseFile(path: finalPath ?? path, reason: error.description)
            abandon()
            return false
        }
    }

    /// Creates a new file `<prefix>XXXXXX` (six random letters or digits) that did not exist,
    /// open for writing. `mode` is filtered by the umask as usual.
    private static func createFile(prefix: String, mode: mode_t, reportedAs: String?) throws(TransportError) -> (Int32, String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var random = SystemRandomNumberGenerator()
        var lastError: Int32 = EEXIST
        for _ in 0..<100 {
            let path = prefix + String((0..<6).map { _ in letters.randomElement(using: &random)! })
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 { return (descriptor, path) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw .unwritableResponseFile(path: reportedAs ?? prefix + "XXXXXX", reason: String(cString: strerror(lastError)))
    }
}
