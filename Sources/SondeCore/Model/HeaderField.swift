/// One HTTP header line, kept in order because repeated headers (Set-Cookie, Via) matter.
///
/// `isSecret` marks a value that came, wholly or in part, from a `{{env:...}}` secret, so that
/// every printout masks it.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public var isSecret: Bool

    public init(name: String, value: String, isSecret: Bool = false) {
        self.name = name
        self.value = value
        self.isSecret = isSecret
    }
}

extension Array where Element == HeaderField {
    /// The first value of a header, compared case-insensitively as HTTP requires.
    public func first(named name: String) -> String? {
        first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    /// Whether a header with this name is present, compared case-insensitively.
    public func contains(named name: String) -> Bool {
        contains { $0.name.equalsIgnoringASCIICase(name) }
    }
}
