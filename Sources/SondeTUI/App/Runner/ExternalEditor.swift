import Foundation
import SondeCore

/// Edits text in the user's `$VISUAL` / `$EDITOR` (vi when neither is set): the terminal is
/// handed over, the editor runs on a temp file, and the text comes back when it exits.
enum ExternalEditor {
    /// Opens a collection file itself at `line` (`$EDITOR +LINE file`, which vi, vim, nano,
    /// emacs and micro all understand); nil when the editor exited cleanly.
    static func editFile(_ file: URL, line: Int?, environment: [String: String], backend: any TerminalBackend) -> AppFailure? {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        backend.suspend()
        // The line and path are passed as $1 and $2, never spliced into the command.
        let status = spawnAndWait(["/bin/sh", "-c", "\(editor) \"$1\" \"$2\"", "sonde-editor", "+\(max(1, line ?? 1))", file.path])
        backend.resume()
        return status == 0 ? nil : AppFailure("\(editor) exited with status \(status)")
    }

    static func edit(_ text: String, fileExtension: String, environment: [String: String], backend: any TerminalBackend) -> Result<String, AppFailure> {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-edit-\(UUID().uuidString)")
        let file = directory.appendingPathComponent("body.\(fileExtension)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(text.utf8).write(to: file)
        } catch {
            return .failure(AppFailure("Could not write a temp file for the editor: \(FileErrorText.describe(error))"))
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        backend.suspend()
        // `sh -c` so an EDITOR with arguments ("code --wait") works; the path is passed as $1, never spliced.
        let status = spawnAndWait(["/bin/sh", "-c", "\(editor) \"$1\"", "sonde-editor", file.path])
        backend.resume()
        guard status == 0 else {
            return .failure(AppFailure("\(editor) exited with status \(status); the body is unchanged"))
        }
        guard let data = try? Data(contentsOf: file) else {
            return .failure(AppFailure("The edited file could not be read back; the body is unchanged"))
        }
        var edited = String(decoding: data, as: UTF8.self)
        // Editors add a final newline; a body that had none keeps none.
        if !text.hasSuffix("\n"), edited.hasSuffix("\n") { edited.removeLast() }
        return .success(edited)
    }

    /// Runs a program on the terminal and waits for it. Signals the TUI blocked are unblocked in
    /// the child (a child inherits the mask, and an editor must be able to get SIGTERM).
    private static func spawnAndWait(_ arguments: [String]) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGTSTP, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, &attributes, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift cannot import as macros.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}
