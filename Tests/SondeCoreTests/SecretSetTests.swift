import Testing
import SondeCore

@Suite struct SecretSetTests {
    @Test func masksEveryOccurrenceLongestFirst() {
        let secrets = SecretSet(["abc", "abcdef", ""])
        #expect(secrets.redact("x=abcdef y=abc z") == "x=\(SecretSet.mask) y=\(SecretSet.mask) z")
        #expect(secrets.values.count == 2)
        #expect(SecretSet().redact("abc") == "abc")
    }

    @Test func transportErrorsAreRedacted() {
        let secrets = SecretSet(["k-42"])
        #expect(TransportError.other(code: 3, message: "bad URL http://h/?key=k-42").redacting(secrets)
            == .other(code: 3, message: "bad URL http://h/?key=••••"))
        #expect(TransportError.dnsFailure(host: "k-42.example").redacting(secrets) == .dnsFailure(host: "••••.example"))
        #expect(TransportError.cancelled.redacting(secrets) == .cancelled)
    }
}
