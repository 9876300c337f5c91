import Foundation
import Synchronization

/// `{{cmd:COMMAND}}`: a secret from a password manager's CLI (`pass show api/token`,
/// `op read op://vault/item/field`), run only in a collection the user trusts (`sonde trust`).
extension SecretSource {
    /// How long a command may take: a password manager waiting for a passphrase must not hang a
    /// send, but one waiting for a touch or a fingerprint needs a few seconds, and 5 s timed out a
    /// `printf` while the whole test suite loaded the 2 cores.
    public static let commandTimeout: TimeInterval = 15

    /// The first line of the command's output, run by `/bin/sh -c` in the collection's folder;
    /// each command runs at most once per process (`CommandSecretCache`).
    public func commandValue(_ command: String) -> Result<String, SecretSourceProblem> {
        guard let collectionRoot else { return .failure(SecretSourceProblem("commands run only in a collection")) }
        guard commandsTrusted else {
            let folder = ShellWords.quote(collectionRoot.standardizedFileURL.path)
            return .failure(SecretSourceProblem(
                "commands run only in collections you trust; nothing was run. If you trust this one: sonde trust \(folder)"))
        }
        guard runsCommands else {
            return CommandSecretCache.shared.known(command, in: collectionRoot) ?? .success(SecretSet.mask)
        }
        return CommandSecretCache.shared.value(of: command, in: collectionRoot, timeout: Self.commandTimeout)
    }
}

/// The outcome of each `{{cmd:}}` command, by command and folder, for the life of the process:
/// a command that asks for a touch of a hardware key runs once, not on every preview and send.
final class CommandSecretCache: Sendable {
    static let shared = CommandSecretCache()
    private let results = Mutex<[String: Result<String, SecretSourceProblem>]>([:])

    /// The outcome of a command that has run, without running it.
    func known(_ command: String, in folder: URL) -> Result<String, SecretSourceProblem>? {
        let key = folder.standardizedFileURL.path + "\0" + command
        return results.withLock { $0[key] }
    }

    func value(of command: String, in folder: URL, timeout: TimeInterval) -> Result<String, SecretSourceProblem> {
        let key = folder.standardizedFileURL.path + "\0" + command
        if let known = results.withLock({ $0[key] }) { return known }
        let result = Self.run(command, in: folder, timeout: timeout)
        return results.withLock { cache in
            if let known = cache[key] { return known }
            cache[key] = result
            return result
        }
    }

    /// Runs the command; a timeout, a failure to start or a non-zero exit is a problem naming
    /// the command's first line of error output.
    static func run(_ command: String, in folder: URL, timeout: TimeInterval) -> Result<String, SecretSourceProblem> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failure(SecretSourceProblem("cannot run /bin/sh: \(FileErrorText.describe(error))"))
        }
        let outputData = Collected()
        let errorData = Collected()
        let readers = DispatchGroup()
        for (pipe, store) in [(output, outputData), (errors, errorData)] {
            DispatchQueue.global().async(group: readers) {
                // Piece by piece, so what a command that hangs said before is there at the timeout.
                while true {
                    let piece = pipe.fileHandleForReading.availableData
                    if piece.isEmpty { break }
                    store.data.withLock { $0.append(piece) }
                }
            }
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            // The shell leads its own process group (Foundation starts it so): killing the group
            // also ends what it started (`sleep`, a pinentry), which would hold the pipes open.
            kill(-process.processIdentifier, SIGKILL)
            process.terminate()
            let stderr = firstLine(errorData.data.withLock { $0 })
            return .failure(SecretSourceProblem("the command did not finish within \(Int(timeout)) s"
                + (stderr.isEmpty ? "" : "; it said: \(stderr)")))
        }
        // A child that keeps the pipes open after the shell exits gets a moment, not forever.
        _ = readers.wait(timeout: .now() + 1)
        let stderr = firstLine(errorData.data.withLock { $0 })
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            return .failure(SecretSourceProblem("the command failed (exit status \(process.terminationStatus))"
                + (stderr.isEmpty ? "" : ": \(stderr)")))
        }
        let value = firstLine(outputData.data.withLock { $0 })
        if value.isEmpty { return .failure(SecretSourceProblem("the command printed nothing")) }
        return .success(value)
    }

    /// What one pipe gave, filled by its reader.
    private final class Collected: Sendable {
        let data = Mutex(Data())
    }

    private static func firstLine(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}
