import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// Masking a body piece by piece gives what masking it whole gives, wherever the cuts fall:
/// a secret's percent, JSON or base64 form straddling a cut is still masked.
@Suite struct SecretStreamMaskerTests {
    /// The body cut into pieces of 1 to `longest` bytes, their lengths drawn from `seed`.
    static func streamed(_ body: [UInt8], secrets: SecretSet, longest: Int, seed: UInt64) -> [UInt8] {
        var masker = SecretStreamMasker(secrets: secrets)
        var state = seed | 1, offset = 0, output: [UInt8] = []
        while offset < body.count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = 1 + Int((state >> 33) % UInt64(longest))
            let end = min(body.count, offset + length)
            output += masker.mask(body[offset..<end])
            offset = end
        }
        return output + masker.finish()
    }

    @Test func anyCuttingMasksLikeTheWholeBody() async {
        let pool: [Character] = Array("abcXYZ019 -_.~%+/=&@:\"\\'<>?#[]{}éüß中文😀🔑")
        let secrets = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 1...20)
        await propertyCheck(count: 200, input: secrets, Gen.int(in: 0...1_000_000_000)) { secret, seed in
            let longest = 1 + seed % 40
            let forms = SecretEncodingTests.encodings(of: secret, prefix: "")
            // The forms back to back (masks that touch merge), among filler, with `=` padding.
            let text = "x" + forms.joined(separator: " ") + forms.joined() + "==" + "\n{\"k\":\"" + forms[0] + "\"}=="
            let body = Array(text.utf8)
            let set = SecretSet([secret, "other-\(secret)"])
            let whole = Array(set.redact(Data(body)))
            let pieces = Self.streamed(body, secrets: set, longest: longest, seed: UInt64(seed))
            #expect(pieces == whole, "cut at most \(longest) bytes apart: \(String(decoding: pieces, as: UTF8.self))")
        }
    }

    @Test func holdsBackNoMoreThanTheLongestForm() {
        let secrets = SecretSet(["s3cr3t-token"])
        var masker = SecretStreamMasker(secrets: secrets)
        var handed = 0
        for _ in 0..<1000 { handed += masker.mask(Array(repeating: UInt8(ascii: "a"), count: 1000)).count }
        #expect(1_000_000 - handed <= masker.window)
        #expect(masker.finish().count + handed == 1_000_000)
    }

    @Test func withoutSecretsBytesPassUnchanged() {
        var masker = SecretStreamMasker(secrets: SecretSet())
        let bytes: [UInt8] = [0, 1, 2, 0xFF, 0x89, 0x50]
        #expect(masker.mask(bytes) == bytes)
        #expect(masker.finish().isEmpty)
    }

    @Test func binaryBodiesAreNotMaskedAndTextOnesAre() {
        let secrets = SecretSet(["s3cr3t-token"])
        var png = BodyMasking(secrets: secrets, mediaType: "image/png")
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 0] + Array("s3cr3t-token".utf8)
        #expect(png.process(binary) + png.finish() == binary)
        var json = BodyMasking(secrets: secrets, mediaType: "application/problem+json")
        #expect(String(decoding: json.process(Array("{\"t\":\"s3cr3t-token\"}".utf8)) + json.finish(), as: UTF8.self) == "{\"t\":\"••••\"}")
        var unlabelled = BodyMasking(secrets: secrets, mediaType: nil)
        #expect(String(decoding: unlabelled.process(Array("token s3cr3t-token".utf8)) + unlabelled.finish(), as: UTF8.self) == "token ••••")
        #expect(BodyMasking.isTextual("text/csv") && BodyMasking.isTextual("application/vnd.api+json"))
        #expect(!BodyMasking.isTextual("application/octet-stream") && !BodyMasking.isTextual("image/svg"))
    }
}
