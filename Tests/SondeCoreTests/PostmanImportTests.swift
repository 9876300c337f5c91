import Foundation
import Testing
@testable import SondeCore

/// Postman collections and environments converted field by field (`PostmanFixtures`).
@Suite struct PostmanImportTests {
    static func convert(_ text: String, file: String = "shop.postman_collection.json") throws -> ImportedCollection {
        try PostmanImporter.convertCollection(Data(text.utf8), sourceName: file)
    }

    static func request(_ name: String, in folder: ImportedFolder) -> ImportedRequest? {
        folder.requests.first { $0.definition.name == name } ?? folder.folders.lazy.compactMap { request(name, in: $0) }.first
    }

    static func kept(_ key: String, _ request: ImportedRequest?) -> String? {
        request?.kept.first { $0.name == key }?.value
    }

    @Test func collectionLevelNameVariablesAuthAndScripts() throws {
        let imported = try Self.convert(PostmanFixtures.collection21)
        #expect(imported.name == "Shop API")
        #expect(imported.description == "The shop's public API")
        #expect(imported.defaults.auth == .bearer(token: "{{env:TOKEN}}"))
        #expect(imported.variables == [
            KeyValue("baseUrl", "https://shop.example.com"),
            KeyValue("apiVersion", "v2"),
            KeyValue("adminPassword", "{{env:ADMIN_PASSWORD}}"),
            KeyValue("old", "x", enabled: false),
            KeyValue("page_size", "50"),
        ])
        // The empty test script carries nothing; the pre-request one is kept.
        #expect(imported.kept == [KeyValue("x-postman-prerequest", "console.log('collection')")])
        #expect(imported.secretNames == [
            "TOKEN", "ADMIN_PASSWORD", "PASSWORD", "PASSWORD_2", "AUTHORIZATION", "X_API_KEY", "CLIENT_SECRET", "PASSWORD_3",
            "ACCESS_KEY", "SECRET_KEY",
        ])
        #expect(imported.secretValues["TOKEN"] == "s3cr3t-collection-token")
        #expect(imported.secretValues["PASSWORD_2"] == "s3cr3t-open-sesame")
        #expect(imported.secretValues["SECRET_KEY"] == "s3cr3t-aws")
        #expect(imported.secretValues.count == imported.secretNames.count)
    }

    @Test func foldersNestAndCarryAuthAndDescriptions() throws {
        let root = try Self.convert(PostmanFixtures.collection21).root
        #expect(root.folders.map(\.name) == ["Users"])
        let users = root.folders[0]
        #expect(users.description == "User management")
        #expect(users.defaults.auth == .basic(username: "admin", password: "{{env:PASSWORD}}"))
        #expect(users.folders.map(\.name) == ["Admin"])
        #expect(users.folders[0].defaults.auth == .inherit)
        #expect(users.folders[0].requests.map(\.definition.name) == ["Get user"])
        #expect(users.requests.map(\.definition.name) == ["Public profile", "Create user"])
        #expect(root.requests.map(\.definition.name) == [
            "Login form", "Upload", "Raw file", "XML", "Search", "Key in header", "Key in query", "Token", "Digest", "AWS",
        ])
    }

    @Test func pathVariablesQueryRowsDisabledHeadersAndScripts() throws {
        let imported = try Self.convert(PostmanFixtures.collection21)
        let get = try #require(Self.request("Get user", in: imported.root))
        #expect(get.definition == RequestDefinition(
            name: "Get user", method: .GET, url: "{{baseUrl}}/users/42",
            params: [KeyValue("expand", "orders"), KeyValue("debug", "true", enabled: false), KeyValue("q", "a b")],
            headers: [KeyValue("Accept", "application/json"), KeyValue("X-Debug", "1", enabled: false)],
            auth: .inherit, description: "Fetch one user", expectations: Expectations(status: [.code(200)])))
        // Its test script is a status check: translated, so neither kept nor warned about.
        #expect(Self.kept("x-postman-test", get) == nil)
        #expect(!imported.warnings.contains { $0.place.hasSuffix("\"Get user\"") && $0.message.contains("test script") })
        #expect(imported.warnings.contains { $0.message.contains("1 saved example response not imported") })

        let create = try #require(Self.request("Create user", in: imported.root))
        #expect(create.definition.url == "{{baseUrl}}/users/{{org}}/members")
        #expect(imported.warnings.contains { $0.message.hasPrefix("path variable :org has no value: written as {{org}}") })
    }

    @Test func dynamicVariablesMapToSondesAndOthersWarnOnce() throws {
        let imported = try Self.convert(PostmanFixtures.collection21)
        let profile = try #require(Self.request("Public profile", in: imported.root))
        #expect(profile.definition.url == "{{baseUrl}}/profiles/{{$uuid}}")
        #expect(profile.definition.params == [KeyValue("ts", "{{$timestamp}}"), KeyValue("per", "{{page_size}}")])
        #expect(profile.definition.auth == .none)
        let create = try #require(Self.request("Create user", in: imported.root))
        #expect(create.definition.body == .json(#"{"name": "{{$randomFirstName}}", "id": "{{$guid}}", "nick": "{{$randomFirstName}}"}"#))
        #expect(imported.warnings.filter { $0.message.contains("$randomFirstName") }.count == 1)
        #expect(imported.warnings.filter { $0.message.contains("\"page size\" renamed page_size") }.count == 1)
    }

    @Test func everyBodyMode() throws {
        let root = try Self.convert(PostmanFixtures.collection21).root
        let login = try #require(Self.request("Login form", in: root)).definition
        #expect(login.method == .POST)
        #expect(login.url == "https://auth.example.com:8443/login")
        #expect(login.params == [KeyValue("next", "/home")])
        #expect(login.body == .form([
            KeyValue("user", "ann"), KeyValue("password", "{{env:PASSWORD_2}}"), KeyValue("remember", "1", enabled: false),
        ]))
        #expect(Self.request("Upload", in: root)?.definition.body == .multipart([
            MultipartField(name: "title", value: "Report"),
            MultipartField(name: "doc", value: "/home/ann/report.pdf", isFile: true, contentType: "application/pdf"),
            MultipartField(name: "pics", value: "a.png", isFile: true),
            MultipartField(name: "pics", value: "b.png", isFile: true),
            MultipartField(name: "note", value: "skip", enabled: false),
        ]))
        #expect(Self.request("Raw file", in: root)?.definition.body == .file(path: "data/blob.bin", contentType: "application/octet-stream"))
        let warnings = try Self.convert(PostmanFixtures.collection21).warnings.map(\.description)
        #expect(warnings.filter { $0.contains("relative to Postman's working directory") } == [
            "shop.postman_collection.json item \"Upload\": file a.png is relative to Postman's working directory: sonde reads it from the request file's folder",
            "shop.postman_collection.json item \"Upload\": file b.png is relative to Postman's working directory: sonde reads it from the request file's folder",
            "shop.postman_collection.json item \"Raw file\": file data/blob.bin is relative to Postman's working directory: sonde reads it from the request file's folder",
        ])
        #expect(Self.request("XML", in: root)?.definition.body == .text("<a>1</a>", contentType: "application/xml"))

        guard case .json(let graphQL)? = Self.request("Search", in: root)?.definition.body else {
            Issue.record("GraphQL is not a JSON body")
            return
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(graphQL.utf8)) as? [String: Any], "\(graphQL)")
        #expect(object["query"] as? String == "query ($id: ID!) {\n  user(id: $id) { name }\n}")
        #expect(object["variables"] as? [String: String] == ["id": "42"])
    }

    @Test func authOfEveryKindWithSecretsMoved() throws {
        let imported = try Self.convert(PostmanFixtures.collection21)
        let root = imported.root
        let header = try #require(Self.request("Key in header", in: root)).definition
        #expect(header.method == .DELETE)
        #expect(header.headers == [KeyValue("Authorization", "Bearer {{env:AUTHORIZATION}}")])
        #expect(header.auth == .apiKey(name: "X-API-Key", value: "{{env:X_API_KEY}}", location: .header))
        // A value that is already a variable reference stays one.
        #expect(Self.request("Key in query", in: root)?.definition.auth == .apiKey(name: "api_key", value: "{{apiKey}}", location: .query))
        #expect(Self.request("Token", in: root)?.definition.auth == .oauth2ClientCredentials(OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "shop-client", clientSecret: "{{env:CLIENT_SECRET}}", scope: "read write")))
        #expect(Self.request("Digest", in: root)?.definition.auth == .challenge(.digest, username: "dig", password: "{{env:PASSWORD_3}}"))

        let aws = try #require(Self.request("AWS", in: root))
        #expect(aws.definition.auth == .none)
        #expect(aws.definition.method == .GET)
        #expect(aws.definition.options.followRedirects == false)
        #expect(aws.kept.map(\.name) == ["x-postman-method", "x-postman-auth", "x-postman-protocolProfileBehavior"])
        #expect(Self.kept("x-postman-method", aws) == "PROPFIND")
        let keptAuth = try #require(Self.kept("x-postman-auth", aws))
        #expect(keptAuth.contains("{{env:SECRET_KEY}}") && keptAuth.contains("eu-west-1") && !keptAuth.contains("s3cr3t"))
        #expect(Self.kept("x-postman-protocolProfileBehavior", aws) == "{\n  \"disableCookies\": true\n}")
        let place = "shop.postman_collection.json item \"AWS\""
        #expect(imported.warnings.contains(ImportWarning(place: place, message: "auth awsv4 is not supported by sonde: sends no credentials, kept as text under x-postman-auth")))
        #expect(imported.warnings.contains { $0.place == place && $0.message.hasPrefix("sonde has no method PROPFIND") })
    }

    @Test func version20ObjectAuthHeaderStringsAndBareURLs() throws {
        let imported = try Self.convert(PostmanFixtures.collection20, file: "legacy.json")
        #expect(imported.name == "Legacy")
        #expect(imported.description == "Exported by Postman 5")
        #expect(imported.defaults.auth == .basic(username: "legacy", password: "{{env:PASSWORD}}"))
        let root = imported.root
        #expect(Self.request("Ping", in: root)?.definition == RequestDefinition(
            name: "Ping", method: .GET, url: "https://legacy.example.com/ping",
            headers: [KeyValue("Accept", "text/plain"), KeyValue("X-Token", "{{env:X_TOKEN}}")],
            auth: .bearer(token: "{{legacyToken}}")))
        #expect(Self.request("Hook", in: root)?.definition == RequestDefinition(
            name: "Hook", method: .POST, url: "http://legacy.example.com/hook", body: .text("ping", contentType: "text/plain"),
            auth: .apiKey(name: "X-Key", value: "{{env:X_KEY}}", location: .query)))
        #expect(Self.request("Bare", in: root)?.definition == RequestDefinition(name: "Bare", url: "https://legacy.example.com/bare"))
        #expect(imported.secretNames == ["PASSWORD", "X_TOKEN", "X_KEY"])
        #expect(imported.secretValues == ["PASSWORD": "s3cr3t-legacy", "X_TOKEN": "s3cr3t-hdr", "X_KEY": "s3cr3t-v2-key"])
        #expect(imported.warnings.isEmpty, "\(imported.warnings)")
    }

    @Test func environmentSecretsBecomeReferences() throws {
        let file = try PostmanImporter.convertEnvironment(Data(PostmanFixtures.environment.utf8), sourceName: "staging.postman_environment.json")
        #expect(file.environments == [ImportedEnvironment(name: "Staging", variables: [
            KeyValue("baseUrl", "https://staging.example.com"),
            KeyValue("apiKey", "{{env:API_KEY}}"),
            KeyValue("emptySecret", "{{env:EMPTY_SECRET}}"),
            KeyValue("legacy", "1", enabled: false),
            KeyValue("authToken", "{{env:AUTH_TOKEN}}"),
            KeyValue("tokenUrl", "https://staging.example.com/token"),
            KeyValue("page_size", "20"),
        ])])
        #expect(file.secretNames == ["API_KEY", "EMPTY_SECRET", "AUTH_TOKEN"])
        #expect(file.secretValues == ["API_KEY": "s3cr3t-staging", "AUTH_TOKEN": "s3cr3t-plain-token"])
        #expect(file.warnings.map(\.message) == ["variable \"page size\" renamed page_size: sonde's variable names have no spaces"])

        var collection = try Self.convert(PostmanFixtures.collection20)
        collection.add(file)
        #expect(collection.environments.map(\.name) == ["Staging"])
        #expect(collection.secretNames == ["PASSWORD", "X_TOKEN", "X_KEY", "API_KEY", "EMPTY_SECRET", "AUTH_TOKEN"])

        let globals = try PostmanImporter.convertEnvironment(Data(PostmanFixtures.globals.utf8), sourceName: "globals.json")
        #expect(globals.environments == [ImportedEnvironment(name: "globals", variables: [KeyValue("region", "eu")])])
        #expect(globals.warnings.map(\.message) == ["sonde has no globals: imported as the environment globals"])
    }

    @Test func fileKindsAndClearErrors() throws {
        #expect(PostmanImporter.kind(of: Data(PostmanFixtures.collection21.utf8)) == .collection)
        #expect(PostmanImporter.kind(of: Data(PostmanFixtures.collection20.utf8)) == .collection)
        #expect(PostmanImporter.kind(of: Data(PostmanFixtures.environment.utf8)) == .environment)
        #expect(PostmanImporter.kind(of: Data(PostmanFixtures.globals.utf8)) == .globals)
        #expect(PostmanImporter.kind(of: Data("curl https://x".utf8)) == nil)

        func error(_ text: String, environment: Bool = false) -> String {
            do {
                if environment {
                    _ = try PostmanImporter.convertEnvironment(Data(text.utf8), sourceName: "in.json")
                } else {
                    _ = try PostmanImporter.convertCollection(Data(text.utf8), sourceName: "in.json")
                }
                return "no error"
            } catch {
                return error.description
            }
        }
        let broken = "{\n  \"info\": {\"name\": \"x\",}\n}"
        #expect(error(broken).hasPrefix("in.json:2:24: invalid JSON: expected a key in double quotes"), "\(error(broken))")
        #expect(error(#"{"openapi": "3.1.0", "paths": {}}"#).hasPrefix("in.json: not a Postman collection or environment"))
        #expect(error("[1, 2]") == "in.json: not a Postman collection or environment: the top level is not a JSON object")
        let v1 = #"{"id": "x", "name": "Old", "order": [], "folders": [], "requests": [{"id": "r", "url": "http://x", "method": "GET"}]}"#
        #expect(error(v1).contains("Postman collection v1") && error(v1).contains("export it again as Collection v2.1"))
        #expect(error(PostmanFixtures.environment).contains("Postman environment (or globals) export, not a collection"))
        #expect(error(PostmanFixtures.collection21, environment: true).contains("a Postman collection, not an environment"))

        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error(deep) == "in.json: not a Postman collection or environment: values are nested more than 512 levels deep")
        #expect(error("\u{FEFF}") .hasPrefix("in.json:1:"), "a byte-order mark alone is an empty document")

        // The Postman API wraps exports in {"collection": …}.
        let wrapped = try Self.convert("{\"collection\": \(PostmanFixtures.collection20)}")
        #expect(wrapped.name == "Legacy")
    }

    @Test func secretNamesAndTheSecretLookingNames() {
        #expect(ImportSecrets.environmentName("apiKey") == "API_KEY")
        #expect(ImportSecrets.environmentName("x-api-key") == "X_API_KEY")
        #expect(ImportSecrets.environmentName("client secret") == "CLIENT_SECRET")
        #expect(ImportSecrets.environmentName("2fa code") == "_2FA_CODE")
        #expect(ImportSecrets.environmentName("---") == "SECRET")
        // A Cookie header holds a session: .http and Postman imports wrote it out as it was.
        for name in ["password", "apiKey", "X-API-Key", "access_token", "clientSecret", "Authorization", "Cookie"] {
            #expect(ImportSecrets.looksSecret(name: name), "\(name)")
        }
        for name in ["tokenUrl", "username", "baseUrl", "token_type", "page"] {
            #expect(!ImportSecrets.looksSecret(name: name), "\(name)")
        }
        var secrets = ImportSecrets()
        #expect(secrets.reference(for: "abc", suggestedName: "token") == "{{env:TOKEN}}")
        #expect(secrets.reference(for: "abc", suggestedName: "other") == "{{env:TOKEN}}")
        #expect(secrets.reference(for: "def", suggestedName: "token") == "{{env:TOKEN_2}}")
        #expect(secrets.reference(for: "Bearer {{t}}", suggestedName: "token") == "Bearer {{t}}")
        #expect(secrets.reference(for: "", suggestedName: "token") == "")
        #expect(secrets.names == ["TOKEN", "TOKEN_2"])
    }
}
