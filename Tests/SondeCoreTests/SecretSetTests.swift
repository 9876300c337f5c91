import Testing
import SondeCore

@Suite struct SecretSetTests {
    @Test func masksEveryOccurrenceLongestFirst() {
        let secrets = SecretSet(["abc", "abcdef", ""])
        #expect(secrets.redact("x=abcdef y=abc z") == "x=\(SecretSet.mask) y=\(SecretSet.mask) z")
        #expect(secrets.values.count == 2)
        #expect(SecretSet().redact("abc") == "abc")
    }
}
