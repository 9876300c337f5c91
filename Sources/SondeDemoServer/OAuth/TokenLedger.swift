/// The OAuth2 access tokens one demo server has issued, each with its issue time so it can expire.
///
/// A value type kept inside the `DemoServer` actor, which makes issuing and checking tokens race-free.
struct TokenLedger: Sendable {
    /// How long an issued token stays valid, the `expires_in` of the token response.
    let lifetime: Duration
    private var issuedAt: [String: ContinuousClock.Instant] = [:]
    private(set) var issuedCount = 0

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// Issues a fresh random token, unique among those this ledger has issued.
    mutating func issue(now: ContinuousClock.Instant = .now) -> String {
        var token = Self.randomToken()
        while issuedAt[token] != nil { token = Self.randomToken() }
        issuedAt[token] = now
        issuedCount += 1
        return token
    }

    /// Whether `token` was issued here and its lifetime has not run out.
    func isValid(_ token: String, now: ContinuousClock.Instant = .now) -> Bool {
        guard let issued = issuedAt[token] else { return false }
        return now - issued < lifetime
    }

    /// 32 random bytes as hex: 256 bits, so guessing one is not a concern even for a demo.
    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }
}
