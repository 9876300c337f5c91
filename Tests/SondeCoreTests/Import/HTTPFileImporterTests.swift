import Foundation
import Testing
@testable import SondeCore

/// JetBrains HTTP Client and VS Code REST Client files converted field by field.
@Suite struct HTTPFileImporterTests {
    @Test func jetBrainsFileConvertsEveryRequest() throws {
        let imported = try HTTPFileImporter.convert(HTTPFileFixtures.jetBrains, sourceName: "api/api.http")
        #expect(imported.name == "api")
        #expect(imported.variables.isEmpty)
        let requests = imported.root.requests
        try #require(requests.count == 5)

        #expect(requests[0].definition == RequestDefinition(
            name: "Get all users", method: .GET, url: "https://api.example.com/users?page=1&per_page=50",
            headers: [KeyValue("Accept", "application/json"), KeyValue("X-Request-Id", "{{$uuid}}")],
            description: "Lists the users on the first page."))
        #expect(requests[0].kept.isEmpty)

        var createOptions = OptionOverrides()
        createOptions.followRedirects = false
        createOptions.timeout = 12
        #expect(requests[1].definition == RequestDefinition(
            name: "createUser", method: .POST, url: "{{host}}/users",
            headers: [KeyValue("Content-Type", "application/json")],
            body: .json("{\n  \"name\": \"Ada\",\n  \"id\": \"{{$uuid}}\",\n  \"createdAt\": {{$timestamp}},\n  \"score\": {{$randomInt}}\n}"),
            auth: .bearer(token: "{{token}}"), options: createOptions))
        #expect(requests[1].kept == [KeyValue("x-http-response-handler", """
            > {%
                client.test("created", function() {
                    client.assert(response.status === 201);
                });
                client.global.set("userId", response.body.id);
            %}
            """)])

        #expect(requests[2].definition == RequestDefinition(
            name: "Upload avatar", method: .POST, url: "{{host}}/users/{{userId}}/avatar",
            body: .multipart([
                MultipartField(name: "caption", value: "My avatar"),
                MultipartField(name: "file", value: "./images/avatar.png", isFile: true, filename: "avatar.png", contentType: "image/png"),
            ])))

        var bulkOptions = OptionOverrides()
        bulkOptions.httpVersion = .http2
        #expect(requests[3].definition == RequestDefinition(
            name: "Bulk import", method: .PUT, url: "{{host}}/bulk",
            headers: [KeyValue("Content-Type", "application/json"), KeyValue("X-Api-Key", "{{env:X_API_KEY}}")],
            body: .file(path: "./payloads/bulk.json", contentType: nil), options: bulkOptions))
        #expect(requests[3].kept == [
            KeyValue("x-http-pre-request-script", "< {% request.variables.set(\"batch\", \"7\") %}"),
            KeyValue("x-http-response-handler", ">> ./responses/bulk-result.json"),
        ])

        #expect(requests[4].definition == RequestDefinition(
            name: "Who am I", method: .GET, url: "{{host}}/whoami",
            headers: [KeyValue("X-Trace", "{{$randomInt}}")], auth: .bearer(token: "{{env:API_TOKEN}}")))

        #expect(imported.secretNames == ["X_API_KEY", "API_TOKEN"])
        #expect(imported.secretValues == ["X_API_KEY": "9f8e7d6c5b4a"])
        #expect(imported.warnings.map(\.place) == [
            "api/api.http:23", "api/api.http:42", "api/api.http:46", "api/api.http:51", "api/api.http:53",
            "api/api.http:58", "api/api.http:61",
        ])
        #expect(imported.warnings[0].message.contains("x-http-response-handler"))
        #expect(imported.warnings[1].message.contains("copy it to the same place"))
        #expect(imported.warnings[2].message.contains("x-http-pre-request-script"))
        #expect(imported.warnings[5].message.contains("range is dropped"))
        #expect(imported.warnings[6].message.contains("WEBSOCKET"))
    }

    @Test func vsCodeFileConvertsEveryRequest() throws {
        let imported = try HTTPFileImporter.convert(HTTPFileFixtures.vsCode, sourceName: "notes.rest")
        #expect(imported.name == "notes")
        #expect(imported.variables == [
            KeyValue("baseUrl", "https://api.example.com/v2"), KeyValue("contentType", "application/json"),
            KeyValue("apiToken", "{{env:API_TOKEN}}"), KeyValue("password", "{{env:PASSWORD}}"),
        ])
        let requests = imported.root.requests
        try #require(requests.count == 6)

        #expect(requests[0].definition == RequestDefinition(
            name: "login", method: .POST, url: "{{baseUrl}}/login",
            headers: [KeyValue("Content-Type", "application/x-www-form-urlencoded")],
            body: .form([KeyValue("username", "ada"), KeyValue("password", "{{env:PASSWORD_2}}"), KeyValue("remember", "true")])))

        #expect(requests[1].definition == RequestDefinition(
            name: "GET /profile", method: .GET, url: "{{baseUrl}}/profile",
            auth: .basic(username: "ada", password: "{{password}}"), description: "Fetch the profile with basic auth"))

        #expect(requests[2].definition == RequestDefinition(
            name: "search", method: .GET, url: "{{baseUrl}}/search?q=rest+client&api_key={{env:API_KEY}}",
            headers: [
                KeyValue("Accept", "{{contentType}}"), KeyValue("X-Home", "{{env:HOME}}"), KeyValue("X-Secret", "{{env:SECRET_KEY}}"),
                KeyValue("X-Ref", "{{login.response.body.$.token}}"), KeyValue("X-When", "{{$isoTimestamp}}"),
                KeyValue("X-Date", "{{$datetime rfc1123}}"), KeyValue("X-Rand", "{{$randomInt}}"), KeyValue("X-Stamp", "{{$timestamp -1 d}}"),
            ]))

        #expect(requests[3].definition == RequestDefinition(name: "GET /status", url: "https://status.example.com:443/status"))
        #expect(requests[4].definition == RequestDefinition(name: "GET /health", url: "https://example.com/health"))
        #expect(requests[5].definition == RequestDefinition(
            name: "PATCH /notes/1", method: .PATCH, url: "{{baseUrl}}/notes/1",
            headers: [KeyValue("Content-Type", "text/plain")],
            body: .text("Remember the milk.\n# not a comment: body text", contentType: "text/plain"),
            auth: .challenge(.digest, username: "ada", password: "{{env:PASSWORD_3}}")))
        #expect(requests.allSatisfy { $0.kept.isEmpty })

        #expect(imported.secretNames == ["API_TOKEN", "PASSWORD", "PASSWORD_2", "HOME", "SECRET_KEY", "API_KEY", "PASSWORD_3"])
        #expect(imported.secretValues == [
            "API_TOKEN": "sk_live_51HxYzAbCdEfGhIjKlMn", "PASSWORD": "hunter2", "PASSWORD_2": "correct horse",
            "API_KEY": "abcd1234efgh", "PASSWORD_3": "s3cret",
        ])
        #expect(imported.warnings.map(\.place) == ["notes.rest:28", "notes.rest:30", "notes.rest:31", "notes.rest:32"])
        #expect(imported.warnings[0].message.contains("does not chain"))
        #expect(imported.warnings[1].message.contains("{{$datetime rfc1123}} has no sonde equivalent"))
        #expect(imported.warnings[3].message.contains("{{$timestamp -1 d}}"))
    }

    @Test func eachUnmappedKindIsWarnedOnce() throws {
        let text = """
            GET https://example.com/a?d={{$datetime rfc1123}}
            X-A: {{$aadToken}}

            ###
            GET https://example.com/b?d={{$datetime 'YYYY'}}
            X-A: {{$aadToken}}
            """
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        #expect(imported.warnings.map(\.place) == ["t.http:1", "t.http:2"])
        #expect(imported.warnings[0].message.hasPrefix("{{$datetime rfc1123}} has no sonde equivalent: kept as text, sent as written"))
        #expect(imported.warnings[1].message.hasPrefix("{{$aadToken}} has no sonde equivalent: kept as text, sonde refuses to send it"))
    }

    @Test func credentialsBecomeSecretsUnlessAlreadyReferences() throws {
        let text = """
            GET https://example.com/a
            Authorization: Basic YWRhOm9wZW4gc2VzYW1l
            X-Auth-Token: {{token}}
            Proxy-Authorization: Basic cHJveHk6cHc=

            ###
            GET https://example.com/b
            Authorization: Token abc123def
            X-Api-Key: abc123def

            ###
            GET https://example.com/c
            Authorization: Basic {{creds}}
            """
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        let requests = imported.root.requests.map(\.definition)
        #expect(requests[0].auth == .basic(username: "ada", password: "{{env:PASSWORD}}"))
        #expect(requests[0].headers == [KeyValue("X-Auth-Token", "{{token}}"), KeyValue("Proxy-Authorization", "{{env:PROXY_AUTHORIZATION}}")])
        #expect(requests[1].auth == .inherit)
        #expect(requests[1].headers == [KeyValue("Authorization", "{{env:AUTHORIZATION}}"), KeyValue("X-Api-Key", "{{env:X_API_KEY}}")])
        #expect(requests[2].auth == .inherit)
        #expect(requests[2].headers == [KeyValue("Authorization", "Basic {{creds}}")])
        #expect(imported.secretValues == [
            "PASSWORD": "open sesame", "PROXY_AUTHORIZATION": "Basic cHJveHk6cHc=",
            "AUTHORIZATION": "Token abc123def", "X_API_KEY": "abc123def",
        ])
    }

    @Test func aSecretWrittenTwiceIsReferredToInBothPlaces() throws {
        let text = """
            @password = password
            GET https://example.com/password/reset?access_token=tok-12345678
            Content-Type: application/json

            {"copy": "tok-12345678", "note": "{{env:tok-12345678}}"}
            """
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        let request = try #require(imported.root.requests.first?.definition)
        #expect(request.url == "https://example.com/password/reset?access_token={{env:ACCESS_TOKEN}}")
        #expect(request.body == .json(#"{"copy": "{{env:ACCESS_TOKEN}}", "note": "{{env:tok-12345678}}"}"#))
        #expect(imported.variables == [KeyValue("password", "{{env:PASSWORD}}")])
        #expect(imported.secretValues == ["PASSWORD": "password", "ACCESS_TOKEN": "tok-12345678"])
    }

    @Test func credentialsInJSONBodiesBecomeSecrets() throws {
        let text = #"""
            POST https://example.com/login

            {"user": "ada", "password": "hunter22", "apiKey":"{{key}}", "token": "a\"b", "client_secret" : "s3cr3t-9"}
            """#
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        #expect(imported.root.requests.first?.definition.body == .json(
            #"{"user": "ada", "password": "{{env:PASSWORD}}", "apiKey":"{{key}}", "token": "a\"b", "client_secret" : "{{env:CLIENT_SECRET}}"}"#))
        #expect(imported.secretValues == ["PASSWORD": "hunter22", "CLIENT_SECRET": "s3cr3t-9"])
    }

    @Test func malformedInputIsAnErrorWithItsLine() {
        let cases: [(String, String)] = [
            ("GET https://example.com/\n\n###\nPOST\nContent-Type: text/plain\n", "t.http:4"),
            ("GET https://example.com/ HTTP/1.1\n", ""),
            ("POST https://example.com/\n\n{}\n\n> {%\n  client.log(1)\n", "t.http:5"),
            ("### a\n< {%\n  request.variables.set('a', 1)\nGET https://example.com/\n", "t.http:2"),
            ("GET https://example.com/\nX-A: ok\nX-B: {{oops\n", "t.http:3"),
            ("POST https://example.com/\n\n{\n  \"a\": \"{{b\"\n}\n", "t.http:4"),
            ("GET /only/a/path\nAccept: */*\n", "t.http:1"),
            ("@a = {{b\n", "t.http:1"),
            ("###\n\n{\"a\": 1}\n", "t.http:3"),
            ("# forgot the request line\nContent-Type: application/json\n", "t.http:2"),
            // Closed as a whole, unclosed once the form is split at its `=`.
            ("POST https://example.com/\nContent-Type: application/x-www-form-urlencoded\n\n{{a=b}}\n", "t.http:4"),
        ]
        for (text, place) in cases {
            do {
                _ = try HTTPFileImporter.convert(text, sourceName: "t.http")
                #expect(place.isEmpty, "\(text) converted")
            } catch {
                #expect(error.place == place, "\(text): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func directivesAndOddLinesAreWarnedOf() throws {
        let text = """
            # @prompt otp
            # @connection-timeout 500 ms
            # @no-cookie-jar
            # @timeout soon
            @bad name = 1
            @ = 2
            GET https://example.com/
            not a header
            more text
            """
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        var options = OptionOverrides()
        options.connectTimeout = 0.5
        options.cookies = false
        #expect(imported.root.requests.map(\.definition) == [RequestDefinition(
            name: "GET /", url: "https://example.com/", body: .text("not a header\nmore text", contentType: "text/plain; charset=utf-8"),
            options: options)])
        #expect(imported.warnings.map(\.place) == ["t.http:1", "t.http:4", "t.http:5", "t.http:6", "t.http:8"])
        #expect(imported.variables.isEmpty)
    }

    @Test func commentsAmongHeadersAndAfterTheRequestJoinTheDescription() throws {
        let text = "# before\nGET https://example.com/\n# between headers\nAccept: */*\n\n// after, with no body\n"
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        #expect(imported.root.requests.map(\.definition) == [RequestDefinition(
            name: "GET /", url: "https://example.com/", headers: [KeyValue("Accept", "*/*")],
            description: "before\nbetween headers\nafter, with no body")])
    }

    @Test func durationsReadAsJetBrainsWritesThem() {
        #expect(HTTPFileParser.seconds("600") == 600)
        #expect(HTTPFileParser.seconds("2 m") == 120)
        #expect(HTTPFileParser.seconds("1.5s") == 1.5)
        #expect(HTTPFileParser.seconds("250 ms") == 0.25)
        #expect(HTTPFileParser.seconds("soon") == nil)
        #expect(HTTPFileParser.seconds("3 h") == nil)
    }

    @Test func redefinedVariablesKeepTheLaterValueAndCRLFIsRead() throws {
        let text = "@host = a.example\r\n@host = b.example\r\n\r\nGET https://{{host}}/\r\nAccept: text/html\r\n"
        let imported = try HTTPFileImporter.convert(text, sourceName: "t.http")
        #expect(imported.variables == [KeyValue("host", "b.example")])
        #expect(imported.root.requests.map(\.definition.headers) == [[KeyValue("Accept", "text/html")]])
        #expect(imported.warnings.map(\.place) == ["t.http:2"])
    }

    @Test func environmentNamesHaveTheShapeOfShellVariables() {
        #expect(ImportSecrets.environmentName("apiKey") == "API_KEY")
        #expect(ImportSecrets.environmentName("X-Api-Key") == "X_API_KEY")
        #expect(ImportSecrets.environmentName("client secret 2") == "CLIENT_SECRET_2")
        #expect(ImportSecrets.environmentName("2fa") == "_2FA")
        #expect(ImportSecrets.environmentName("ünïcode") == "N_CODE")
        #expect(ImportSecrets.environmentName("--") == "SECRET")
    }
}
