import Foundation

/// Masks the secrets of one response body piece by piece, as it is printed or spilled to a
/// temporary file, and only when the body is text: a binary body (an image, an archive) goes
/// through byte for byte, since a mask written into it would only corrupt it.
///
/// The body is text when its Content-Type says so (`text/*`, JSON, XML, JavaScript, forms,
/// `+json`/`+xml`, NDJSON, event streams) or, whatever it says, when its first piece has no NUL
/// byte and reads as UTF-8 (`TerminalSafeText.looksBinary`). Without secrets nothing is masked.
public struct BodyMasking: Sendable {
    private enum State: Sendable {
        case undecided(SecretSet)
        case masking(SecretStreamMasker)
        case passing
    }

    private var state: State
    private let mediaType: String?

    public init(secrets: SecretSet, mediaType: String?) {
        self.mediaType = mediaType
        state = secrets.isEmpty ? .passing : .undecided(secrets)
    }

    /// Whether the body is masked: decided with the first piece.
    public var masks: Bool {
        if case .masking = state { true } else { false }
    }

    /// The bytes to write for `chunk`; a masked body's last bytes come from `finish()`.
    public mutating func process(_ chunk: some Collection<UInt8>) -> [UInt8] {
        switch state {
        case .passing:
            return Array(chunk)
        case .undecided(let secrets):
            guard Self.isText(mediaType: mediaType, firstPiece: chunk) else {
                state = .passing
                return Array(chunk)
            }
            var masker = SecretStreamMasker(secrets: secrets)
            let output = masker.mask(chunk)
            state = .masking(masker)
            return output
        case .masking(var masker):
            state = .passing
            let output = masker.mask(chunk)
            state = .masking(masker)
            return output
        }
    }

    /// What was held back at the end of the body.
    public mutating func finish() -> [UInt8] {
        guard case .masking(var masker) = state else { return [] }
        let output = masker.finish()
        state = .masking(masker)
        return output
    }

    /// The rule above: a textual media type, or a first piece that looks like text.
    public static func isText(mediaType: String?, firstPiece: some Collection<UInt8>) -> Bool {
        if let mediaType, isTextual(mediaType) { return true }
        return !TerminalSafeText.looksBinary(firstPiece)
    }

    /// Media types whose bodies are text: `text/*`, JSON, XML, JavaScript, forms and the
    /// structured-syntax suffixes `+json` and `+xml`.
    public static func isTextual(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased()
        if type.hasPrefix("text/") { return true }
        return ["json", "xml", "javascript", "ecmascript", "x-www-form-urlencoded", "ndjson", "graphql", "yaml", "x-yaml"]
            .contains { type.hasSuffix("/" + $0) || type.hasSuffix("+" + $0) || type.hasSuffix("/x-" + $0) }
    }
}
