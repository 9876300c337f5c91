import Foundation
import Synchronization

/// A pseudo-terminal for driving `CursesTerminal` in-process: the backend opens the device
/// path (the slave side); the test plays the terminal on the master side, writing what a
/// person would type and reading everything curses sent.
///
/// A plain thread keeps reading the master, so curses never blocks on a full buffer.
final class PseudoTerminal: Sendable {
    let master: Int32
    let devicePath: String
    private let received = Received()

    /// The bytes read so far, shared with the reading thread, and whether it should stop.
    private final class Received: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let stopped = Atomic<Bool>(false)
        func withLock<T>(_ body: (inout [UInt8]) -> T) -> T { bytes.withLock { body(&$0) } }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(width: Int, height: Int) throws {
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module, so the Linux ioctls
        // they wrap: TIOCSPTLCK (unlock the slave) and TIOCGPTN (its number under /dev/pts).
        let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard fd >= 0, ioctl(fd, 0x4004_5431, &unlock) == 0, ioctl(fd, 0x8004_5430, &number) == 0 else {
            throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        master = fd
        devicePath = "/dev/pts/\(number)"
        let received = self.received
        // The reader closes the master itself when told to stop: closing it from another
        // thread would free its number for the next pseudo-terminal while this one still reads.
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while !received.stopped.load(ordering: .acquiring) {
                guard poll(&poller, 1, 20) > 0 else { continue }
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else {
                    usleep(20_000)  // EIO while no one has the slave open: wait for the next opener
                    continue
                }
                received.withLock { $0.append(contentsOf: buffer[0..<count]) }
            }
            close(fd)
        }
        reader.start()
        setSize(width: width, height: height)
    }

    deinit { received.stopped.store(true, ordering: .releasing) }

    /// Sets the window size the slave side reports (as a terminal window being resized would).
    func setSize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as the terminal would send it.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// Everything received since the last `takeOutput`, as text (escape sequences included).
    func takeOutput() -> String {
        String(decoding: received.withLock { bytes in defer { bytes.removeAll() }; return bytes }, as: UTF8.self)
    }

    /// Waits (polling, on the calling plain thread) until the output received so far contains
    /// `text`; returns everything received, and clears it.
    func waitForOutput(containing text: String, timeout: TimeInterval = 5) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let output = received.withLock { String(decoding: $0, as: UTF8.self) }
            if output.contains(text) { return takeOutput() }
            usleep(10_000)
        }
        return nil
    }

    /// The terminal modes, as raw bytes to compare before and after.
    func modes() -> [UInt8] {
        var attributes = termios()
        _ = tcgetattr(master, &attributes)
        return withUnsafeBytes(of: &attributes) { Array($0) }
    }

    /// Whether the line discipline is in canonical (cooked) mode, as a shell leaves it.
    var isCooked: Bool {
        var attributes = termios()
        _ = tcgetattr(master, &attributes)
        return attributes.c_lflag & tcflag_t(ICANON) != 0 && attributes.c_lflag & tcflag_t(ECHO) != 0
    }
}

/// Runs `body` on a plain thread of its own and waits for it without blocking Swift's
/// cooperative pool: curses calls block for their input timeouts.
///
/// The thread unblocks the signals curses and `CursesTerminal` handle, which it would
/// otherwise inherit blocked from the pool thread that started it, so `raise` reaches them.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            var signals = sigset_t()
            sigemptyset(&signals)
            for signal in [SIGTERM, SIGHUP, SIGWINCH, SIGALRM] { sigaddset(&signals, signal) }
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            continuation.resume(with: Result { try body() })
        }.start()
    }
}
