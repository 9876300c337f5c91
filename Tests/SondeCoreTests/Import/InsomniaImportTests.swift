import Foundation
import Testing
@testable import SondeCore

/// Insomnia v4 (JSON and YAML) and v5 exports converted, written as sonde files and loaded
/// back (`InsomniaFixtures`).
@Suite struct InsomniaImportTests {
    static func convert(_ text: String, file: String = "shop.json") throws -> ImportedCollection {
        try InsomniaImporter.convert(Data(text.utf8), sourceName: file)
    }

    /// A YAML export whose aliases expand past the limit is refused at once, as collection files are.
    @Test func aYAMLAliasBombIsRefusedAtOnce() {
        var text = "_type: export\n__export_format: 4\na1: &a1 [x,x,x,x,x,x,x,x,x,x]\n"
        for level in 2...8 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n" }
        text += "resources: [*a8]\n"
        let start = ContinuousClock.now
        #expect {
            _ = try Self.convert(text, file: "bomb.yaml")
        } throws: { error in
            "\(error)".contains("billion laughs")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func v4JSONFoldersEnvironmentsAndSecrets() throws {
        let imported = try Self.convert(InsomniaFixtures.v4JSON)
        #expect(imported.name == "Shop API")
        #expect(imported.description == "The shop's public API")
        #expect(imported.root.folders.map(\.name) == ["Users"])
        #expect(imported.root.folders[0].folders.map(\.name) == ["Admin"])
        #expect(imported.root.requests.map(\.definition.name) == [
            "Login form", "Upload", "Raw file", "Me", "XML", "Digest", "NTLM", "Token", "Auth off", "Report",
        ])
        // The base environment is the collection's variables; nested objects have dotted names.
        #expect(imported.variables == [KeyValue("api.version", "v2"), KeyValue("baseUrl", "https://shop.example.com"), KeyValue("pageSize", "50")])
        #expect(imported.environments.map(\.name) == ["Development", "Mine"])
        #expect(imported.environments[0].variables == [
            KeyValue("apiKey", imported.reference(to: "dev-key-123456")), KeyValue("baseUrl", "http://localhost:8080"),
        ])
        // A private environment holds secrets only.
        #expect(imported.environments[1].variables == [KeyValue("token", imported.reference(to: "s3cr3t-private-token"))])
        for value in ["s3cr3t-admin-pw", "s3cr3t-login-pw", "k-1234567890", "tok-abcdef123456", "cookie-val-123456", "digest-pw-1",
                      "ntlm-pw-12", "cs-123456789", "disabled-pw-1", "dev-key-123456"] {
            #expect(imported.secretValues.values.contains(value), "\(value) is a secret")
        }
        #expect(Set(imported.secretNames) == Set(imported.secretValues.keys))
        #expect(!imported.secretValues.values.contains("cookie-s3cr3t"), "the cookie jar is not imported")
    }

    @Test func v4JSONRequestsLoadBackAsExpected() throws {
        let imported = try Self.convert(InsomniaFixtures.v4JSON)
        let loaded = try ImportedCollectionLoad(imported)
        func ref(_ value: String) -> String { imported.reference(to: value) }

        #expect(try loaded.folderDefaults("users") == RequestDefaults(
            headers: [KeyValue("X-Team", "core")], auth: .basic(username: "admin", password: ref("s3cr3t-admin-pw"))))
        var noRedirects = OptionOverrides()
        noRedirects.followRedirects = false
        #expect(try loaded.request("users/admin/get-user") == RequestDefinition(
            name: "Get user", url: "{{baseUrl}}/users/{{userId}}",
            params: [KeyValue("expand", "orders"), KeyValue("q", "a b"), KeyValue("debug", "true", enabled: false)],
            headers: [KeyValue("Accept", "application/json"), KeyValue("X-Debug", "1", enabled: false)],
            options: noRedirects, description: "Fetch one user"))
        #expect(try loaded.request("users/create-user") == RequestDefinition(
            name: "Create user", method: .POST, url: "{{baseUrl}}/users", headers: [KeyValue("Content-Type", "application/json")],
            body: .json("{\n  \"id\": \"{{$uuid}}\",\n  \"name\": \"Ada\"\n}"), auth: .bearer(token: "{{token}}")))
        #expect(try loaded.request("login-form") == RequestDefinition(
            name: "Login form", method: .POST, url: "{{baseUrl}}/login",
            headers: [KeyValue("Content-Type", "application/x-www-form-urlencoded")],
            body: .form([KeyValue("user", "ada"), KeyValue("password", ref("s3cr3t-login-pw")), KeyValue("remember", "1", enabled: false)]),
            auth: .none))
        #expect(try loaded.request("upload") == RequestDefinition(
            name: "Upload", method: .POST, url: "{{baseUrl}}/photos",
            body: .multipart([
                MultipartField(name: "title", value: "Cat"), MultipartField(name: "photo", value: "/home/ada/cat.png", isFile: true),
                MultipartField(name: "old", value: "x", enabled: false),
            ]),
            auth: .apiKey(name: "X-API-Key", value: ref("k-1234567890"), location: .header)))
        #expect(try loaded.request("raw-file") == RequestDefinition(
            name: "Raw file", method: .PUT, url: "{{baseUrl}}/blobs", body: .file(path: "/tmp/blob.bin", contentType: "application/octet-stream"),
            auth: .apiKey(name: "api_key", value: "{{apiKey}}", location: .query)))
        // A prefix other than Bearer is a header of its own.
        #expect(try loaded.request("me") == RequestDefinition(
            name: "Me", method: .POST, url: "{{baseUrl}}/graphql",
            headers: [KeyValue("Content-Type", "application/json"), KeyValue("Authorization", "Token \(ref("tok-abcdef123456"))")],
            body: .json("{\"query\":\"query { me { id } }\",\"variables\":{}}"), auth: .none))
        #expect(try loaded.request("xml") == RequestDefinition(
            name: "XML", method: .POST, url: "{{baseUrl}}/xml", headers: [KeyValue("Cookie", "session=\(ref("cookie-val-123456"))")],
            body: .text("<a>1</a>", contentType: "application/xml"), auth: .none))
        #expect(try loaded.request("digest").auth == .challenge(.digest, username: "ada", password: ref("digest-pw-1")))
        #expect(try loaded.request("ntlm").auth == .challenge(.ntlm, username: "CORP\\ada", password: ref("ntlm-pw-12")))
        #expect(try loaded.request("token").auth == .oauth2ClientCredentials(OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "shop", clientSecret: ref("cs-123456789"), scope: "read")))
        #expect(try loaded.request("auth-off").auth == .none)
        var noCookies = OptionOverrides()
        noCookies.cookies = false
        let report = try loaded.request("report")
        #expect(report.url == "{{baseUrl}}/report")
        #expect(report.params == [KeyValue("at", "{{$isoTimestamp}}"), KeyValue("id", "{{$uuid}}")])
        #expect(report.headers == [KeyValue("X-Token", "{% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %}")])
        #expect(report.options == noCookies)
        #expect(loaded.collection.environments.map(\.name) == ["Development", "Mine"])
        #expect(loaded.collection.variables == imported.variables)
        #expect(try loaded.text("users/create-user.yaml").contains("x-insomnia-pre-request: insomnia.environment.set('x', 1);"))
        #expect(try loaded.text("auth-off.yaml").contains("x-insomnia-auth:"))
        #expect(try loaded.text("users/folder.yaml").contains("auth:"))
    }

    @Test func templateTagsScriptsAndLeftOutsAreWarnedWithTheirPlace() throws {
        let warnings = try Self.convert(InsomniaFixtures.v4JSON).warnings.map(\.description)
        #expect(warnings.contains(
            "shop.json \"Report\": template tag {% response %} kept as text: sonde does not run it, it is sent as written until replaced (a captures: on the request it reads from does this in sonde)"))
        #expect(warnings.contains("shop.json \"Users\" > \"Create user\": pre-request script kept as text under x-insomnia-pre-request: sonde runs no scripts"))
        #expect(warnings.contains("shop.json \"Users\": folder environment kept as text under x-insomnia-environment: sonde has collection and environment variables only"))
        #expect(warnings.contains("shop.json: the cookie jar's 1 cookie not imported: sonde keeps cookies in its own jar, filled by responses"))
        #expect(warnings.contains("shop.json \"Stream\": gRPC requests are not imported: sonde sends HTTP requests"))
        #expect(warnings.contains { $0.hasPrefix("shop.json \"Auth off\": the basic auth is disabled in Insomnia") })
        #expect(warnings.count == 6, "\(warnings)")
    }

    @Test func v4YAMLReadsAsJSONDoes() throws {
        let imported = try Self.convert(InsomniaFixtures.v4YAML, file: "orders.yaml")
        #expect(imported.name == "Orders")
        #expect(imported.variables == [KeyValue("base_url", "https://orders.example.com"), KeyValue("token", "{{env:TOKEN}}")])
        #expect(imported.secretValues == ["TOKEN": "yaml-token-123456"])
        let loaded = try ImportedCollectionLoad(imported)
        #expect(try loaded.folderDefaults("orders") == RequestDefaults(headers: [KeyValue("X-Client", "sonde-tests")], auth: .bearer(token: "{{token}}")))
        var follow = OptionOverrides()
        follow.followRedirects = true
        #expect(try loaded.request("orders/list-orders") == RequestDefinition(
            name: "List orders", url: "{{base_url}}/orders",
            params: [KeyValue("status", "open"), KeyValue("page", "2", enabled: false)], headers: [KeyValue("Accept", "application/json")],
            options: follow))
        #expect(try loaded.request("orders/add-note") == RequestDefinition(
            name: "Add note", method: .PUT, url: "{{base_url}}/orders/1/note",
            body: .text("Leave at the door\nThanks", contentType: "text/plain"), auth: .none))
        #expect(imported.warnings.map(\.description) == [
            "orders.yaml \"Orders\" > \"Add note\": after-response script kept as text under x-insomnia-after-response: sonde runs no scripts",
        ])
    }

    @Test func v5YAMLCollectionChildrenAndSubEnvironments() throws {
        let imported = try Self.convert(InsomniaFixtures.v5YAML, file: "notes.yaml")
        #expect(imported.name == "Notes API")
        #expect(imported.variables == [KeyValue("host", "https://notes.example.com"), KeyValue("title", "Untitled")])
        #expect(imported.environments == [
            ImportedEnvironment(name: "Local", variables: [KeyValue("host", "http://127.0.0.1:8080")]),
            ImportedEnvironment(name: "Secret stuff", variables: [KeyValue("password", imported.reference(to: "local-pw-123456"))]),
        ])
        let loaded = try ImportedCollectionLoad(imported)
        #expect(try loaded.folderDefaults("notes") == RequestDefaults(
            headers: [KeyValue("X-Notes", "1")], auth: .apiKey(name: "X-Api-Key", value: imported.reference(to: "v5-api-key-7890"), location: .header)))
        #expect(try loaded.folderDefaults("notes/drafts") == RequestDefaults())
        var noRedirects = OptionOverrides()
        noRedirects.followRedirects = false
        #expect(try loaded.request("notes/drafts/list-drafts") == RequestDefinition(
            name: "List drafts", url: "{{host}}/notes/drafts",
            params: [KeyValue("limit", "10"), KeyValue("offset", "0", enabled: false)], headers: [KeyValue("Accept", "application/json")],
            options: noRedirects))
        #expect(try loaded.request("notes/create-note") == RequestDefinition(
            name: "Create note", method: .POST, url: "{{host}}/notes", headers: [KeyValue("Content-Type", "application/json")],
            body: .json(#"{"title": "{{title}}", "at": "{{$timestamp}}"}"#),
            auth: .basic(username: "ada", password: imported.reference(to: "v5-s3cr3t-pw"))))
        #expect(try loaded.request("health") == RequestDefinition(name: "Health", method: .HEAD, url: "{{host}}/health"))
        #expect(try loaded.text("notes/folder.yaml").contains("x-insomnia-environment"))
        let warnings = imported.warnings.map(\.description)
        #expect(warnings.contains("notes.yaml \"Notes\" > \"Create note\": pre-request script kept as text under x-insomnia-pre-request: sonde runs no scripts"))
        #expect(warnings.contains("notes.yaml: the cookie jar's 1 cookie not imported: sonde keeps cookies in its own jar, filled by responses"))
    }

    @Test func parentLoopsAndDeepNestingAreWarnedNotFollowed() throws {
        var resources = [#"{"_id": "wrk", "parentId": null, "name": "W", "_type": "workspace"}"#]
        resources.append(#"{"_id": "a", "parentId": "b", "name": "A", "_type": "request_group"}"#)
        resources.append(#"{"_id": "b", "parentId": "a", "name": "B", "url": "http://b", "_type": "request"}"#)
        for depth in 0..<150 {
            resources.append(#"{"_id": "g\#(depth)", "parentId": "\#(depth == 0 ? "wrk" : "g\(depth - 1)")", "name": "G", "_type": "request_group"}"#)
        }
        let imported = try Self.convert(#"{"_type": "export", "__export_format": 4, "resources": [\#(resources.joined(separator: ","))]}"#)
        #expect(imported.warnings.map(\.description) == [
            "shop.json: 51 resources not imported: not under the workspace (a loop of parentId, or nested over 100 folders deep)",
        ])
    }

    @Test func detectionOfEachShape() {
        #expect(ImportFormat.detect(Data(InsomniaFixtures.v4JSON.utf8), fileName: "x.json") == .insomnia)
        #expect(ImportFormat.detect(Data(InsomniaFixtures.v4YAML.utf8), fileName: "x.yaml") == .insomnia)
        #expect(ImportFormat.detect(Data(InsomniaFixtures.v5YAML.utf8), fileName: "") == .insomnia)
        #expect(ImportFormat.detect(Data(#"{"openapi": "3.1.0"}"#.utf8), fileName: "x.json") == .openapi)
    }

    @Test func brokenAndForeignFilesFailWithWhereAndWhy() throws {
        #expect(throws: InsomniaImportError.invalidJSON(file: "x.json", line: 2, column: 16, reason: "expected a value")) {
            try Self.convert("{\"_type\": \"export\",\n  \"resources\": ]}", file: "x.json")
        }
        #expect(throws: InsomniaImportError.exportFormat(file: "old.json", version: "3")) {
            try Self.convert(#"{"_type": "export", "__export_format": 3, "resources": []}"#, file: "old.json")
        }
        let foreign = try #require(throws: InsomniaImportError.self) { try Self.convert("a: [1, 2", file: "x.yaml") }
        #expect("\(foreign)".hasPrefix("x.yaml: invalid YAML: "))
        let notOne = try #require(throws: InsomniaImportError.self) { try Self.convert("name: x\n", file: "x.yaml") }
        #expect("\(notOne)" == "x.yaml: not an Insomnia export: it has no `resources` list (v4) and no `type: collection.insomnia.rest/5.0` (v5)")
    }
}
