import Foundation
import Testing
@testable import SondeCore

/// A Bruno collection folder (`BrunoFixtures`) read from disk, converted, written as sonde files
/// and loaded back; `.bru` syntax errors at their line.
@Suite struct BrunoImportTests {
    static func convertFixture(dropping: Set<String> = []) throws -> (ImportedCollection, TemporaryFolder) {
        let folder = try TemporaryFolder()
        for (path, text) in BrunoFixtures.files where !dropping.contains(path) { try folder.write("petstore/" + path, text) }
        let files = try BrunoFolderReader.files(in: folder.url.appendingPathComponent("petstore"))
        return (try BrunoImporter.convert(files: files, sourceName: "petstore"), folder)
    }

    @Test func collectionFoldersEnvironmentsAndSecrets() throws {
        let (imported, _) = try Self.convertFixture()
        #expect(imported.name == "Pet Store")
        #expect(imported.description == "The pet store, for tests.")
        #expect(imported.defaults == RequestDefaults(headers: [KeyValue("X-Client", "sonde-tests")], auth: .bearer(token: "{{token}}")))
        #expect(imported.variables == [KeyValue("apiVersion", "v3"), KeyValue("legacy", "yes", enabled: false)])
        #expect(imported.kept == [KeyValue("x-bruno-script-pre-request", "bru.setVar(\"started\", Date.now());")])
        #expect(imported.root.requests.map(\.definition.name) == ["Login", "Note", "Feed", "Search", "From the environment"])
        #expect(imported.root.folders.map(\.name) == ["Pets"])
        #expect(imported.root.folders[0].requests.map(\.definition.name) == ["List pets", "Create pet"])
        #expect(imported.root.folders[0].folders.map(\.name) == ["Photos"])

        // vars:secret names become references with no value: Bruno keeps the values elsewhere.
        // `token` is secret in both environments, each with its own value to set.
        let local = try #require(imported.environments.first { $0.name == "local" })
        let prod = try #require(imported.environments.first { $0.name == "prod" })
        #expect(local.variables.prefix(4) == [
            KeyValue("baseUrl", "http://localhost:8080"), KeyValue("user", "ada"), KeyValue("old", "1", enabled: false),
            KeyValue("token", "{{env:LOCAL_TOKEN}}"),
        ])
        let password = try #require(local.variables.last)
        #expect(password.name == "password" && password.value.hasPrefix("{{env:PASSWORD"))
        #expect(prod.variables == [
            KeyValue("baseUrl", "https://pets.example.com"), KeyValue("apiKey", imported.reference(to: "prod-key-1234567")),
            KeyValue("token", "{{env:PROD_TOKEN}}"),
        ])
        for name in ["LOCAL_TOKEN", "PROD_TOKEN", "USER_ID", "ADA_PASSWORD"] {
            #expect(imported.secretNames.contains(name) && imported.secretValues[name] == nil, "\(name)")
        }
        for value in ["folder-s3cr3t-pw", "upload-key-98765", "login-s3cr3t-pw", "abc-s3cr3t-123", "digest-s3cr3t-1", "client-s3cr3t-9", "ntlm-s3cr3t-12"] {
            #expect(imported.secretValues.values.contains(value), "\(value) is a secret")
        }
    }

    @Test func requestsLoadBackAsExpected() throws {
        let (imported, _) = try Self.convertFixture()
        let loaded = try ImportedCollectionLoad(imported)
        func ref(_ value: String) -> String { imported.reference(to: value) }

        #expect(loaded.collection.defaults == imported.defaults)
        #expect(try loaded.folderDefaults("pets") == RequestDefaults(
            headers: [KeyValue("Accept", "application/json")], auth: .basic(username: "{{user}}", password: ref("folder-s3cr3t-pw"))))
        #expect(try loaded.request("pets/list-pets") == RequestDefinition(
            name: "List pets", url: "{{baseUrl}}/pets", params: [KeyValue("limit", "10"), KeyValue("tag", "cute", enabled: false)],
            headers: [KeyValue("X-Debug", "1", enabled: false)]))
        #expect(try loaded.request("pets/create-pet") == RequestDefinition(
            name: "Create pet", method: .POST, url: "{{baseUrl}}/pets",
            body: .json("{\n  \"id\": \"{{$guid}}\",\n  \"name\": \"Rex\",\n  \"tags\": [\"good\"]\n}")))
        #expect(try loaded.request("pets/photos/upload-photo") == RequestDefinition(
            name: "Upload photo", method: .POST, url: "{{baseUrl}}/pets/42/photos",
            body: .multipart([
                MultipartField(name: "caption", value: "A good dog"), MultipartField(name: "photo", value: "photos/rex.png", isFile: true),
                MultipartField(name: "thumb", value: "photos/small.png", isFile: true, contentType: "image/png", enabled: false),
            ]),
            auth: .apiKey(name: "X-Api-Key", value: ref("upload-key-98765"), location: .header)))
        #expect(try loaded.request("login") == RequestDefinition(
            name: "Login", method: .POST, url: "{{baseUrl}}/login",
            body: .form([KeyValue("user", "{{user}}"), KeyValue("password", ref("login-s3cr3t-pw")), KeyValue("remember", "1", enabled: false)]),
            auth: .none))
        #expect(try loaded.request("note") == RequestDefinition(
            name: "Note", method: .PUT, url: "{{baseUrl}}/notes/1", headers: [KeyValue("Authorization", "Token \(ref("abc-s3cr3t-123"))")],
            body: .text("Line one\nLine two", contentType: "text/plain"),
            auth: .challenge(.digest, username: "ada", password: ref("digest-s3cr3t-1")), description: "Writes a note."))
        #expect(try loaded.request("feed") == RequestDefinition(
            name: "Feed", url: "{{baseUrl}}/feed.xml", body: .text("<feed/>", contentType: "application/xml"),
            auth: .oauth2ClientCredentials(OAuth2ClientCredentials(
                tokenURL: "https://auth.example.com/token", clientID: "pets", clientSecret: ref("client-s3cr3t-9"), scope: "read"))))
        let search = try loaded.request("search")
        #expect(search.auth == .challenge(.ntlm, username: "CORP\\ada", password: ref("ntlm-s3cr3t-12")))
        #expect(search.headers == [KeyValue("X-Description", "first line\nsecond line")])
        guard case .json(let graphQL) = search.body else { Issue.record("not JSON: \(search.body)"); return }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(graphQL.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "query Pets($tag: String) {\n  pets(tag: $tag) { id }\n}")
        #expect((object["variables"] as? [String: Any])?["tag"] as? String == "cute")
        #expect(try loaded.request("from-the-environment") == RequestDefinition(
            name: "From the environment", url: "{{baseUrl}}/home", params: [KeyValue("u", "{{env:USER_ID}}")],
            auth: .basic(username: "ada", password: "{{env:ADA_PASSWORD}}")))
        #expect(loaded.collection.environments.map(\.name).sorted() == ["local", "prod"])
        #expect(try loaded.text("pets/list-pets.yaml").contains("x-bruno-tests: |"))
        #expect(try loaded.text("pets/create-pet.yaml").contains("x-bruno-script-post-response: bru.setVar(\"petId\", res.body.id);"))
    }

    @Test func scriptsTestsAndRequestVariablesAreWarnedAtTheirLine() throws {
        let (imported, _) = try Self.convertFixture()
        let warnings = imported.warnings.map(\.description)
        #expect(warnings.contains("petstore/pets/List pets.bru:22: tests kept as text under x-bruno-tests: sonde runs no scripts"))
        #expect(warnings.contains("petstore/pets/Create pet.bru:21: vars:pre-request kept as text under x-bruno-vars-pre-request: sonde has no request or folder variables"))
        #expect(warnings.contains("petstore/pets/Create pet.bru:25: script:post-response kept as text under x-bruno-script-post-response: sonde runs no scripts"))
        #expect(warnings.contains("petstore/collection.bru:18: script:pre-request kept as text under x-bruno-script-pre-request: sonde runs no scripts"))
        #expect(warnings.count == 4, "\(warnings)")
    }

    @Test func aFileThatDoesNotParseStopsTheImportAtItsLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/bruno.json", #"{"version": "1", "name": "C"}"#)
        try folder.write("c/a.bru", "meta {\n  name: A\n}\n\nget {\n  url: http://x\n}\n")
        try folder.write("c/b.bru", "meta {\n  name: B\n}\n\nthis is not even a bru file {\n")
        let files = try BrunoFolderReader.files(in: folder.url.appendingPathComponent("c"))
        #expect(throws: BrunoImportError.syntax(BruParseError(
            file: "c/b.bru", line: 5, message: "expected a block such as `meta {` or `vars:secret [`, found `this is not even a bru file {`"))) {
            try BrunoImporter.convert(files: files, sourceName: "c")
        }
    }

    @Test func malformedBlocksAreReportedAtTheirLine() {
        let cases: [(String, String)] = [
            ("meta {\n  name: x\n", "x.bru:1: the block meta opened here is never closed: a line `}` at the start ends it"),
            ("meta {\n  name: x\n}\n\nheaders {\n  Accept\n}", "x.bru:6: expected `name: value`, found `Accept`"),
            ("get {\n  url: '''\n    a\n}\n", "x.bru:2: the ''' opened here for url is never closed: a line ''' ends it"),
            ("hello", "x.bru:1: expected a block such as `meta {` or `vars:secret [`, found `hello`"),
            ("vars:secret [\n  a\n", "x.bru:1: the block vars:secret opened here is never closed: a line `]` at the start ends it"),
            ("headers {\n  : v\n}", "x.bru:2: a row with no name before its `:`"),
        ]
        for (text, message) in cases {
            #expect(throws: BruParseError.self) { try BruParser.parse(text, file: "x.bru") }
            do {
                _ = try BruParser.parse(text, file: "x.bru")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test func blockGrammarTextListsAndMultiLineValues() throws {
        let file = try BruParser.parse("""
            meta {
              name: Mixed
            }
            body:json {
              {
                "a": "}"
              }
            }
            vars:secret [
              one, ~two
              three
            ]
            vars {
              note: '''
                x
                  y
              '''
              ~off: 1
            }
            headers {}
            """, file: "m.bru")
        #expect(file.blocks.map(\.name) == ["meta", "body:json", "vars:secret", "vars", "headers"])
        #expect(file.block("body:json")?.content == .text("{\n  \"a\": \"}\"\n}"))
        #expect(file.block("vars:secret")?.pairs.map { "\($0.enabled ? "" : "~")\($0.key)" } == ["one", "~two", "three"])
        #expect(file.block("vars")?.pairs == [
            BruPair(key: "note", value: "x\n  y", line: 14), BruPair(key: "off", value: "1", enabled: false, line: 18),
        ])
        #expect(file.block("headers")?.pairs == [])
        #expect(file.block("vars:secret")?.line == 9)
    }

    /// A `.bru` that is a link to a file outside is not read: its target's first line reached
    /// the parse error (`found 'root:x:0:0:...'`).
    @Test func aLinkedBruFileIsNotRead() throws {
        let folder = try TemporaryFolder()
        for (path, text) in BrunoFixtures.files { _ = try folder.write("petstore/" + path, text) }
        let outside = try folder.write("private.txt", "root:x:0:0:secret-line\n")
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("petstore/pets/evil.bru").path, withDestinationPath: outside.path)
        let files = try BrunoFolderReader.files(in: folder.url.appendingPathComponent("petstore"))
        #expect(files["pets/evil.bru"] == nil)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("secret-line") })
        #expect(files["pets/List pets.bru"] != nil)
    }

    @Test func detectionOfAFolderAndAFile() {
        #expect(ImportFormat.detect(folderEntries: ["bruno.json", "a.bru", "environments"]) == .bruno)
        #expect(ImportFormat.detect(folderEntries: ["get-user.bru"]) == .bruno)
        #expect(ImportFormat.detect(folderEntries: ["readme.md", "x.json"]) == nil)
        #expect(ImportFormat.detect(Data(BrunoFixtures.files["pets/List pets.bru"]!.utf8), fileName: "") == .bruno)
        #expect(ImportFormat.detect(Data("x".utf8), fileName: "List pets.bru") == .bruno)
    }

    @Test func aSingleRequestFileImportsAlone() throws {
        let imported = try Importer.convert(Data(BrunoFixtures.files["Login.bru"]!.utf8), format: .bruno, sourceName: "Login.bru")
        #expect(imported.name == "Login")
        #expect(imported.root.requests.map(\.definition.url) == ["{{baseUrl}}/login"])
        let inAFolder = try Importer.convert(Data(BrunoFixtures.files["pets/List pets.bru"]!.utf8), format: .bruno, sourceName: "/tmp/pets/List pets.bru")
        #expect(inAFolder.root.folders.isEmpty)
        #expect(inAFolder.root.requests.map(\.definition.name) == ["List pets"])
        #expect(inAFolder.warnings.map(\.place) == ["/tmp/pets/List pets.bru:22"])
    }
}
