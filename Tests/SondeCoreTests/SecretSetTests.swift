import SondeTestSupport
import Testing
import Foundation
import PropertyBased
import SondeCore

@Suite struct SecretSetTests {
    @Test func masksEveryOccurrenceLongestFirst() {
        let secrets = SecretSet(["abc", "abcdef", ""])
        #expect(secrets.redact("x=abcdef y=abc z") == "x=\(SecretSet.mask) y=\(SecretSet.mask) z")
        #expect(secrets.values.count == 2)
        #expect(SecretSet().redact("abc") == "abc")
    }

    /// `occurs(in:)` answers what `redact` would mask: a short value only where it stands alone,
    /// a longer one in any encoding.
    @Test func occursFindsWhatMaskingWouldMask() {
        let short = SecretSet(["1"])
        #expect(!short.occurs(in: "http://127.0.0.1:8080/users/10"))
        #expect(short.occurs(in: "retries: 1\n"))
        let long = SecretSet(["canary/+77aa"])
        for text in ["k=canary%2F%2B77aa", "k=canary%2f%2b77aa", "\"canary\\/+77aa\"", "canary/+77aa"] {
            #expect(long.occurs(in: text), "\(text)")
            #expect(long.redact(text) != text, "\(text)")
        }
        #expect(!long.occurs(in: "canary/+77a"))
        #expect(!SecretSet().occurs(in: "anything"))
    }

    @Test func transportErrorsAreRedacted() {
        let secrets = SecretSet(["k-42"])
        #expect(TransportError.other(code: 3, message: "bad URL http://h/?key=k-42").redacting(secrets)
            == .other(code: 3, message: "bad URL http://h/?key=••••"))
        #expect(TransportError.dnsFailure(host: "k-42.example").redacting(secrets) == .dnsFailure(host: "••••.example"))
        #expect(TransportError.cancelled.redacting(secrets) == .cancelled)
    }
}

/// Every encoding a secret may come back in, from a server's echo or our own printing.
@Suite struct SecretEncodingTests {
    let token = "s3cr3tK+ey/AbC=="

    @Test func percentEncodedInEitherCaseAndFormEncodedAreMasked() {
        let secrets = SecretSet([token, "pass word&x@y:z"])
        #expect(secrets.redact("q=s3cr3tK%2Bey%2FAbC%3D%3D&x=1") == "q=••••&x=1")
        #expect(secrets.redact("q=s3cr3tK%2bey%2fAbC%3d%3d") == "q=••••")
        #expect(secrets.redact("p=pass+word%26x%40y%3Az") == "p=••••")
        #expect(secrets.redact("p=pass%20word%26x@y:z.") == "p=••••.")
        #expect(secrets.redact("%73%33cr3tK+ey/AbC==") == "••••")
    }

    @Test func jsonEscapedIsMasked() {
        let secrets = SecretSet(["für/\"me\"\\", "key😀x"])
        #expect(secrets.redact(#"{"a": "f\u00fcr\/\"me\"\\"}"#) == #"{"a": "••••"}"#)
        // Four backslashes are the secret's one, escaped twice: all masked, none left over.
        #expect(secrets.redact(#"{"a": "f\u00FCr/\"me\"\\\\"}"#) == #"{"a": "••••"}"#)
        #expect(secrets.redact(#"["key\ud83d\ude00x"]"#) == #"["••••"]"#)
        #expect(secrets.redact(#"["key\uD83D\uDE00x", "für/"me"\"]"#) == #"["••••", "••••"]"#)
    }

    /// An echo server that returns the JSON request body as a string in its JSON answer escapes
    /// the secret twice; the JSON tree then shows it escaped once.
    @Test func jsonInsideJSONIsMasked() {
        let secrets = SecretSet([#"k"a\b/ü😀"#])
        #expect(secrets.redact(#"{"body": "{\"s\": \"k\\\"a\\\\b\/\u00fc\ud83d\ude00\"}"}"#) == #"{"body": "{\"s\": \"••••\"}"}"#)
        #expect(secrets.redact(#"{"body": "{\"s\": \"k\\\"a\\\\b/\\u00fc\\ud83d\\ude00\"}"}"#) == #"{"body": "{\"s\": \"••••\"}"}"#)
        #expect(secrets.redact(#"x k\\\\\\\"a\\\\\\\\b/ü😀 y"#) == "x •••• y", "three deep")
        #expect(secrets.redact(#"k\\"a\b/ü😀"#) == #"k\\"a\b/ü😀"#, "an even run does not escape a quote")
    }

    @Test func base64AndBase64URLOfAnyValueHoldingTheSecretAreMasked() {
        let secret = "hunter2-correct-horse"
        let secrets = SecretSet([secret])
        for prefix in ["", "u:", "ab:", "user:"] {
            let value = Data((prefix + secret + "!").utf8)
            let standard = value.base64EncodedString()
            let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            for encoded in [standard, url] {
                let shown = secrets.redact("Authorization: Basic \(encoded)")
                #expect(shown.contains("••••"), "\(prefix)")
                #expect(!shown.contains(String(encoded.dropFirst(prefix.count * 4 / 3 + 2).prefix(8))), "\(shown)")
            }
        }
    }

    @Test func aShortSecretIsMaskedOnlyWhereItStandsAlone() {
        var secrets = SecretSet()
        secrets.insert("1", fromVariable: "PIN")
        #expect(secrets.redact("http://127.0.0.1:8080/a?pin=1&b=10") == "http://127.0.0.1:8080/a?pin=••••&b=10")
        #expect(secrets.redact(#"{"pin": "1"}"#) == #"{"pin": "••••"}"#)
        #expect(secrets.tooShortToMaskEverywhere == ["{{env:PIN}}"])
        #expect(SecretSet(["long enough"]).tooShortToMaskEverywhere == [])
    }

    @Test func aSecretCutShortAtTheEndIsMaskedWhenAskedFor() {
        let secrets = SecretSet(["CANARY-123456"])
        #expect(secrets.redact("error: client_secret=CANAR", cutAtEnd: true) == "error: client_secret=••••")
        #expect(secrets.redact("error: client_secret=CANAR") == "error: client_secret=CANAR")
        #expect(secrets.redact("ends with CAN", cutAtEnd: true) == "ends with CAN")
    }

    @Test func bytesThatAreNotUTF8AreMaskedAndUntouchedElsewhere() {
        let secrets = SecretSet(["tok-abc"])
        let body = Data([0xFF, 0xFE]) + Data("x=tok%2Dabc;".utf8) + Data([0x00, 0xC3])
        #expect(secrets.redact(body) == Data([0xFF, 0xFE]) + Data("x=••••;".utf8) + Data([0x00, 0xC3]))
        let clean = Data([0x25, 0x5C, 0x74, 0x6F])
        #expect(secrets.redact(clean) == clean)
    }

    @Test func backslashRunsStayLinear() {
        let secrets = SecretSet([String(repeating: "\\", count: 40) + "x"])
        let text = String(repeating: "\\", count: 2_000)
        let started = ContinuousClock.now
        #expect(secrets.redact(text) == text)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func equalSetsCompareEqualInAnyOrder() {
        #expect(SecretSet(["abcd", "efgh"]) == SecretSet(["efgh", "abcd"]))
    }

    /// Random secrets from printable ASCII, URL and JSON specials, non-ASCII and emoji, in every
    /// encoding a server might echo them in: none may survive masking.
    @Test func noEncodingOfARandomSecretSurvives() async {
        let pool: [Character] = Array("abcXYZ019 -_.~%+/=&@:\"\\'<>?#[]{}éüß中文😀🔑\t")
        let secretGen = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 4...24)
        await propertyCheck(count: 300, input: secretGen, Gen.int(in: 0...2)) { secret, prefixLength in
            let secrets = SecretSet([secret])
            for form in Self.encodings(of: secret, prefix: String("user:".prefix(prefixLength))) {
                let shown = secrets.redact("before \(form) after")
                #expect(shown.contains("••••"), "\(secret) as \(form) shown as \(shown)")
                #expect(!shown.contains(form), "\(secret) as \(form) shown as \(shown)")
            }
        }
    }

    static func encodings(of secret: String, prefix: String) -> [String] {
        SecretForms.all(of: secret, base64Prefixes: [prefix])
    }
}

@Suite struct OAuth2ErrorMaskingTests {
    func failure(_ body: String, status: Int = 401) -> String {
        let response = HTTPResponse(status: status, reason: "Unauthorized", httpVersion: "HTTP/1.1", headers: [],
                                    body: Data(body.utf8), finalURL: "http://127.0.0.1/token", timings: TransferTimings())
        do {
            _ = try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: "http://127.0.0.1/token", secrets: SecretSet(["CANARY-123456"]))
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func anEchoedFormIsMaskedAndNotCutIntoAPrefix() {
        let padding = String(repeating: "x", count: 280)
        let cut = failure("\(padding) client_secret=CANARY-123456&grant_type=client_credentials")
        #expect(!cut.contains("CANAR"), "\(cut)")
        #expect(cut.hasSuffix("…"))
        #expect(failure("client_secret=CANARY%2D123456") == "status 401: client_secret=••••")
        #expect(failure(#"{"error": "bad", "echo": "CANARY\u002d123456"}"#, status: 200)
            == #"the answer has no access_token: {"error": "bad", "echo": "••••"}"#)
    }
}
