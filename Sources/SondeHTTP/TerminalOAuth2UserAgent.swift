import Foundation
import SondeCore

/// The user agent of `sonde send` and `sonde auth login`: messages on stderr, the authorize URL
/// opened with `$BROWSER`, else `xdg-open`, else printed for the user to open.
public struct TerminalOAuth2UserAgent: OAuth2UserAgent {
    public var environment: [String: String]
    public var write: @Sendable (String) -> Void

    public init(environment: [String: String], write: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.write = write
    }

    public func tell(_ message: String) { write("* " + TerminalSafeText.make(message) + "\n") }

    public func open(_ url: String) {
        let browser = environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 }
        // $BROWSER may list several commands separated by colons; the first is tried.
        let command = browser?.split(separator: ":").first.map(String.init) ?? Self.inPath("xdg-open", environment: environment)
        guard let command else {
            tell("open this URL in a browser to log in:\n  \(url)")
            return
        }
        tell("opening the browser to log in (waiting for it; Ctrl-C cancels):\n  \(url)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The URL is an argument, not part of the command: nothing in it is run by the shell.
        process.arguments = ["-c", command + " \"$1\"", "sonde-browser", url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            tell("could not start \(command): \(error.localizedDescription); open the URL above yourself")
        }
    }

    public func listenForCallback(port: Int?) throws(OAuth2Error) -> any OAuth2CallbackListener {
        try LoopbackCallbackListener(port: port)
    }

    private static func inPath(_ name: String, environment: [String: String]) -> String? {
        let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
