import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// Environment files in random styles, with or without an `auth:` block in any place: setting
/// any auth keeps every line outside the block, in order, and reads back as that auth.
@Suite struct AuthBlockWriterPropertyTests {
    static let words = ["alpha", "1", "two words", "on", "{{env:TOKEN}}", "a: b", "café", "x#y", "it's", "null", "-5", "{{apiKey}}"]

    /// An environment file from `seed`: the lines outside its auth block, and the whole text.
    static func file(seed: Int) -> (outside: [String], text: String) {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(count))
        }
        func scalar(_ value: String) -> String {
            pick(2) == 0 && YAMLSplice.isPlainSafe(value, flow: false) ? value : YAMLSplice.doubleQuoted(value)
        }
        var blocks = [
            ["name: \(scalar("env \(pick(100))"))" + (pick(2) == 0 ? "  # the name" : "")],
            ["variables:"] + (0..<(1 + pick(3))).flatMap { index in
                (pick(3) == 0 ? ["  # variable \(index)"] : []) + ["  - name: v\(index)", "    value: \(scalar(words[pick(words.count)]))"]
            },
            ["options:", "  timeout: \(1 + pick(60))"],
        ]
        if pick(3) == 0 { blocks.insert(["# a comment between keys"], at: 1 + pick(2)) }
        let auth = pick(2) == 0 ? nil : ["auth:", "  type: bearer", "  token: \(scalar(words[pick(words.count)]))"]
        var lines = pick(2) == 0 ? ["# environment \(seed)", ""] : []
        var outside = lines
        let authAt = pick(blocks.count + 1)
        for (index, block) in blocks.enumerated() {
            if index == authAt, let auth { lines += auth }
            lines += block
            outside += block
        }
        if authAt == blocks.count, let auth { lines += auth }
        return (outside, lines.joined(separator: "\n") + "\n")
    }

    static func auth(_ kind: Int, _ word: String) -> AuthConfig {
        switch kind {
        case 0: .inherit
        case 1: .none
        case 2: .basic(username: word, password: "{{env:PASS}}")
        case 3: .bearer(token: word)
        case 4: .apiKey(name: "X-Key", value: word, location: .header)
        case 5: .apiKey(name: "key", value: word, location: .query)
        case 6: .challenge(.digest, username: word, password: word)
        default: .oauth2ClientCredentials(OAuth2ClientCredentials(tokenURL: "{{baseUrl}}/token", clientID: word, clientSecret: "{{env:S}}", scope: word))
        }
    }

    @Test func settingAnyAuthKeepsEveryOtherLineInOrderAndReadsBack() async {
        await propertyCheck(count: 120, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...7), Gen.int(in: 0...11)) { seed, kind, word in
            await recordingThrows {
                let (outside, text) = Self.file(seed: seed)
                let auth = Self.auth(kind, Self.words[word])
                let saved = try AuthBlockWriter.yaml(setting: auth, in: text)
                #expect(AuthBlockWriter.currentAuth(in: saved) == auth, "\(text)\n---\n\(saved)")
                // Every line outside the auth block is still there, in the same order.
                var rest = saved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
                for line in outside {
                    guard let found = rest.firstIndex(of: line) else {
                        Issue.record("lost \"\(line)\":\n\(text)\n---\n\(saved)")
                        break
                    }
                    rest = rest[(found + 1)...]
                }
                // Setting the same auth again changes nothing.
                #expect(try AuthBlockWriter.yaml(setting: auth, in: saved) == saved)
            }
        }
    }
}
