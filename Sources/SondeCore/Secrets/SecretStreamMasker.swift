import Foundation

/// Masks secrets in a body that arrives in pieces, in bounded memory: what it returns for all
/// the pieces together equals `SecretSet.redact(_:)` of the whole body, however it was cut.
///
/// A secret's form (percent-encoded, JSON-escaped, base64) may straddle a cut, so each call
/// holds back the last `window` bytes (the longest byte length any form can take, plus one
/// byte each side that token and base64 edges look at) and any mask that reaches into them;
/// `finish()` hands over the rest. The held-back part never grows past `maximumHeld` bytes:
/// only a base64 match followed by an endless run of `=` could want more, and that run is
/// then passed on unmasked past the limit.
///
///     var masker = SecretStreamMasker(secrets: request.secrets)
///     for chunk in chunks { write(masker.mask(chunk)) }
///     write(masker.finish())
public struct SecretStreamMasker: Sendable {
    private let secrets: SecretSet
    /// Bytes held back at the end of each piece.
    public let window: Int
    /// The most bytes ever held back.
    public static let maximumHeld = 1 << 20
    /// Bytes not yet handed over, after `context` bytes handed over already: the one byte
    /// before them that decides whether a short secret stands alone.
    private var pending: [UInt8] = []
    private var context = 0

    public init(secrets: SecretSet) {
        self.secrets = secrets
        window = secrets.longestMatchLength + 2
    }

    /// The masked bytes of `chunk` and of what was held back before it that are certain now.
    public mutating func mask(_ chunk: some Collection<UInt8>) -> [UInt8] {
        if secrets.isEmpty { return Array(chunk) }
        pending.append(contentsOf: chunk)
        let limit = pending.count - window
        guard limit > context else { return [] }
        let context = self.context
        let (output, cut) = pending.withUnsafeBufferPointer { buffer -> ([UInt8], Int) in
            let spans = secrets.maskedSpans(in: buffer, cutAtEnd: false, from: context)
            var cut = limit
            // A mask that reaches the held-back bytes may still grow (or merge with the next):
            // it waits whole, unless that would hold back more than `maximumHeld`.
            if let reaching = spans.first(where: { $0.upperBound >= limit }),
               buffer.count - reaching.lowerBound <= Self.maximumHeld {
                cut = max(context, reaching.lowerBound)
            }
            return (Self.replacing(spans, in: buffer, from: context, to: cut), cut)
        }
        let keepFrom = max(0, cut - 1)
        pending.removeFirst(keepFrom)
        self.context = cut - keepFrom
        return output
    }

    /// Whatever is still held back, masked: the end of the body.
    public mutating func finish() -> [UInt8] {
        defer { pending = []; context = 0 }
        guard !pending.isEmpty else { return [] }
        return pending.withUnsafeBufferPointer { buffer in
            Self.replacing(secrets.maskedSpans(in: buffer, cutAtEnd: false, from: context), in: buffer, from: context, to: buffer.count)
        }
    }

    /// `buffer[from..<to]` with the spans inside it replaced by the mask.
    private static func replacing(_ spans: [Range<Int>], in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> [UInt8] {
        let mask = Array(SecretSet.mask.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(to - from)
        var kept = from
        for span in spans where span.lowerBound < to && span.upperBound > from {
            let lower = max(from, span.lowerBound)
            result.append(contentsOf: buffer[kept..<lower])
            result.append(contentsOf: mask)
            kept = min(to, span.upperBound)
        }
        if kept < to { result.append(contentsOf: buffer[kept..<to]) }
        return result
    }
}
