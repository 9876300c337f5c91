import Foundation

/// Runs `sonde import SOURCE --into FOLDER [--dry-run]` and collects what it printed: the
/// TUI's Import… is the command itself, its output shown as it is.
enum ImportProcess {
    static func run(_ executable: URL, source: String, into folder: URL, dryRun: Bool, environment: [String: String]) -> (output: String, succeeded: Bool) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["import", source, "--into", folder.path] + (dryRun ? ["--dry-run"] : [])
        var environment = environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ("error: could not run \(executable.path): \(error.localizedDescription)", false)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data.prefix(1 << 20), as: UTF8.self), process.terminationStatus == 0)
    }
}
