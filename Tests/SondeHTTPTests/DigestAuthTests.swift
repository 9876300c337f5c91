import Testing
@testable import SondeDemoServer

/// The demo server's own Digest check, against RFC 1321 and RFC 2617 vectors; the end-to-end
/// digest send is in `RequestSenderTests`.
@Suite struct DigestAuthTests {
    @Test func md5MatchesTheRFC1321Vectors() {
        #expect(MD5.hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")
            == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func parametersKeepCommasInsideQuotes() {
        let parameters = DigestAuthorization.parameters(#"username="a, b", realm="demo", nc=00000001, qop=auth"#)
        #expect(parameters == ["username": "a, b", "realm": "demo", "nc": "00000001", "qop": "auth"])
    }
}
