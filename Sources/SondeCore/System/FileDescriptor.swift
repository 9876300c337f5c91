import Glibc

/// An open file descriptor that sonde writes bytes to directly: standard output, the terminal,
/// a response body file.
///
/// write(2) may write fewer bytes than asked, or none with EINTR, when a signal whose handler
/// was installed without SA_RESTART arrives meanwhile (as the TUI's are, so that a signal
/// wakes its input loop), so `writeAll(_:)` loops until every byte is out.
///
/// It lives in the core, which otherwise has no C, because write(2) is plain Glibc, which the
/// Swift runtime itself links (unlike libcurl or ncurses, no C module of sonde's own), and
/// the core is the one module the three writers share: the CLI's standard output, the TUI's
/// curses backend and the libcurl response body sink.
public struct FileDescriptor: Sendable, Equatable {
    public var rawValue: Int32

    public init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static var standardOutput: FileDescriptor { FileDescriptor(STDOUT_FILENO) }

    /// Why `writeAll(_:)` stopped before the last byte.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The `errno` of the failing write: EPIPE for a reader that has gone (when SIGPIPE is
        /// ignored; otherwise the signal ends the process first), ENOSPC for a full disk.
        /// 0 when write(2) returned 0, writing nothing without saying why.
        public var code: Int32
        /// How many bytes went out before the failure.
        public var bytesWritten: Int

        public var description: String { code == 0 ? "nothing written" : String(cString: strerror(code)) }
    }

    /// Writes every byte of `bytes`, retrying short and interrupted writes.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(rawValue, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw WriteError(code: written < 0 ? errno : 0, bytesWritten: offset) }
            offset += written
        }
    }

    /// Writes every byte of `bytes`, retrying short and interrupted writes.
    public func writeAll(_ bytes: [UInt8]) throws(WriteError) {
        // Through a Result: `withUnsafeBytes` rethrows as `any Error`.
        try bytes.withUnsafeBytes { buffer in Result { () throws(WriteError) in try writeAll(buffer) } }.get()
    }
}
