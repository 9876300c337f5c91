/// Why a `{{file:}}` or `{{cmd:}}` secret has no value, said so that the user knows what to do.
public struct SecretSourceProblem: Error, Sendable, Equatable {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
