import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// History is written to disk: a random secret a server echoes in every encoding (reason
/// phrase, a header name and value, Location, the body, cut at the body limit) is in none of
/// its files.
@Suite struct HistorySecretPropertyTests {
    @Test func noEncodingOfARandomSecretReachesAHistoryFile() async throws {
        let pool: [Character] = Array("abcXYZ019 -_.~%+/=&@:\"\\'<>?#[]{}éüß中文😀🔑")
        let secrets = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 4...24)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        await propertyCheck(count: 60, input: secrets, Gen.int(in: 0...40)) { secret, cut in
            await recordingThrows {
                let forms = SecretEncodingTests.encodings(of: secret, prefix: "")
                let request = PreparedRequest(method: .GET, url: "http://127.0.0.1/x", secrets: SecretSet([secret]))
                let echoed = forms.joined(separator: " | ")
                let response = HTTPResponse(
                    status: 401, reason: "Bad Bearer \(secret)", httpVersion: "1.1",
                    headers: [HeaderField(name: "X-\(forms[1])", value: echoed), HeaderField(name: "Location", value: "/next?t=\(forms[1])")],
                    body: Data(("x" + String(repeating: "y", count: cut) + echoed).utf8),
                    finalURL: "http://127.0.0.1/next?t=\(forms[2])", timings: TransferTimings())
                // The limit falls at every offset of the first echoed form, in turn.
                let entry = HistoryEntry.make(request: request, response: response, date: Date(), bodyLimit: 1 + cut + min(cut, forms[0].utf8.count))
                let history = ResponseHistory(directory: folder)
                _ = try history.append(entry, collectionRoot: folder, requestID: "r")
                let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
                for case let url as URL in enumerator where !url.hasDirectoryPath {
                    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                    for form in forms where text.contains(form) {
                        Issue.record("\(url.lastPathComponent) holds \(secret) as \(form)")
                    }
                }
            }
        }
    }
}
