import Foundation

/// RFC 7636 proof key for the authorization code grant: the verifier stays with sonde, only its
/// S256 challenge goes through the browser, so a code intercepted on the way back is useless.
public struct PKCE: Sendable, Equatable {
    public var verifier: String
    public var challenge: String { Self.challenge(for: verifier) }
    public static let method = "S256"

    public init(verifier: String = PKCE.randomToken()) {
        self.verifier = verifier
    }

    /// BASE64URL(SHA256(ASCII(verifier))), no padding (RFC 7636 §4.2).
    public static func challenge(for verifier: String) -> String {
        base64URL(SHA256.digest(verifier.utf8))
    }

    /// 32 random bytes as unpadded base64url: 43 characters, the shortest verifier RFC 7636
    /// allows and 256 bits, also used for `state`.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    public static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
