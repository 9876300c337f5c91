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

    @Test func digestAuthBecomesDashDashDigestWithTheSecretAsAVariable() {
        let request = PreparedRequest(
            method: .GET, url: "http://127.0.0.1:1/auth/digest", secrets: secrets(["pw-1": "PW"]),
            challengeAuth: ChallengeCredentials(scheme: .digest, username: "u", password: "pw-1", passwordIsSecret: true))
        let command = CurlCommand.render(request)
        #expect(command.contains(#"--digest -u u:"${PW}""#), "\(command)")
        #expect(!command.contains("pw-1"))
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

    @Test func aSecretInAQueryOrFormValueIsEncodedByCurlFromItsVariable() {
        let secret = "s3cr3tK+ey/AbC== é"
        let set = secrets([secret: "API_KEY"])
        let get = PreparedRequest(method: .GET, url: "http://h/list?page=2&key=s3cr3tK%2Bey%2FAbC%3D%3D%20%C3%A9&q=a%20b#top", secrets: set)
        let command = CurlCommand.render(get)
        #expect(command.hasPrefix("""
            curl http://h/list \\
              -G \\
              --data-raw page=2 \\
              --data-urlencode key="${API_KEY}" \\
              --data-raw q=a%20b \\

            """))
        let form = PreparedRequest(
            method: .POST, url: "http://h/login",
            headers: [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")],
            body: .bytes(Data("user=ada&pass=pre+s3cr3tK%2Bey%2FAbC%3D%3D+%C3%A9".utf8)), secrets: set)
        let formCommand = CurlCommand.render(form)
        #expect(formCommand.contains("--data-raw user=ada \\\n  --data-urlencode 'pass=pre '\"${API_KEY}\""))
        for command in [command, formCommand] {
            #expect(!command.contains("s3cr3t"))
            #expect(!command.contains(SecretSet.mask))
        }
    }

    @Test func aSecretEscapedInAJSONBodyComesFromAnEscapedCopyOfItsVariable() {
        let secret = #"pa"ss\word"#
        let body = #"{"password": "pa\"ss\\word", "raw": "x"}"#
        let request = PreparedRequest(method: .POST, url: "http://h/", body: .bytes(Data(body.utf8)), secrets: secrets([secret: "PW"]))
        let command = CurlCommand.render(request)
        #expect(command.hasPrefix(#"SONDE_JSON_PW=$(printf '%s' "${PW}" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"# + "\ncurl -X POST"))
        #expect(command.contains(#"--data-raw '{"password": "'"${SONDE_JSON_PW}"'", "raw": "x"}'"#))
    }

    @Test func controlCharactersAreQuotedSoPastingRunsOnlyCurl() {
        let request = PreparedRequest(method: .GET, url: "http://h/a\u{1B}]0;t\u{07}b", headers: [
            HeaderField(name: "X-\u{1B}[2J\u{202E}", value: "it's\nrm -rf ~"),
        ])
        let command = CurlCommand.render(request)
        #expect(command.hasPrefix(#"""
            curl $'http://h/a\x1b]0;t\x07b' \
              -H $'X-\x1b[2J\xe2\x80\xae: it\'s\x0arm -rf ~' \

            """#))
        #expect(!command.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func aShortSecretIsAVariableOnlyWhereItStandsAlone() {
        let request = PreparedRequest(method: .GET, url: "http://127.0.0.1:8080/x", headers: [HeaderField(name: "X-Pin", value: "1")],
                                      secrets: secrets(["1": "PIN"]))
        let command = CurlCommand.render(request)
        #expect(command.hasPrefix("curl http://127.0.0.1:8080/x \\\n  -H 'X-Pin: '\"${PIN}\""))
    }

    @Test func aPendingOAuth2TokenIsAVariableTooNeverTheMask() {
        let credentials = OAuth2ClientCredentials(tokenURL: "http://h/token\n rm -rf ~", clientID: "id", clientSecret: "cs-12345", scope: nil)
        let command = CurlCommand.render(PreparedRequest(method: .GET, url: "http://h/"), pendingOAuth2: credentials)
        #expect(command.hasPrefix(#"# OAuth2: set SONDE_OAUTH2_TOKEN to a bearer token from POST http://h/token\n rm -rf ~ (client credentials)"# + "\n"))
        #expect(command.contains(#"-H 'Authorization: Bearer '"${SONDE_OAUTH2_TOKEN}""#))
        #expect(!command.contains(SecretSet.mask))
    }
}
