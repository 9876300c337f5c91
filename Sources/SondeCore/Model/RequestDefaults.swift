/// What a collection, a folder or an environment passes down to the requests under it.
public struct RequestDefaults: Sendable, Equatable {
    public var headers: [KeyValue]
    public var auth: AuthConfig
    public var options: OptionOverrides

    public init(headers: [KeyValue] = [], auth: AuthConfig = .inherit, options: OptionOverrides = OptionOverrides()) {
        self.headers = headers
        self.auth = auth
        self.options = options
    }
}
