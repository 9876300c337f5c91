import Foundation
import SondeCore

/// Writes a curl command as a shell script: a new file only (`NewFile`), so a taken name is an
/// error, never an overwrite. The command holds no secret (they are `"${NAME}"`), so the file is
/// an ordinary 0644 script; it runs with `sh FILE` where the variables are set.
enum CurlScriptFile {
    static func write(_ command: String, to path: String) -> AppFailure? {
        let text = "#!/bin/sh\n# Written by sonde; secrets are read from the environment.\n" + command + "\n"
        do {
            try NewFile.create(path, Array(text.utf8))
        } catch {
            switch error {
            case .exists:
                return AppFailure("Not saved: \(TerminalSafeText.singleLine(path)): it already exists; pick another name")
            case .failed(let reason):
                return AppFailure("Not saved: \(TerminalSafeText.singleLine(path)): \(reason)")
            }
        }
        return nil
    }
}
