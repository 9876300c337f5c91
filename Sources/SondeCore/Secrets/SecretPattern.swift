import Foundation

/// One form of a secret that masking searches for: the secret's own text, or the part of its
/// base64 that does not depend on what stands around it. Each is matched however it is written:
/// as is, percent-encoded (either hex case, `+` for a space), or JSON-escaped (`\"`, `\/`,
/// `\u00fc`, surrogate pairs, and JSON inside JSON up to four deep), and any mix of these, so a
/// secret echoed back by a server in a query, a form, a JSON string, a JSON body quoted inside
/// JSON or a Location header is found without listing every encoder's choices (`s3cr3tK+ey/AbC==` leaked as `s3cr3tK%2Bey%2FAbC%3D%3D` when only fixed forms were
/// searched).
struct SecretPattern: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// The secret's text.
        case text
        /// A run of base64 (or base64url) characters that only the secret's bytes determine; a
        /// match is widened by the partly determined character on each side and any padding.
        case base64
    }

    /// Each scalar of the pattern: its code point and UTF-8 bytes.
    let scalars: [Scalar]
    let kind: Kind
    /// Matched only where it stands alone (see `SecretSet.shortestMaskedEverywhere`).
    let wholeTokenOnly: Bool

    struct Scalar: Sendable, Hashable {
        let value: UInt32
        let utf8: [UInt8]
    }

    init(text: String, kind: Kind, wholeTokenOnly: Bool = false) {
        scalars = text.unicodeScalars.map { Scalar(value: $0.value, utf8: Array(String($0).utf8)) }
        self.kind = kind
        self.wholeTokenOnly = wholeTokenOnly
    }

    /// The forms to search for a secret: its text, and for one long enough to have a core, the
    /// cores of its base64 and base64url at the three alignments a surrounding value can give it
    /// (a Basic header's `user:secret`, a JWT's payload).
    static func forms(of secret: String, shortestMaskedEverywhere: Int) -> [SecretPattern] {
        let isShort = secret.unicodeScalars.count < shortestMaskedEverywhere
        var forms = [SecretPattern(text: secret, kind: .text, wholeTokenOnly: isShort)]
        guard !isShort else { return forms }
        let bytes = Array(secret.utf8)
        for offset in 0..<3 {
            let encoded = Array(Data(Array(repeating: 0, count: offset) + bytes).base64EncodedString().utf8)
            // Character j covers bits 6j..<6j+6 of the input; it is the secret's alone when those
            // bits all fall inside the secret's bytes.
            let first = (8 * offset + 5) / 6
            let end = (8 * (offset + bytes.count)) / 6
            guard end - first >= shortestMaskedEverywhere else { continue }
            let core = String(decoding: encoded[first..<end], as: UTF8.self)
            forms.append(SecretPattern(text: core, kind: .base64))
            let url = String(core.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
            if url != core { forms.append(SecretPattern(text: url, kind: .base64)) }
        }
        return forms
    }

    // MARK: - Matching

    /// Where a match starting at `start` ends, or nil. With `cutAtEnd`, text that ends part-way
    /// through the pattern (after at least `minimumPrefix` scalars) matches too: a message cut
    /// short must not leave the start of a secret.
    ///
    /// `failed` remembers which (scalar, position) pairs cannot complete a match; whether one can
    /// does not depend on where the match started, so a caller searching one text from every
    /// start passes the same set each time, and a run of 2,000 backslashes against a secret of
    /// 40 costs 80,000 steps, not 80,000 per start.
    func matchEnd(in text: UnsafeBufferPointer<UInt8>, at start: Int, cutAtEnd: Bool, minimumPrefix: Int, failed: inout Set<Int>) -> Int? {
        matchEnd(text, scalar: 0, at: start, cutAtEnd: cutAtEnd, minimumPrefix: minimumPrefix, ambiguous: false, failed: &failed)
    }

    /// Backtracking over the ways each scalar may be written (a `\` may be itself or `\\`). Once
    /// a scalar could be read two ways, the positions known to fail are remembered, so
    /// pathological input stays linear; the common unambiguous search allocates nothing.
    private func matchEnd(
        _ text: UnsafeBufferPointer<UInt8>, scalar index: Int, at position: Int,
        cutAtEnd: Bool, minimumPrefix: Int, ambiguous: Bool, failed: inout Set<Int>
    ) -> Int? {
        if index == scalars.count { return position }
        if position == text.count {
            return cutAtEnd && index > 0 && index >= min(minimumPrefix, scalars.count) ? position : nil
        }
        let key = index &* (text.count &+ 1) &+ position
        if ambiguous, failed.contains(key) { return nil }
        let ends = Self.encodings(of: scalars[index], in: text, at: position)
        let branches = ambiguous || ends.count > 1
        for i in 0..<ends.count {
            if let found = matchEnd(text, scalar: index + 1, at: ends[i], cutAtEnd: cutAtEnd, minimumPrefix: minimumPrefix,
                                    ambiguous: branches, failed: &failed) {
                return found
            }
        }
        if ambiguous { failed.insert(key) }
        return nil
    }

    /// Up to four ends of the ways one scalar is written, longest first (so `\\` is read as one
    /// escaped `\` before it is read as two), without allocating.
    struct Ends {
        private var values: (Int, Int, Int, Int) = (0, 0, 0, 0)
        private(set) var count = 0

        mutating func append(_ end: Int) {
            guard count < 4 else { return }
            var index = count
            count += 1
            while index > 0, self[index - 1] < end {
                set(index, self[index - 1])
                index -= 1
            }
            set(index, end)
        }

        private mutating func set(_ index: Int, _ end: Int) {
            switch index {
            case 0: values.0 = end
            case 1: values.1 = end
            case 2: values.2 = end
            default: values.3 = end
            }
        }

        subscript(index: Int) -> Int {
            switch index {
            case 0: values.0
            case 1: values.1
            case 2: values.2
            default: values.3
            }
        }
    }

    /// The ends of every way `scalar` is written at `position`: as is, percent-encoded byte by
    /// byte, `+` for a space, or a JSON escape.
    private static func encodings(of scalar: Scalar, in text: UnsafeBufferPointer<UInt8>, at position: Int) -> Ends {
        var ends = Ends()
        let count = text.count
        let first = text[position]
        if first == scalar.utf8[0] {
            var literal = position
            for byte in scalar.utf8 {
                guard literal < count, text[literal] == byte else { literal = -1; break }
                literal += 1
            }
            if literal >= 0 { ends.append(literal) }
        }
        if first == UInt8(ascii: "%") {
            var percent = position
            for byte in scalar.utf8 {
                guard percent + 2 < count, text[percent] == UInt8(ascii: "%"),
                      let high = hexValue(text[percent + 1]), let low = hexValue(text[percent + 2]),
                      high << 4 | low == byte else { percent = -1; break }
                percent += 3
            }
            if percent >= 0 { ends.append(percent) }
        }
        if scalar.value == 0x20, first == UInt8(ascii: "+") { ends.append(position + 1) }
        if first == UInt8(ascii: "\\") {
            var run = 1
            while run < 16, position + run < count, text[position + run] == UInt8(ascii: "\\") { run += 1 }
            if scalar.value == 0x5C {
                // A backslash JSON-escaped once, twice, three times: 2, 4, 8 backslashes.
                for length in [2, 4, 8] where length <= run { ends.append(position + length) }
            } else if position + run < count, Self.isEscapeRun(run, for: scalar.value) {
                let letter = text[position + run]
                if let escape = shortEscape(scalar.value), letter == escape {
                    ends.append(position + run + 1)
                } else if letter == UInt8(ascii: "u"), let end = unicodeEscapeEnd(scalar.value, in: text, at: position, run: run) {
                    ends.append(end)
                }
            }
        }
        return ends
    }

    /// Whether `run` backslashes introduce an escape of `value` in JSON nested up to four deep,
    /// as when a server echoes a JSON body inside a JSON string (`{"body": "{\\"s\\": …}"}`):
    /// each level doubles the backslashes before it and adds one before a quote, so a quote
    /// takes 1, 3, 7 or 15, a letter (`n`, `u`…) 1, 2, 4 or 8, and `/` (escaped or not at
    /// each level) any of these.
    private static func isEscapeRun(_ run: Int, for value: UInt32) -> Bool {
        let quoteRuns = run == 1 || run == 3 || run == 7 || run == 15
        let letterRuns = run == 1 || run == 2 || run == 4 || run == 8
        switch value {
        case 0x22: return quoteRuns
        case 0x2F: return quoteRuns || letterRuns
        default: return letterRuns
        }
    }

    /// The letter after `\` that JSON may write `value` as.
    private static func shortEscape(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x22: UInt8(ascii: "\"")
        case 0x5C: UInt8(ascii: "\\")
        case 0x2F: UInt8(ascii: "/")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
    }

    /// The end of `\uXXXX` (or a surrogate pair `\uD83D\uDE00`) for `value` at `position`,
    /// each `\` written as `run` backslashes.
    private static func unicodeEscapeEnd(_ value: UInt32, in text: UnsafeBufferPointer<UInt8>, at position: Int, run: Int) -> Int? {
        let width = run + 5
        func unit(at index: Int) -> UInt32? {
            guard index + width <= text.count, text[index + run] == UInt8(ascii: "u") else { return nil }
            for offset in 0..<run where text[index + offset] != UInt8(ascii: "\\") { return nil }
            var result: UInt32 = 0
            for offset in (run + 1)..<width {
                guard let digit = hexValue(text[index + offset]) else { return nil }
                result = result << 4 | UInt32(digit)
            }
            return result
        }
        if value < 0x10000 {
            return unit(at: position) == value ? position + width : nil
        }
        let shifted = value - 0x10000
        guard unit(at: position) == 0xD800 + (shifted >> 10), unit(at: position + width) == 0xDC00 + (shifted & 0x3FF) else { return nil }
        return position + 2 * width
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The bytes a match can begin with: the first scalar's first byte, `%`, `\`, and `+` for a
    /// leading space. Everything else is skipped at the cost of one table look-up.
    var firstBytes: [UInt8] {
        guard let first = scalars.first else { return [] }
        var bytes = [first.utf8[0], UInt8(ascii: "%"), UInt8(ascii: "\\")]
        if first.value == 0x20 { bytes.append(UInt8(ascii: "+")) }
        return bytes
    }

    /// Letters, digits and `.-_`: what a short secret must not touch on either side to be masked.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            byte >= 0x80
        }
    }

    static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
