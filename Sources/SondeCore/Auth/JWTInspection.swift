import Foundation

/// A JSON Web Token opened for reading: header and claims decoded, the times and the usual
/// claims spelled out. Nothing is verified (no key, no signature check), and every view of it
/// says so: a decoded token shows what it claims, not that the claim is true. The signature is
/// only described (algorithm and length), never shown.
public struct JWTInspection: Sendable, Equatable {
    /// The decoded JOSE header and claims set, as the JSON text the token carries.
    public var headerJSON: String
    public var claimsJSON: String
    public var header: JSONLiteral
    public var claims: JSONLiteral
    /// Bytes of the decoded signature; 0 for an unsecured (`alg: none`) token.
    public var signatureLength: Int

    /// Tokens are looked for in this much of a text at most: a 2 GB body is not scanned.
    public static let scanLimit = 4 << 20

    /// The token decoded; nil when `token` is not a signed JWT (three base64url parts, the
    /// first two JSON objects). An encrypted JWT (five parts) is not readable without its key.
    public init?(_ token: some StringProtocol) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = Self.base64URLDecoded(parts[0]), let claimsData = Self.base64URLDecoded(parts[1]),
              let headerText = String(data: headerData, encoding: .utf8), let claimsText = String(data: claimsData, encoding: .utf8),
              let header = JSONLiteral(json: headerText), case .object = header,
              let claims = JSONLiteral(json: claimsText), case .object = claims
        else { return nil }
        let signature = parts[2].isEmpty ? Data() : Self.base64URLDecoded(parts[2])
        guard let signature else { return nil }
        headerJSON = headerText
        claimsJSON = claimsText
        self.header = header
        self.claims = claims
        signatureLength = signature.count
    }

    /// The JWT-shaped strings in `text` (`eyJ….eyJ….…`), in order, each once, at most `limit`.
    public static func tokens(in text: some StringProtocol, limit: Int = 20) -> [String] {
        let bytes = Array(text.utf8.prefix(scanLimit))
        var found: [String] = []
        var index = 0
        func isPart(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
        while index + 3 < bytes.count, found.count < limit {
            // A token starts with `eyJ` (base64url of `{"`) not preceded by a base64url character.
            guard bytes[index] == 0x65, bytes[index + 1] == 0x79, bytes[index + 2] == 0x4A, index == 0 || !isPart(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            var dots = 0
            while end < bytes.count, isPart(bytes[end]) || (bytes[end] == 0x2E && dots < 2) {
                if bytes[end] == 0x2E { dots += 1 }
                end += 1
            }
            let candidate = String(decoding: bytes[index..<end], as: UTF8.self)
            if dots == 2, JWTInspection(candidate) != nil, !found.contains(candidate) { found.append(candidate) }
            index = max(end, index + 1)
        }
        return found
    }

    /// `alg` from the header (`RS256`, `none`).
    public var algorithm: String? { Self.member("alg", of: header).flatMap(Self.text) }

    /// What a reader wants first, as label and value: algorithm, issuer, subject, audience,
    /// scope and the three times, each time as a local date with how far it is from `now`.
    public func summary(now: Date, timeZone: TimeZone) -> [(label: String, value: String)] {
        var lines: [(String, String)] = []
        let alg = algorithm ?? "(no alg)"
        lines.append(("Signature", alg == "none" || signatureLength == 0
            ? "none: an unsecured token"
            : "\(alg), \(signatureLength) bytes — not verified: sonde checks no signature"))
        if let kid = Self.member("kid", of: header).flatMap(Self.text) { lines.append(("Key ID", kid)) }
        for (key, label) in [("iss", "Issuer"), ("sub", "Subject"), ("aud", "Audience"), ("azp", "Authorized party")] {
            if let value = Self.member(key, of: claims).flatMap(Self.list) { lines.append((label, value)) }
        }
        if let scope = (Self.member("scope", of: claims) ?? Self.member("scp", of: claims)).flatMap(Self.list) { lines.append(("Scope", scope)) }
        for (key, label) in [("exp", "Expires"), ("nbf", "Not before"), ("iat", "Issued")] {
            guard let value = Self.member(key, of: claims) else { continue }
            guard case .number(let seconds, _) = value, seconds.isFinite, abs(seconds) < 1e11 else {
                lines.append((label, "\(value) (not a NumericDate)"))
                continue
            }
            let date = Date(timeIntervalSince1970: seconds)
            lines.append((label, Self.dateText(date, in: timeZone) + " (" + Self.relative(key, date, now: now) + ")"))
        }
        return lines
    }

    /// "in 4 min", "expired 3 h ago", "2 days ago", "valid since 10 s ago".
    static func relative(_ claim: String, _ date: Date, now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        let span = Self.span(abs(delta))
        switch claim {
        case "exp": return delta > 0 ? "expires in \(span)" : "expired \(span) ago"
        case "nbf": return delta > 0 ? "not valid for another \(span)" : "valid since \(span) ago"
        default: return delta > 0 ? "\(span) in the future" : "\(span) ago"
        }
    }

    static func span(_ seconds: Double) -> String {
        switch seconds {
        case ..<60: "\(Int(seconds)) s"
        case ..<3600: "\(Int(seconds / 60)) min"
        case ..<(2 * 86400): "\(Int(seconds / 3600)) h \(Int(seconds.truncatingRemainder(dividingBy: 3600) / 60)) min"
        default: "\(Int(seconds / 86400)) days"
        }
    }

    static func dateText(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: date)
    }

    private static func member(_ key: String, of object: JSONLiteral) -> JSONLiteral? {
        guard case .object(let members) = object else { return nil }
        return members.first { $0.key == key }?.value
    }

    private static func text(_ value: JSONLiteral) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// A string as it is, a list of strings joined with commas, anything else as JSON.
    private static func list(_ value: JSONLiteral) -> String? {
        switch value {
        case .string(let text): return text
        case .array(let items): return items.map { text($0) ?? $0.description }.joined(separator: ", ")
        default: return value.description
        }
    }

    static func base64URLDecoded(_ part: some StringProtocol) -> Data? {
        guard !part.isEmpty, part.utf8.allSatisfy({ $0 != UInt8(ascii: "=") }) else { return nil }
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text)
    }
}
