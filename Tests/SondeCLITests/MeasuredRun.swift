import Foundation

/// Runs a program the way `SondeBinary.run` does, but through posix_spawn and wait4, which
/// report what Foundation's Process does not: the child's peak resident memory (ru_maxrss).
enum MeasuredRun {
    struct Outcome {
        var status: Int32
        /// The largest resident set the process had, in bytes.
        var peakResidentBytes: Int64
        var seconds: Double
        var stderr: String
    }

    struct SpawnFailed: Error { var code: Int32 }

    /// Runs `program` with `arguments` and a minimal environment, stdout to /dev/null; waits on
    /// a thread of its own, never on Swift's cooperative pool.
    static func run(_ program: String, _ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(program, arguments) })
            }.start()
        }
    }

    private static func runBlocking(_ program: String, _ arguments: [String]) throws -> Outcome {
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
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let elapsed = (ContinuousClock.now - start).components
        // WEXITSTATUS, spelled out: the macro does not reach Swift.
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(
            status: exitStatus,
            peakResidentBytes: Int64(usage.ru_maxrss) * 1024,  // kilobytes on Linux
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}
