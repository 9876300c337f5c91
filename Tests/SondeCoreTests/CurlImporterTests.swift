import Testing
@testable import SondeCore

/// Curl commands as browsers copy them and as people write them, each field of the imported
/// request checked.
@Suite struct CurlImporterTests {
    private func one(_ text: String) throws -> (RequestDefinition, ImportedCollection) {
        let collection = try CurlImporter.convert(text, sourceName: "pasted.sh")
        try #require(collection.root.requests.count == 1)
        return (collection.root.requests[0].definition, collection)
    }

    /// Chrome 13x, "Copy as cURL (bash)": `-b` cookies, `$'…'` body, `-H 'Name;'`, `--compressed`.
    static let chromeBash = #"""
        curl 'https://api.example.com/v1/orders?page=2&q=caf%C3%A9' \
          -H 'accept: application/json, text/plain, */*' \
          -H 'accept-language: en-GB,en;q=0.9' \
          -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' \
          -H 'content-type: application/json' \
          -b 'sid=s%3Aabc.def; theme=dark' \
          -H 'origin: https://app.example.com' \
          -H 'priority: u=1, i' \
          -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
          -H 'x-trace;' \
          -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' \
          --data-raw $'{"note":"it\'s caf\u00e9","lines":"a\\nb"}' \
          --compressed
        """#

    @Test func chromeBash() throws {
        let (request, collection) = try one(Self.chromeBash)
        #expect(request.name == "POST /v1/orders")
        #expect(request.method == .POST)
        #expect(request.url == "https://api.example.com/v1/orders")
        #expect(request.params == [KeyValue("page", "2"), KeyValue("q", "café")])
        #expect(request.headers == [
            KeyValue("accept", "application/json, text/plain, */*"),
            KeyValue("accept-language", "en-GB,en;q=0.9"),
            KeyValue("origin", "https://app.example.com"),
            KeyValue("priority", "u=1, i"),
            KeyValue("sec-ch-ua", #""Chromium";v="131", "Not_A Brand";v="24""#),
            KeyValue("x-trace", ""),
            KeyValue("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            KeyValue("Cookie", "{{env:API_COOKIE}}"),
        ])
        #expect(request.body == .json(#"{"note":"it's café","lines":"a\nb"}"#))
        #expect(request.auth == .bearer(token: "{{env:API_TOKEN}}"))
        #expect(request.options == OptionOverrides())
        #expect(collection.secretNames == ["API_TOKEN", "API_COOKIE"])
        #expect(collection.secretValues == [
            "API_TOKEN": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "API_COOKIE": "sid=s%3Aabc.def; theme=dark",
        ])
        #expect(collection.warnings.isEmpty)
        #expect(collection.name == "pasted")
    }

    /// Chrome's "Copy as cURL (cmd)": every argument in `^"…^"`, `^` before specials.
    @Test func chromeCmd() throws {
        let text = """
            curl ^"https://api.example.com/v1/search?q=caf^%^C3^%^A9^&limit=10^" ^
              -H ^"accept: */*^" ^
              -H ^"X-Api-Key: live_8f14e45fceea167a^" ^
              -H ^"content-type: text/plain;charset=UTF-8^" ^
              --data-raw ^"first line^

            second ^&amp; ^\\^"quoted^\\^" 100^%^" ^
              --compressed
            """
        let (request, collection) = try one(text)
        #expect(request.method == .POST)
        #expect(request.url == "https://api.example.com/v1/search")
        #expect(request.params == [KeyValue("q", "café"), KeyValue("limit", "10")])
        #expect(request.headers == [KeyValue("accept", "*/*"), KeyValue("X-Api-Key", "{{env:API_X_API_KEY}}")])
        #expect(request.body == .text("first line\nsecond &amp; \"quoted\" 100%", contentType: "text/plain;charset=UTF-8"))
        #expect(collection.secretValues == ["API_X_API_KEY": "live_8f14e45fceea167a"])
    }

    /// Firefox 128, "Copy as cURL (POSIX)": `--globoff`, `-X POST`, multipart sent as
    /// `--data-binary $'…\r\n…'`, a CSRF token header.
    @Test func firefoxMultipart() throws {
        let text = #"""
            curl 'https://shop.example.org/api/cart' --compressed -X POST \
              -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' \
              -H 'Accept: */*' \
              -H 'Content-Type: multipart/form-data; boundary=---------------------------31671961133' \
              -H 'X-CSRF-Token: 9f8e7d6c5b4a3210' \
              -H 'Connection: keep-alive' \
              --data-binary $'-----------------------------31671961133\r\nContent-Disposition: form-data; name="qty"\r\n\r\n2\r\n-----------------------------31671961133\r\nContent-Disposition: form-data; name="note"\r\n\r\ncaf\xc3\xa9\r\n-----------------------------31671961133--\r\n' \
              --globoff
            """#
        let (request, collection) = try one(text)
        #expect(request.method == .POST)
        #expect(request.url == "https://shop.example.org/api/cart")
        #expect(request.headers.map(\.name) == ["User-Agent", "Accept", "X-CSRF-Token", "Connection"])
        #expect(request.headers[2].value == "{{env:SHOP_X_CSRF_TOKEN}}")
        guard case .text(let body, let type) = request.body else { Issue.record("\(request.body)"); return }
        #expect(type == "multipart/form-data; boundary=---------------------------31671961133")
        #expect(body.hasPrefix("-----------------------------31671961133\r\nContent-Disposition: form-data; name=\"qty\"\r\n\r\n2\r\n"))
        #expect(body.contains("\r\n\r\ncafé\r\n"))
        #expect(collection.warnings.isEmpty)
    }

    /// Firefox's GET with `$'…'` and `\xNN` in a header, no body.
    @Test func firefoxGet() throws {
        let (request, _) = try one(#"curl 'https://example.org/search?q=%22x%22' --globoff -H $'X-Name: Z\xc3\xbcrich' -H 'Accept: text/html'"#)
        #expect(request.method == .GET)
        #expect(request.params == [KeyValue("q", "\"x\"")])
        #expect(request.headers == [KeyValue("X-Name", "Zürich"), KeyValue("Accept", "text/html")])
        #expect(request.body == .none)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var command: String
        var check: @Sendable (RequestDefinition, ImportedCollection) -> Void
        var testDescription: String { command }
        init(_ command: String, _ check: @escaping @Sendable (RequestDefinition, ImportedCollection) -> Void) {
            self.command = command
            self.check = check
        }
    }

    static let cases: [Case] = [
        Case("curl -XPUT -sSLk https://a.test/x") { request, _ in
            #expect(request.method == .PUT)
            #expect(request.options.followRedirects == true)
            #expect(request.options.verifyTLS == false)
        },
        Case("curl -X patch --url https://a.test/x --max-redirs 3 -m 2.5 --connect-timeout 1 --http2") { request, _ in
            #expect(request.method == .PATCH)
            #expect(request.url == "https://a.test/x")
            #expect(request.options.maxRedirects == 3)
            #expect(request.options.timeout == 2.5)
            #expect(request.options.connectTimeout == 1)
            #expect(request.options.httpVersion == .http2)
        },
        Case("curl a.test/x -d a=1 -d b=2 -d 'c=x y'") { request, _ in
            #expect(request.method == .POST)
            #expect(request.body == .text("a=1&b=2&c=x y", contentType: "application/x-www-form-urlencoded"))
        },
        Case("curl a.test/x -d a=1 -d b=x+y") { request, _ in
            #expect(request.body == .form([KeyValue("a", "1"), KeyValue("b", "x y")]))
        },
        Case("curl a.test/x -d '{\"a\":1}' -H 'Content-Type: application/json'") { request, _ in
            #expect(request.body == .json("{\"a\":1}"))
            #expect(request.headers.isEmpty)
        },
        Case("curl a.test/x --data-binary @payload.bin -H 'content-type: application/octet-stream'") { request, _ in
            #expect(request.body == .file(path: "payload.bin", contentType: "application/octet-stream"))
        },
        Case("curl a.test/x -d @form.txt") { request, collection in
            #expect(request.body == .file(path: "form.txt", contentType: "application/x-www-form-urlencoded"))
            #expect(collection.warnings.map(\.message) == ["-d @form.txt: curl drops the file's line breaks; sonde sends the file as it is"])
        },
        Case("curl a.test/x --data-urlencode 'q=a b&c' --data-urlencode =x/y --data-urlencode plain") { request, _ in
            #expect(request.body == .text("q=a+b%26c&x%2Fy&plain", contentType: "application/x-www-form-urlencoded"))
        },
        Case("curl a.test/x --data-urlencode name@file.txt") { request, collection in
            #expect(request.body == .form([KeyValue("name", "")]))
            #expect(collection.warnings.count == 1)
        },
        Case("curl -G a.test/x -d a=1 --data-urlencode 'b=c d'") { request, _ in
            #expect(request.method == .GET)
            #expect(request.url == "a.test/x?a=1&b=c+d")
            #expect(request.params.isEmpty)
            #expect(request.body == .none)
        },
        Case("curl -G 'a.test/x?z=0' -d a=1") { request, _ in
            #expect(request.url == "a.test/x")
            #expect(request.params == [KeyValue("z", "0"), KeyValue("a", "1")])
        },
        Case("curl a.test/up -F name=Ada -F 'photo=@me.png;type=image/png' -F 'cv=@cv.pdf;filename=resume.pdf' -F 'notes=<notes.txt' --form-string 'raw=@not-a-file'") { request, collection in
            #expect(request.method == .POST)
            #expect(request.body == .multipart([
                MultipartField(name: "name", value: "Ada"),
                MultipartField(name: "photo", value: "me.png", isFile: true, contentType: "image/png"),
                MultipartField(name: "cv", value: "cv.pdf", isFile: true, filename: "resume.pdf"),
                MultipartField(name: "notes", value: "notes.txt", isFile: true),
                MultipartField(name: "raw", value: "@not-a-file"),
            ]))
            #expect(collection.warnings.count == 1)
        },
        Case("curl a.test/x --json '{\"a\":1}'") { request, _ in
            #expect(request.method == .POST)
            #expect(request.body == .json("{\"a\":1}"))
            #expect(request.headers == [KeyValue("Accept", "application/json")])
        },
        Case("curl -u ada:s3cret-pass https://api.example.com/me") { request, collection in
            #expect(request.auth == .basic(username: "ada", password: "{{env:API_PASSWORD}}"))
            #expect(collection.secretValues == ["API_PASSWORD": "s3cret-pass"])
        },
        Case("curl --digest -u ada:pw:with:colons http://127.0.0.1/x") { request, collection in
            #expect(request.auth == .challenge(.digest, username: "ada", password: "{{env:CURL_PASSWORD}}"))
            #expect(collection.secretValues == ["CURL_PASSWORD": "pw:with:colons"])
        },
        Case("curl https://ada:p%40ss@h.example.com/x") { request, collection in
            #expect(request.url == "https://h.example.com/x")
            #expect(request.auth == .basic(username: "ada", password: "{{env:H_PASSWORD}}"))
            #expect(collection.secretValues == ["H_PASSWORD": "p@ss"])
        },
        Case("curl a.test -b 'a=1; b=2' -b cookies.txt") { request, collection in
            #expect(request.headers == [KeyValue("Cookie", "{{env:A_COOKIE}}")])
            #expect(collection.secretValues == ["A_COOKIE": "a=1; b=2"])
            #expect(collection.warnings.map(\.message) == ["-b cookies.txt reads cookies from a file, which is not read; sonde keeps cookies in its own jar"])
        },
        Case("curl https://a.test -x http://proxy:3128 -U me:pw123456 --noproxy localhost -E client.pem:keypass --key client.key --cacert ca.pem --capath /etc/ssl") { request, collection in
            #expect(request.options.proxy == .url("http://proxy:3128"))
            #expect(request.options.proxyUser == "me")
            #expect(request.options.proxyPassword == "{{env:A_PROXY_PASSWORD}}")
            #expect(request.options.noProxy == "localhost")
            #expect(request.options.tls.clientCert == "client.pem")
            #expect(request.options.tls.keyPassword == "{{env:A_KEY_PASSWORD}}")
            #expect(request.options.tls.clientKey == "client.key")
            #expect(request.options.tls.caCert == "ca.pem")
            #expect(request.options.tls.caPath == "/etc/ssl")
            #expect(collection.secretValues == ["A_PROXY_PASSWORD": "pw123456", "A_KEY_PASSWORD": "keypass"])
        },
        Case(#"curl https://a.test -E 'C:\certs\me.pem' --cert-type PEM"#) { request, _ in
            #expect(request.options.tls.clientCert == #"C:\certs\me.pem"#)
            #expect(request.options.tls.clientCertType == .pem)
        },
        Case("curl --oauth2-bearer tok_abcdef https://api.example.com -A 'my agent/1' -e https://ref.test/") { request, collection in
            #expect(request.auth == .bearer(token: "{{env:API_TOKEN}}"))
            #expect(request.headers == [KeyValue("User-Agent", "my agent/1"), KeyValue("Referer", "https://ref.test/")])
            #expect(collection.secretValues == ["API_TOKEN": "tok_abcdef"])
        },
        Case("curl -H 'User-Agent:' -H 'Expect:' --http1.1 -I a.test") { request, collection in
            #expect(request.method == .HEAD)
            #expect(request.options.sendUserAgent == false)
            #expect(request.options.httpVersion == .http1_1)
            #expect(request.headers.isEmpty)
            #expect(collection.warnings.count == 1)
        },
        Case("curl -s -S -v -i -o out.json --compressed --globoff -w '%{http_code}' a.test/x") { request, collection in
            #expect(request.url == "a.test/x")
            #expect(collection.warnings.isEmpty, "output-only options say nothing")
        },
        Case("curl --frobnicate --limit-rate 1k -Q a.test/x") { request, collection in
            #expect(request.url == "a.test/x")
            #expect(collection.warnings.map(\.message) == [
                "unknown option --frobnicate, ignored", "--limit-rate 1k has no equivalent in sonde, ignored", "unknown option -Q, ignored",
            ])
            #expect(collection.warnings.allSatisfy { $0.place == "pasted.sh:1" })
        },
        Case("curl 'https://a.test/x?ids=1,2&flag' -X PURGE") { request, collection in
            #expect(request.url == "https://a.test/x?ids=1,2&flag", "a query sonde would re-encode stays in the URL")
            #expect(request.params.isEmpty)
            #expect(request.method == .GET)
            #expect(collection.warnings.count == 1)
        },
        Case("curl 'https://a.test/x?access_token=abc123xyz&n=1'") { request, collection in
            #expect(request.params == [KeyValue("access_token", "{{env:A_ACCESS_TOKEN}}"), KeyValue("n", "1")])
            #expect(collection.secretValues == ["A_ACCESS_TOKEN": "abc123xyz"])
        },
        Case(#"curl https://a.test -H "Authorization: Bearer $TOKEN" -u "ada:${PASS}""#) { request, collection in
            #expect(request.auth == .basic(username: "ada", password: "{{env:PASS}}"))
            #expect(request.headers == [KeyValue("Authorization", "Bearer {{env:TOKEN}}")])
            #expect(collection.secretNames == ["TOKEN", "PASS"])
            #expect(collection.secretValues.isEmpty)
        },
        Case("curl a.test -d 'user=ada&password=hunter22'") { request, collection in
            #expect(request.body == .form([KeyValue("user", "ada"), KeyValue("password", "{{env:A_PASSWORD}}")]))
            #expect(collection.secretValues == ["A_PASSWORD": "hunter22"])
        },
    ]

    @Test(arguments: cases) func option(_ test: Case) throws {
        let (request, collection) = try one(test.command)
        test.check(request, collection)
    }

    @Test func manyCommandsMakeOneRequestEachWithUniqueNamesAndSharedSecrets() throws {
        let text = """
            # exported from the shell history
            curl https://api.example.com/users -H 'Authorization: Bearer t0ken-one'
            curl https://api.example.com/users -H 'Authorization: Bearer t0ken-one'

            curl -X POST https://api.example.com/users -H 'Authorization: Bearer t0ken-two'
            echo done
            curl -s
            """
        let collection = try CurlImporter.convert(text, sourceName: "history.txt")
        #expect(collection.root.requests.map(\.definition.name) == ["GET /users", "GET /users (2)", "POST /users"])
        #expect(collection.root.requests.map(\.definition.auth) == [
            .bearer(token: "{{env:API_TOKEN}}"), .bearer(token: "{{env:API_TOKEN}}"), .bearer(token: "{{env:API_TOKEN_2}}"),
        ])
        #expect(collection.secretNames == ["API_TOKEN", "API_TOKEN_2"])
        #expect(collection.warnings == [
            ImportWarning(place: "history.txt:6", message: "not a curl command (echo), skipped"),
            ImportWarning(place: "history.txt:7", message: "no URL in this curl command, skipped"),
        ])
    }

    @Test func textWithoutACommandOrWithAnOpenQuoteIsAnError() {
        #expect(throws: CurlImportError(place: "x.sh", message: "no curl command with a URL found")) {
            try CurlImporter.convert("# nothing\n", sourceName: "x.sh")
        }
        #expect(throws: CurlImportError(place: "x.sh:2", message: "the quote ' opened here is never closed")) {
            try CurlImporter.convert("curl a.test\ncurl 'b.test", sourceName: "x.sh")
        }
    }
}
