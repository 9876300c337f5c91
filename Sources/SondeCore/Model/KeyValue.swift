/// One row of a params, headers or form table; a row can be switched off without deleting it.
public struct KeyValue: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String
    public var enabled: Bool

    public init(_ name: String, _ value: String, enabled: Bool = true) {
        self.name = name
        self.value = value
        self.enabled = enabled
    }
}
