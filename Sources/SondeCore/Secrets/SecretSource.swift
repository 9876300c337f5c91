import Foundation

/// Where `{{env:NAME}}` secrets come from: the process environment first, then the `.env` file
/// beside the collection, so a CI job can override what a developer keeps locally.
public struct SecretSource: Sendable, Equatable {
    public var processEnvironment: [String: String]
    public var dotEnv: [String: String]

    public init(processEnvironment: [String: String] = ProcessInfo.processInfo.environment, dotEnv: [String: String] = [:]) {
        self.processEnvironment = processEnvironment
        self.dotEnv = dotEnv
    }

    public func value(of name: String) -> String? {
        processEnvironment[name] ?? dotEnv[name]
    }
}
