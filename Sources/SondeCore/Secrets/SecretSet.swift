import Foundation
/// The secret values that went into a request, so any printout of it can mask them.
///
/// Tracking values, not just fields, catches a secret that ends up inside another string
/// (a URL, a Basic header's base64, an error message, a server's echo). Each secret is found
/// however it was encoded on the way out or back: see `SecretPattern`.
public struct SecretSet: Sendable, Equatable {
    /// What a masked secret looks like on screen and in files.
    public static let mask = "••••"

    /// Secrets shorter than this many characters are masked only where they stand alone, not
    /// between letters, digits, `.`, `-` or `_`: masking a secret `1` everywhere turned
    /// `http://127.0.0.1` into `http://••••27.0.0.••••`. `sonde send` warns about such secrets.
    public static let shortestMaskedEverywhere = 4

    public private(set) var values: Set<String> = []
    /// The environment variable each secret came from (`{{env:NAME}}`), where it came from one;
    /// derived secrets (a Basic header, an OAuth2 token) have none. Lets an exported curl command
    /// say `$NAME` instead of the value.
    public private(set) var variableNames: [String: String] = [:]
    /// The shell command that prints each secret from `{{file:}}` (`cat -- PATH`) or `{{cmd:}}`
    /// (the command as written), so an exported curl command says `"$(…)"` instead of the value.
    public private(set) var shellCommands: [String: String] = [:]
    /// Every form searched for (a set, so equal secrets compare equal in any insertion order).
    private var patterns: Set<SecretPattern> = []

    public init(_ values: some Sequence<String> = []) {
        for value in values { insert(value) }
    }

    /// Adds a secret; empty values are ignored since masking them would mask nothing useful.
    public mutating func insert(_ value: String, fromVariable name: String? = nil) {
        guard !value.isEmpty else { return }
        if values.insert(value).inserted {
            patterns.formUnion(SecretPattern.forms(of: value, shortestMaskedEverywhere: Self.shortestMaskedEverywhere))
        }
        if let name, variableNames[value] == nil { variableNames[value] = name }
    }

    /// Adds a secret that `command` prints (see `shellCommands`).
    public mutating func insert(_ value: String, fromCommand command: String) {
        insert(value)
        if !value.isEmpty, shellCommands[value] == nil, variableNames[value] == nil { shellCommands[value] = command }
    }

    public mutating func formUnion(_ other: SecretSet) {
        values.formUnion(other.values)
        shellCommands.merge(other.shellCommands) { mine, _ in mine }
        patterns.formUnion(other.patterns)
        variableNames.merge(other.variableNames) { mine, _ in mine }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Both sets' secrets.
    public func union(_ other: SecretSet) -> SecretSet {
        var result = self
        result.formUnion(other)
        return result
    }

    /// The most bytes one masked form can span as written: each scalar percent-encoded byte by
    /// byte or JSON-escaped (`\uXXXX`, a surrogate pair for one past U+FFFF), whichever is longer.
    /// `SecretStreamMasker` holds back this many bytes between pieces.
    var longestMatchLength: Int {
        patterns.map { pattern in
            // Percent-encoded, 3 bytes a UTF-8 byte; JSON-escaped four deep (see
            // `SecretPattern.isEscapeRun`), 15 backslashes and a quote, or 8 and `uXXXX` per
            // UTF-16 unit.
            pattern.scalars.reduce(0) { $0 + max(3 * $1.utf8.count, $1.value >= 0x10000 ? 26 : 16) }
        }.max() ?? 0
    }

    /// The secrets masked only where they stand alone, named by their variable where they have
    /// one, for a warning.
    public var tooShortToMaskEverywhere: [String] {
        values.filter { $0.unicodeScalars.count < Self.shortestMaskedEverywhere }
            .map { variableNames[$0].map { "{{env:\($0)}}" } ?? "a derived secret" }
            .sorted()
    }

    /// `text` with every secret masked, in every encoding (see `SecretPattern`).
    public func redact(_ text: String) -> String {
        redact(text, cutAtEnd: false)
    }

    /// `text` with every secret masked; with `cutAtEnd`, also the start of one where the text
    /// was cut short (an error message cut at 300 bytes once ended `…CANAR`).
    public func redact(_ text: String, cutAtEnd: Bool) -> String {
        guard !patterns.isEmpty else { return text }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let spans = maskedSpans(in: buffer, cutAtEnd: cutAtEnd)
            return spans.isEmpty ? text : String(decoding: Self.replacing(spans, in: buffer), as: UTF8.self)
        }
    }

    /// Whether a secret occurs in `text`, in any encoding, by the rules masking follows: what a
    /// file about to be written must not hold. A value shorter than `shortestMaskedEverywhere`
    /// counts only where it stands alone, as masking does: a `.env` holding `DEBUG=1` made every
    /// request file with a `1` in it unsavable when any substring counted.
    public func occurs(in text: String) -> Bool {
        guard !patterns.isEmpty else { return false }
        return Array(text.utf8).withUnsafeBufferPointer { !maskedSpans(in: $0, cutAtEnd: false).isEmpty }
    }

    /// `bytes` with every secret masked: for bodies, which may be large and not valid UTF-8.
    /// Returns `bytes` itself (no copy) when no secret occurs in it.
    public func redact(_ bytes: Data) -> Data {
        guard !patterns.isEmpty, !bytes.isEmpty else { return bytes }
        return bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            let spans = maskedSpans(in: buffer, cutAtEnd: false)
            return spans.isEmpty ? bytes : Data(Self.replacing(spans, in: buffer))
        }
    }

    /// The byte ranges to mask, in order and merged where they overlap or touch; matches are
    /// looked for from `start` on, the bytes before it only read as a match's left neighbour.
    func maskedSpans(in text: UnsafeBufferPointer<UInt8>, cutAtEnd: Bool, from start: Int = 0) -> [Range<Int>] {
        let patterns = Array(self.patterns)
        // The patterns a byte can start, so most positions try none and the rest only theirs.
        var mayStart = [Bool](repeating: false, count: 256)
        var startingWith = [[Int]](repeating: [], count: 256)
        for (index, pattern) in patterns.enumerated() {
            for byte in Set(pattern.firstBytes) {
                mayStart[Int(byte)] = true
                startingWith[Int(byte)].append(index)
            }
        }
        var spans: [Range<Int>] = []
        var failed = [Set<Int>](repeating: [], count: patterns.count)
        for position in start..<text.count where mayStart[Int(text[position])] {
            for index in startingWith[Int(text[position])] {
                let pattern = patterns[index]
                guard let end = pattern.matchEnd(in: text, at: position, cutAtEnd: cutAtEnd, minimumPrefix: Self.shortestMaskedEverywhere,
                                                 failed: &failed[index]),
                      end > position else { continue }
                if pattern.wholeTokenOnly,
                   (position > 0 && SecretPattern.isTokenByte(text[position - 1])) || (end < text.count && SecretPattern.isTokenByte(text[end])) {
                    continue
                }
                var span = position..<end
                if pattern.kind == .base64 { span = Self.widenedToBase64(span, in: text) }
                if let last = spans.last, span.lowerBound <= last.upperBound {
                    spans[spans.count - 1] = min(last.lowerBound, span.lowerBound)..<max(last.upperBound, span.upperBound)
                } else {
                    spans.append(span)
                }
            }
        }
        return spans
    }

    /// A base64 core's match with the character on each side that the secret partly determines,
    /// and any `=` padding after it.
    private static func widenedToBase64(_ span: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = span.lowerBound, upper = span.upperBound
        if lower > 0, SecretPattern.isBase64Byte(text[lower - 1]) { lower -= 1 }
        if upper < text.count, SecretPattern.isBase64Byte(text[upper]) { upper += 1 }
        while upper < text.count, text[upper] == UInt8(ascii: "=") { upper += 1 }
        return lower..<upper
    }

    private static func replacing(_ spans: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let mask = Array(Self.mask.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var kept = 0
        for span in spans {
            result.append(contentsOf: bytes[kept..<span.lowerBound])
            result.append(contentsOf: mask)
            kept = span.upperBound
        }
        result.append(contentsOf: bytes[kept...])
        return result
    }
}
