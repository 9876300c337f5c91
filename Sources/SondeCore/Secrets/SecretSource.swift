import Foundation

/// Where `{{env:NAME}}`, `{{file:PATH}}` and `{{cmd:COMMAND}}` secrets come from: the process environment first, then the `.env` file
/// beside the collection, so a CI job can override what a developer keeps locally.
public struct SecretSource: Sendable, Equatable {
    public var processEnvironment: [String: String]
    public var dotEnv: [String: String]
    /// The collection's root: `{{file:}}` paths are relative to it, `{{cmd:}}` commands run in it.
    /// Nil reads no file and runs no command.
    public var collectionRoot: URL?
    /// Whether the user trusts the collection to run its `{{cmd:}}` commands (`sonde trust`).
    public var commandsTrusted: Bool
    /// False for a preview (the TUI's Auth tab, prepared on every change in `update`): a
    /// command that has not run yet is shown masked instead of run, so the screen never waits
    /// up to `commandTimeout` on a password manager; a send runs it.
    public var runsCommands = true

    public init(
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment, dotEnv: [String: String] = [:],
        collectionRoot: URL? = nil, commandsTrusted: Bool = false
    ) {
        self.processEnvironment = processEnvironment
        self.dotEnv = dotEnv
        self.collectionRoot = collectionRoot
        self.commandsTrusted = commandsTrusted
    }

    public func value(of name: String) -> String? {
        processEnvironment[name] ?? dotEnv[name]
    }
}
