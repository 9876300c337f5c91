import Foundation

/// The browser a login opens its URL with: `$BROWSER`, else `xdg-open` on the `PATH`. One place
/// for the choice, so `sonde send` and the TUI open the same browser.
public struct BrowserCommand: Sendable, Equatable {
    /// A shell command; the URL is passed to it as `$1`.
    public var command: String

    /// Nil when `$BROWSER` is unset or empty and no `xdg-open` is on the `PATH`: the URL has to
    /// be opened by hand. `$BROWSER` may list several commands separated by colons; the first is used.
    public init?(environment: [String: String]) {
        if let browser = environment["BROWSER"], let first = browser.split(separator: ":").first, !first.isEmpty {
            command = String(first)
            return
        }
        let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = paths.map({ "\($0)/xdg-open" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        command = found
    }

    /// Starts the browser on `url` and returns at once (the login waits for the callback, not
    /// for the browser). `quiet` sends its error output to /dev/null too, for the TUI, where it
    /// would scribble over the screen; its standard input and output always go there.
    public func open(_ url: String, quiet: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The URL is an argument, not part of the command: nothing in it is run by the shell.
        process.arguments = ["-c", command + " \"$1\"", "sonde-browser", url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        if quiet { process.standardError = FileHandle.nullDevice }
        try process.run()
    }
}
