import Foundation
/// The secret values that went into a request, so any printout of it can mask them.
///
/// Tracking values, not just fields, catches a secret that ends up inside another string
/// (a URL, a Basic header's base64, an error message).
public struct SecretSet: Sendable, Equatable {
    /// What a masked secret looks like on screen and in files.
    public static let mask = "••••"

    public private(set) var values: Set<String> = []
    /// The environment variable each secret came from (`{{env:NAME}}`), where it came from one;
    /// derived secrets (a Basic header, an OAuth2 token) have none. Lets an exported curl command
    /// say `$NAME` instead of the value.
    public private(set) var variableNames: [String: String] = [:]

    public init(_ values: some Sequence<String> = []) {
        for value in values { insert(value) }
    }

    /// Adds a secret; empty values are ignored since masking them would mask nothing useful.
    public mutating func insert(_ value: String, fromVariable name: String? = nil) {
        guard !value.isEmpty else { return }
        values.insert(value)
        if let name, variableNames[value] == nil { variableNames[value] = name }
    }

    public mutating func formUnion(_ other: SecretSet) {
        values.formUnion(other.values)
        variableNames.merge(other.variableNames) { mine, _ in mine }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `text` with every occurrence of every secret replaced by the mask, longest first so a
    /// secret that contains another is masked whole.
    public func redact(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        var result = text
        for value in values.sorted(by: { $0.count > $1.count }) where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Self.mask)
        }
        return result
    }

    /// `bytes` with every secret's UTF-8 replaced by the mask: for bodies, which may be large and
    /// not valid UTF-8. Returns `bytes` itself (no copy) when no secret occurs in it.
    public func redact(_ bytes: Data) -> Data {
        guard !values.isEmpty else { return bytes }
        var result = bytes
        let mask = Data(Self.mask.utf8)
        for value in values.sorted(by: { $0.count > $1.count }) where !value.isEmpty {
            let needle = Data(value.utf8)
            var searchStart = result.startIndex
            while let found = result.range(of: needle, in: searchStart..<result.endIndex) {
                result.replaceSubrange(found, with: mask)
                searchStart = found.lowerBound + mask.count
            }
        }
        return result
    }
}
