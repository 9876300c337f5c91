import Foundation
import Testing
@testable import SondeCore

@Suite struct CurlCommandTests {
    private func secrets(_ pairs: [String: String?]) -> SecretSet {
        var set = SecretSet()
        for (value, name) in pairs { set.insert(value, fromVariable: name) }
        return set
    }

    @Test func secretsFromVariablesBecomeShellReferencesAndOthersAreMasked() {
        let request = PreparedRequest(
            method: .POST, url: "http://127.0.0.1:1/x?key=k-123",
            headers: [
                HeaderField(name: "Authorization", value: "Bearer tok-456", isSecret: true),
                HeaderField(name: "X-Derived", value: "opaque-789", isSecret: true),
                HeaderField(name: "X-Empty", value: ""),
            ],
            body: .bytes(Data(#"{"note": "it's tok-456"}"#.utf8)),
            secrets: secrets(["tok-456": "API_TOKEN", "k-123": "API_KEY", "opaque-789": nil]))
        let command = CurlCommand.render(request)
        #expect(command.hasPrefix("curl -X POST http://127.0.0.1:1/x \\\n  --url-query key=\"${API_KEY}\""), "a query value with a secret is encoded by curl")
        #expect(command.contains(#"-H 'Authorization: Bearer '"${API_TOKEN}""#))
        #expect(command.contains("-H 'X-Derived: ••••'"))
        #expect(command.contains("-H 'X-Empty;'"))
        #expect(command.contains(#"--data-raw '{"note": "it'\''s '"${API_TOKEN}"'"}'"#))
        for value in ["tok-456", "k-123", "opaque-789"] { #expect(!command.contains(value)) }
    }

    @Test func basicAuthBecomesDashUAndOptionsCarryOver() {
        let header = "Basic " + Data("ada:pw-secret".utf8).base64EncodedString()
        var options = TransferOptions(connectTimeout: 2.5, totalTimeout: 10, followRedirects: false, verifyTLS: false)
        options.maxRedirects = 3
        let request = PreparedRequest(
            method: .HEAD, url: "https://h/", headers: [HeaderField(name: "Authorization", value: header, isSecret: true)],
            options: options, secrets: secrets(["pw-secret": "PASS", header: nil]))
        let command = CurlCommand.render(request)
        #expect(command.hasPrefix("curl --head https://h/"))
        #expect(command.contains(#"-u ada:"${PASS}""#))
        #expect(command.contains("--connect-timeout 2.500"))
        #expect(command.contains("--max-time 10"))
        #expect(!command.contains("-L"))
        #expect(command.contains("--insecure"))
    }

    @Test func multipartAndFileBodies() {
        let multipart = PreparedRequest(method: .PUT, url: "http://h/", body: .multipart([
            MultipartPart(name: "title", content: .text("@not a file")),
            MultipartPart(name: "doc", content: .file(path: "/tmp/a b.txt", filename: "a.txt", contentType: "text/plain")),
        ]))
        let command = CurlCommand.render(multipart)
        #expect(command.hasPrefix("curl -X PUT http://h/"))
        #expect(command.contains("--form-string 'title=@not a file'"))
        #expect(command.contains("-F 'doc=@/tmp/a b.txt;type=text/plain;filename=a.txt'"))
        let file = CurlCommand.render(PreparedRequest(method: .POST, url: "http://h/", body: .file(path: "/data/x.json")))
        #expect(file.contains("--data-binary @/data/x.json"))
    }
}
