import Foundation
import SondeCore

/// Writes a curl command as a shell script: a new file only (`O_EXCL`), so a taken name is an
/// error, never an overwrite. The command holds no secret (they are `"${NAME}"`), so the file is
/// an ordinary 0644 script; it runs with `sh FILE` where the variables are set.
enum CurlScriptFile {
    static func write(_ command: String, to path: String) -> AppFailure? {
        let text = "#!/bin/sh\n# Written by sonde; secrets are read from the environment.\n" + command + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists; pick another name" : String(cString: strerror(errno))
            return AppFailure("Not saved: \(TerminalSafeText.singleLine(path)): \(reason)")
        }
        defer { close(descriptor) }
        do {
            try FileDescriptor(descriptor).writeAll(Array(text.utf8))
        } catch {
            return AppFailure("Not saved: \(TerminalSafeText.singleLine(path)): \(error)")
        }
        return nil
    }
}
