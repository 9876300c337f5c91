import SondeCore

/// RFC 7636 §4.6's check, with sonde's own S256 (the demo server and the client share one digest).
enum PKCEVerification {
    static func matches(verifier: String, challenge: String) -> Bool {
        PKCE.challenge(for: verifier) == challenge
    }
}
