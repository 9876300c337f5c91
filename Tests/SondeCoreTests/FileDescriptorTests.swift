import Foundation
import SondeCore
import Testing

/// `FileDescriptor.writeAll` through real pipes: everything arrives in order however the kernel
/// splits the writes, and a reader that has gone is an error rather than a hang.
@Suite struct FileDescriptorTests {
    /// A pipe's two ends; the caller closes what it did not hand over.
    private struct Pipe {
        let read: Int32
        let write: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            (read, write) = (ends[0], ends[1])
        }
    }

    /// Everything readable from `fd` until end of file.
    private static func readToEnd(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// Starts `body` on a thread of its own; the returned function waits at most `seconds` for
    /// its result, nil on a timeout, so a write that blocks fails the test instead of hanging it.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> (_ within: Double) -> T? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Thread {
            box.value = body()
            done.signal()
        }.start()
        return { seconds in done.wait(timeout: .now() + seconds) == .success ? box.value : nil }
    }

    private final class ResultBox<T>: @unchecked Sendable {
        // Written by the thread before it signals, read after the wait: the semaphore orders them.
        var value: T?
    }

    /// Writes `bytes` to `fd` on a thread of its own, then closes `fd`.
    private static func writeOnThread(_ bytes: [UInt8], to fd: Int32) -> (_ within: Double) -> FileDescriptor.WriteError?? {
        onThread { () -> FileDescriptor.WriteError? in
            defer { close(fd) }
            return writeAll(bytes, to: fd)
        }
    }

    /// Why writing `bytes` to `fd` failed; nil when every byte went out.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> FileDescriptor.WriteError? {
        do throws(FileDescriptor.WriteError) {
            try FileDescriptor(fd).writeAll(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Checks that the write finished without an error and that `arrived` is `sent`, in order.
    private static func expectWhole(
        _ arrived: [UInt8], _ sent: [UInt8], writeOutcome: (_ within: Double) -> FileDescriptor.WriteError??,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let outcome = try #require(writeOutcome(10), "the write did not finish", sourceLocation: sourceLocation)
        #expect(outcome == nil, sourceLocation: sourceLocation)
        #expect(arrived.count == sent.count, sourceLocation: sourceLocation)
        // A Bool, not `arrived == sent`: a failing #expect on two 4 MiB arrays diffs them for minutes.
        let inOrder = arrived == sent
        #expect(inOrder, "the bytes arrived out of order", sourceLocation: sourceLocation)
    }

    private static func signalSet(_ signal: Int32) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        return set
    }

    @Test func aSmallWriteArrivesWhole() throws {
        let pipe = try Pipe()
        defer { close(pipe.read) }
        let bytes = Array("hello, pipe\n".utf8)
        try FileDescriptor(pipe.write).writeAll(bytes)
        close(pipe.write)
        #expect(Self.readToEnd(pipe.read) == bytes)
    }

    @Test func aWriteMuchLargerThanThePipeArrivesInOrder() throws {
        // 4 MiB through a 64 KiB pipe: write(2) comes back short many times over.
        let pipe = try Pipe()
        defer { close(pipe.read) }
        let bytes = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 16) }
        let writing = Self.writeOnThread(bytes, to: pipe.write)
        let arrived = Self.readToEnd(pipe.read)
        try Self.expectWhole(arrived, bytes, writeOutcome: writing)
    }

    @Test func writesInterruptedBySignalsStillDeliverEveryByte() throws {
        // SIGUSR2 with a handler that does nothing and no SA_RESTART: a write blocked on the full
        // pipe comes back early, short when some bytes went out and with EINTR when none did.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previousAction = sigaction()
        sigaction(SIGUSR2, &action, &previousAction)
        defer { sigaction(SIGUSR2, &previousAction, nil) }

        let pipe = try Pipe()
        defer { close(pipe.read) }
        let bytes = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 12) }
        let started = DispatchSemaphore(value: 0)
        let mayExit = DispatchSemaphore(value: 0)
        let writer = ResultBox<pthread_t>()
        let waitForWrite = Self.onThread { () -> FileDescriptor.WriteError? in
            // Threads start with SIGUSR2 blocked here; this one must hear it.
            var user2 = Self.signalSet(SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &user2, nil)
            writer.value = pthread_self()
            started.signal()
            // Alive until the last signal is sent: a finished thread's id must not be signalled.
            defer { mayExit.wait() }
            defer { close(pipe.write) }
            return Self.writeAll(bytes, to: pipe.write)
        }
        started.wait()
        let thread = try #require(writer.value)
        var arrived: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            // The first signal cuts a write short; the second finds the next write still waiting
            // on the full pipe with nothing written, which fails it with EINTR.
            for _ in 0..<2 {
                pthread_kill(thread, SIGUSR2)
                usleep(500)
            }
            let count = read(pipe.read, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            arrived += buffer[0..<count]
        }
        mayExit.signal()
        try Self.expectWhole(arrived, bytes, writeOutcome: waitForWrite)
    }

    @Test func aClosedReaderIsAnErrorNotAHang() throws {
        let pipe = try Pipe()
        close(pipe.read)
        defer { close(pipe.write) }
        // A loop that took the failure for an interruption would retry it for ever.
        let bytes = [UInt8](repeating: 7, count: 1 << 20)
        let waitForWrite = Self.onThread { () -> FileDescriptor.WriteError? in
            // SIGPIPE blocked on this thread only, and taken back before unblocking, so the write
            // fails with EPIPE without the signal ending the test process or reaching others.
            var pipeSignal = Self.signalSet(SIGPIPE)
            var previous = sigset_t()
            pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
            defer {
                var none = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &none)
                pthread_sigmask(SIG_SETMASK, &previous, nil)
            }
            return Self.writeAll(bytes, to: pipe.write)
        }
        let outcome = try #require(waitForWrite(10), "the write hung on a pipe nobody reads")
        let failure = try #require(outcome, "the write succeeded")
        #expect(failure.code == EPIPE)
        #expect(failure.bytesWritten == 0)
        #expect(failure.description == String(cString: strerror(EPIPE)))
    }
}
