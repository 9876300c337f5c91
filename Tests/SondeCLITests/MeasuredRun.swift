import Foundation

/// Runs a program the way `SondeBinary.run` does, but measures what Foundation's Process does
/// not: the child's peak resident memory.
///
/// Not wait4's ru_maxrss: on Linux a spawned child inherits its parent's high-water mark at
/// exec (measured: a 200 MB Python process spawning /bin/true reads 208 MB), and the parent
/// here is the whole test process. Instead the child's own `VmHWM` (the high-water mark of
/// the memory it got at exec) is read from /proc every 10 ms until it exits; the mark only
/// ever grows and a download's last moments allocate nothing, so the last reading is the peak.
enum MeasuredRun {
    struct Outcome {
        var status: Int32
        /// The largest resident set the process had (VmHWM), in bytes.
        var peakResidentBytes: Int64
        var seconds: Double
        var stderr: String
    }

    struct SpawnFailed: Error { var code: Int32 }

    /// Runs `program` with `arguments` and a minimal environment, stdout to /dev/null; waits on
    /// a thread of its own, never on Swift's cooperative pool. Killed after `timeout` seconds.
    static func run(_ program: String, _ arguments: [String], timeout: Duration = .seconds(300)) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(program, arguments, timeout: timeout) })
            }.start()
        }
    }

    private static func runBlocking(_ program: String, _ arguments: [String], timeout: Duration) throws -> Outcome {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let environment: [String] = ["PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "LANG=C.UTF-8"]
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        var status: Int32 = 0
        var peak: Int64 = 0
        while true {
            peak = max(peak, highWaterMark(of: pid) ?? 0)
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            if ContinuousClock.now - start > timeout { kill(pid, SIGKILL) }
            usleep(10_000)
        }
        let elapsed = (ContinuousClock.now - start).components
        // WEXITSTATUS, spelled out: the macro does not reach Swift.
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(
            status: exitStatus,
            peakResidentBytes: peak,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// VmHWM of a running process, in bytes; nil once it has exited.
    private static func highWaterMark(of pid: pid_t) -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int64(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
