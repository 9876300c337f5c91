import Foundation
import PropertyBased
import Testing
@testable import SondeCore

/// Captures and expectations on random strings (quotes, backslashes, braces, non-ASCII): what a
/// capture takes is the string the JSON encodes, it equals, contains and matches itself, and as
/// a secret it never shows in a result.
@Suite struct FlowChecksPropertyTests {
    private static let texts = Gen<Character?>.element(of: Array("ab\"\\{}/\n é€😀-_.$*")).map { $0 ?? "a" }.string(of: 0...16)

    static func response(_ body: String) -> HTTPResponse {
        HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1", headers: [], body: Data(body.utf8), finalURL: "http://127.0.0.1/", timings: TransferTimings())
    }

    @Test func aCapturedStringIsTheEncodedOneAndPassesItsOwnChecks() async throws {
        let path = try JSONPath("$.v")
        await propertyCheck(count: 200, input: Self.texts) { text in
            let response = Self.response(#"{"n": 1, "v": \#(JSONText.quote(text))}"#)
            let captured = Captures.evaluate([Capture(name: "v", source: .json(path))], of: "r", in: response)
            #expect((try? captured.get()) == [CapturedValue(name: "v", value: text)])
            let checks = Expectations(json: [
                .init(path: path, predicate: .equals(.string(text))),
                .init(path: path, predicate: .contains(.string(String(text.prefix(3))))),
                .init(path: path, predicate: .matches("^" + NSRegularExpression.escapedPattern(for: text) + "$")),
                .init(path: path, predicate: .type(.string)),
                .init(path: path, predicate: .count(text.count)),
            ])
            let results = checks.check(response)
            #expect(results.allPassed, "\(results.filter { !$0.passed }.map(\.line))")
        }
    }

    @Test func aSecretNeverShowsInAResult() async throws {
        let secrets = Gen<Character?>.element(of: Array("abcXYZ019-_")).map { $0 ?? "a" }.string(of: 8...20)
        await propertyCheck(count: 200, input: secrets) { secret in
            let response = Self.response(#"{"token": "\#(secret)", "list": ["\#(secret)"]}"#)
            let checks = Expectations(
                headers: [.init(name: "X-None", predicate: .equals(.string(secret)))],
                json: [
                    .init(path: try! JSONPath("$.token"), predicate: .equals(.string("other"))),
                    .init(path: try! JSONPath("$.list"), predicate: .count(5)),
                    .init(path: try! JSONPath("$"), predicate: .type(.array)),
                ])
            let results = checks.check(response, secrets: SecretSet([secret]))
            #expect(results.map(\.passed) == [false, false, false, false])
            for result in results {
                #expect(![result.line, result.expected, result.actual].contains { $0.contains(secret) }, "\(result)")
            }
        }
    }
}
