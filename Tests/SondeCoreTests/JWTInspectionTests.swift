import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// Builds a token the way an issuer would, so the tests know every part.
func makeJWT(header: String = #"{"alg":"RS256","typ":"JWT","kid":"k1"}"#, claims: String, signature: [UInt8] = Array(repeating: 7, count: 256)) -> String {
    func part(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return part(Data(header.utf8)) + "." + part(Data(claims.utf8)) + "." + (signature.isEmpty ? "" : part(Data(signature)))
}

@Suite struct JWTInspectionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func decodesHeaderAndClaimsAndExplainsTheTimesWithoutClaimingValidity() throws {
        let token = makeJWT(claims: #"{"iss":"https://auth.example","sub":"user-1","aud":["api","web"],"scope":"read write","exp":1800000240,"iat":1799999940,"nbf":1799999940}"#)
        let inspection = try #require(JWTInspection(token))
        #expect(inspection.algorithm == "RS256")
        #expect(inspection.signatureLength == 256)
        let summary = Dictionary(uniqueKeysWithValues: inspection.summary(now: now, timeZone: .gmt).map { ($0.label, $0.value) })
        #expect(summary["Signature"] == "RS256, 256 bytes — not verified: sonde checks no signature")
        #expect(summary["Key ID"] == "k1")
        #expect(summary["Issuer"] == "https://auth.example")
        #expect(summary["Audience"] == "api, web")
        #expect(summary["Scope"] == "read write")
        #expect(summary["Expires"] == "2027-01-15 08:04:00 GMT (expires in 4 min)")
        #expect(summary["Issued"] == "2027-01-15 07:59:00 GMT (1 min ago)")
        #expect(summary["Not before"] == "2027-01-15 07:59:00 GMT (valid since 1 min ago)")
    }

    @Test func anExpiredTokenSaysSoAndBadTimesAreNamed() throws {
        let token = makeJWT(claims: #"{"exp":1799989200,"iat":"yesterday","scp":["a","b"]}"#)
        let summary = try #require(JWTInspection(token)).summary(now: now, timeZone: .gmt)
        #expect(summary.contains { $0.label == "Expires" && $0.value.hasSuffix("(expired 3 h 0 min ago)") }, "\(summary)")
        #expect(summary.contains { $0.label == "Issued" && $0.value == #""yesterday" (not a NumericDate)"# })
        #expect(summary.contains { $0.label == "Scope" && $0.value == "a, b" })
    }

    @Test func unsecuredTokensAndNonTokensAreToldApart() {
        let unsecured = makeJWT(header: #"{"alg":"none"}"#, claims: #"{"sub":"x"}"#, signature: [])
        #expect(JWTInspection(unsecured)?.summary(now: now, timeZone: .gmt).first?.value == "none: an unsecured token")
        #expect(JWTInspection("abc.def.ghi") == nil)
        #expect(JWTInspection(makeJWT(claims: "[1,2]")) == nil, "claims must be an object")
        #expect(JWTInspection(makeJWT(claims: #"{"a":1}"#) + ".x.y") == nil, "an encrypted (five-part) token is not decoded")
        #expect(JWTInspection("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ==.sig") == nil, "padding is not base64url")
    }

    @Test func tokensAreFoundInTextOnceEachAndNotInsideLongerWords() {
        let a = makeJWT(claims: #"{"sub":"a"}"#)
        let b = makeJWT(claims: #"{"sub":"b"}"#)
        let text = #"{"access_token":"\#(a)","id_token":"\#(b)","again":"\#(a)","x":"Xx\#(b)"} Authorization: Bearer \#(b)"#
        #expect(JWTInspection.tokens(in: text) == [a, b])
        #expect(JWTInspection.tokens(in: "eyJ") == [])
        #expect(JWTInspection.tokens(in: "eyJhbGciOiJub25lIn0.e30") == [], "two parts are not a JWT")
    }

    @Test func randomTextNeverCrashesAndEveryTokenFoundDecodes() async {
        let pieces = ["eyJ", ".", "eyJhbGciOiJub25lIn0", "e30", "-", "_", "=", "a", " ", "\u{1b}[31m", "é", "eyJzdWIiOiJ4In0"]
        let piece = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }
        await propertyCheck(count: 300, input: piece.array(of: 0...40)) { parts in
            let text = parts.joined()
            for token in JWTInspection.tokens(in: text) {
                #expect(JWTInspection(token) != nil)
                #expect(text.contains(token))
            }
        }
    }
}
