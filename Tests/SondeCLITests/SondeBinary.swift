import Foundation
import SondeDemoServer

/// What one run of the real `sonde` binary printed and returned.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Stdout's bytes as written, for bodies that are not text.
    var stdoutBytes = Data()
    var output: String { stdout + stderr }
}

/// Runs the `sonde` executable that `swift build` put beside the test bundle.
enum SondeBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var url: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sonde")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/sonde")
    }

    /// Runs sonde with `arguments`; `environment` is added to a minimal one (no secrets leak in
    /// from the test runner's own environment). Killed after `timeout` seconds.
    ///
    /// The waiting happens on a thread of its own: blocking Swift's small cooperative pool would
    /// starve the in-process demo server that sonde is talking to.
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, timeout: TimeInterval = 60) async throws -> RunResult {
        try await runProgram(url.path, arguments, environment: environment, in: directory, timeout: timeout)
    }

    static func runProgram(
        _ program: String, _ arguments: [String], environment: [String: String], in directory: URL? = nil, timeout: TimeInterval
    ) async throws -> RunResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try runBlocking(program, arguments, environment: environment, in: directory, timeout: timeout)
                })
            }
            thread.start()
        }
    }

    private static func runBlocking(_ program: String, _ arguments: [String], environment: [String: String], in directory: URL?, timeout: TimeInterval) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large body cannot block it on a full pipe.
        // Plain threads, not GCD: two blocked GCD workers would fill Dispatch's pool on two cores
        // and stall the in-process demo server's event loop, which runs on a dispatch queue.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var out = Data(), err = Data()
        Thread { out = stdout.fileHandleForReading.readDataToEndOfFile(); done.signal() }.start()
        Thread { err = stderr.fileHandleForReading.readDataToEndOfFile(); done.signal() }.start()
        let deadline = DispatchTime.now() + timeout
        if done.wait(timeout: deadline) == .timedOut || done.wait(timeout: deadline) == .timedOut {
            // SIGKILL: a child of a dispatch thread may have SIGTERM blocked.
            kill(process.processIdentifier, SIGKILL)
            throw TimedOut(arguments: arguments)
        }
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out)
    }

    /// Runs a shell command line on a pseudo-terminal (util-linux `script`), so sonde sees a
    /// terminal as a person's shell would give it; returns everything that reached the terminal.
    static func runInTerminal(_ commandLine: String, timeout: TimeInterval = 60) async throws -> String {
        let result = try await runProgram(
            "/usr/bin/script", ["-qfec", commandLine, "/dev/null"],
            environment: ["NO_COLOR": "1", "TERM": "xterm-256color"], timeout: timeout)
        return result.stdout
    }

    struct TimedOut: Error { var arguments: [String] }
}

/// A copy of the bundled demo collection in a temporary folder, so tests can add files to it.
final class DemoCollectionCopy {
    let root: URL
    var collection: URL { root.appendingPathComponent("demo") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SondeBinary.repositoryRoot.appendingPathComponent("collections/demo"), to: collection)
        try? FileManager.default.removeItem(at: collection.appendingPathComponent(".env"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let file = collection.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Every file below the copy, with its bytes, to search for leaked secrets.
    func allFiles() throws -> [(String, Data)] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [(String, Data)] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files.append((url.path, try Data(contentsOf: url)))
            }
        }
        return files
    }
}

/// Runs `body` with a demo server on a free loopback port, given its base URL, and stops the
/// server afterwards whether `body` succeeded or threw.
func withServer<T>(tokenLifetime: Int = 3600, _ body: (String) async throws -> T) async throws -> T {
    let server = DemoServer(tokenLifetime: tokenLifetime)
    let port = try await server.start()
    do {
        let result = try await body("http://127.0.0.1:\(port)")
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
