import Foundation
import PropertyBased
import SondeTestSupport
import Testing
import Yams
@testable import SondeCore

/// Every request a Postman import makes, written with `RequestFileWriter` into a collection
/// folder, loads back as the same request with no error, and no secret value is in any file.
@Suite struct PostmanRoundTripPropertyTests {
    /// Writes `imported` as a collection folder: `collection.yaml` and `folder.yaml` with their
    /// auth, one file per request named by its place. Returns the written texts and, by
    /// request id, the definitions written.
    static func write(_ imported: ImportedCollection, to folder: TemporaryFolder) throws -> (texts: [String], definitions: [String: RequestDefinition]) {
        var texts: [String] = []
        var definitions: [String: RequestDefinition] = [:]
        func defaultsFile(_ path: String, name: String, auth: AuthConfig) throws {
            var pairs: [(Node, Node)] = [(Node("name"), YAMLSplice.styled(Node(name)))]
            if let auth = RequestFileWriter.encode(auth) { pairs.append((Node("auth"), YAMLSplice.styled(auth))) }
            let text = try YAMLSplice.serialize(Node(pairs))
            texts.append(text)
            try folder.write(path, text)
        }
        func write(_ imported: ImportedFolder, path: String) throws {
            for (index, request) in imported.requests.enumerated() {
                let id = path + "r\(index)"
                let text = try RequestFileWriter.yaml(for: request.definition, original: nil)
                texts.append(text)
                definitions[id] = request.definition
                try folder.write(id + ".yaml", text)
            }
            for (index, child) in imported.folders.enumerated() {
                let childPath = path + "f\(index)/"
                try defaultsFile(childPath + CollectionLoader.folderFileName, name: child.name, auth: child.defaults.auth)
                try write(child, path: childPath)
            }
        }
        try defaultsFile(CollectionLoader.collectionFileName, name: imported.name, auth: imported.defaults.auth)
        try write(imported.root, path: "")
        return (texts, definitions)
    }

    /// Writes, loads back and checks one import.
    static func checkRoundTrip(_ imported: ImportedCollection, source: String) throws {
        let folder = try TemporaryFolder()
        let (texts, definitions) = try write(imported, to: folder)
        let loaded = CollectionLoader.load(from: folder.url)
        let errors = loaded.problems.filter { !$0.isWarning }
        #expect(errors.isEmpty, "\(errors)\n\(texts.joined(separator: "\n---\n"))\n\(source)")
        let requests = loaded.collection.root.allRequests
        #expect(requests.count == definitions.count)
        for request in requests {
            #expect(request.definition == definitions[request.id], "\(request.id)\n\(request.sourceText ?? "")\n\(source)")
        }
        #expect(loaded.collection.root.defaults.auth == imported.defaults.auth)
        let kept = Self.allKept(imported.root) + imported.kept
        for (name, secret) in imported.secretValues {
            for text in texts + kept.map(\.value) + imported.warnings.map(\.description) {
                #expect(!text.contains(secret), "secret \(name) written: \(text)")
            }
        }
    }

    static func allKept(_ folder: ImportedFolder) -> [KeyValue] {
        folder.kept + folder.requests.flatMap(\.kept) + folder.folders.flatMap(allKept)
    }

    @Test func fixturesRoundTripWithoutSecrets() throws {
        for fixture in [PostmanFixtures.collection21, PostmanFixtures.collection20] {
            let imported = try PostmanImporter.convertCollection(Data(fixture.utf8), sourceName: "c.json")
            try Self.checkRoundTrip(imported, source: fixture)
            let everything = try Self.write(imported, to: TemporaryFolder()).texts + Self.allKept(imported.root).map(\.value)
            #expect(!everything.contains { $0.contains("s3cr3t") })
        }
    }

    /// A Postman collection of one folder of requests built from `seed`: every URL form, body
    /// mode and auth type, with values YAML must quote (`a: b`, `#`, `null`, leading spaces,
    /// line breaks), disabled rows and secrets.
    static func collection(seed: Int) -> (json: String, secrets: [String]) {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(count))
        }
        let words = [
            "plain", "two words", "a: b", "x #y", "it's", "\"quoted\"", "null", "true", "- dash", " lead", "trail ", "line\nbreak",
            "café", "{{var}}", "{{$guid}}", "", "50", "[x]", "{a}", "%41", "~", "{{$randomColor}}", "yes",
        ]
        var secrets: [String] = []
        func word() -> String { words[pick(words.count)] }
        func secret() -> String {
            let value = "s3cr3t-\(seed)-\(secrets.count)" + ["", " x", ": y", "'"][pick(4)]
            secrets.append(value)
            return value
        }
        func quote(_ text: String) -> String { JSONText.quote(text) }
        func rows(_ count: Int, secretName: String? = nil) -> String {
            "[" + (0..<count).map { index in
                let name = index == 0 && secretName != nil ? secretName! : "k\(index)" + (pick(3) == 0 ? " \(word())" : "")
                let value = index == 0 && secretName != nil ? secret() : word()
                return "{\"key\": \(quote(name)), \"value\": \(quote(value))\(pick(3) == 0 ? ", \"disabled\": true" : "")}"
            }.joined(separator: ", ") + "]"
        }
        func url() -> String {
            switch pick(4) {
            case 0: return quote("https://api.example.com/items/\(pick(100))?q=\(pick(9))&flag")
            case 1:
                return "{\"raw\": \"{{baseUrl}}/items/:id?x=1\", \"query\": \(rows(pick(3), secretName: pick(3) == 0 ? "access_token" : nil)), "
                    + "\"variable\": [{\"key\": \"id\", \"value\": \(quote(["7", "", "{{itemId}}"][pick(3)]))}]}"
            case 2:
                return "{\"protocol\": \"http\", \"host\": [\"127\", \"0\", \"0\", \"1\"], \"port\": \"8787\", \"path\": [\"v1\", \":name\"], "
                    + "\"query\": \(rows(pick(3))), \"variable\": [{\"id\": \"name\", \"value\": \"n\"}]}"
            default: return "{\"raw\": \"\"}"
            }
        }
        func body() -> String {
            switch pick(8) {
            case 0: return "{\"mode\": \"raw\", \"raw\": \(quote("{\"a\": \(quote(word()))}")), \"options\": {\"raw\": {\"language\": \"json\"}}}"
            case 1: return "{\"mode\": \"raw\", \"raw\": \(quote(word() + "\n" + word()))}"
            case 2: return "{\"mode\": \"urlencoded\", \"urlencoded\": \(rows(1 + pick(3), secretName: pick(2) == 0 ? "password" : nil))}"
            case 3:
                return "{\"mode\": \"formdata\", \"formdata\": [{\"key\": \(quote(word())), \"value\": \(quote(word())), \"type\": \"text\"}, "
                    + "{\"key\": \"f\", \"type\": \"file\", \"src\": \(quote(["", "a b.png", "/tmp/x: y.bin"][pick(3)])), \"disabled\": \(pick(2) == 0)}]}"
            case 4: return "{\"mode\": \"file\", \"file\": {\"src\": \(quote(["", "data/in.bin"][pick(2)]))}}"
            case 5: return "{\"mode\": \"graphql\", \"graphql\": {\"query\": \(quote("{ item(x: \(quote(word()))) { id } }")), \"variables\": \(quote(["", "{\"a\": 1}", "{\"v\": {{v}}}"][pick(3)]))}}"
            case 6: return "{\"mode\": \"raw\", \"raw\": \"\", \"disabled\": true}"
            default: return "null"
            }
        }
        func auth() -> String {
            switch pick(10) {
            case 0: return "{\"type\": \"noauth\"}"
            case 1: return "{\"type\": \"basic\", \"basic\": [{\"key\": \"username\", \"value\": \(quote(word()))}, {\"key\": \"password\", \"value\": \(quote(secret()))}]}"
            case 2: return "{\"type\": \"bearer\", \"bearer\": {\"token\": \(quote(pick(2) == 0 ? secret() : "{{token}}"))}}"
            case 3: return "{\"type\": \"apikey\", \"apikey\": [{\"key\": \"key\", \"value\": \(quote("X-\(pick(9))"))}, {\"key\": \"value\", \"value\": \(quote(secret()))}, {\"key\": \"in\", \"value\": \(quote(["query", "header"][pick(2)]))}]}"
            case 4: return "{\"type\": \"ntlm\", \"ntlm\": [{\"key\": \"username\", \"value\": \"u\"}, {\"key\": \"domain\", \"value\": \"D\"}, {\"key\": \"password\", \"value\": \(quote(secret()))}]}"
            case 5: return "{\"type\": \"oauth2\", \"oauth2\": [{\"key\": \"grant_type\", \"value\": \"client_credentials\"}, {\"key\": \"accessTokenUrl\", \"value\": \"http://127.0.0.1/t\"}, {\"key\": \"clientId\", \"value\": \(quote(word()))}, {\"key\": \"clientSecret\", \"value\": \(quote(secret()))}]}"
            case 6: return "{\"type\": \"oauth2\", \"oauth2\": [{\"key\": \"grant_type\", \"value\": \"authorization_code\"}, {\"key\": \"accessToken\", \"value\": \(quote(secret()))}, {\"key\": \"clientSecret\", \"value\": \(quote(secret()))}]}"
            case 7: return "{\"type\": \"hawk\", \"hawk\": [{\"key\": \"authKey\", \"value\": \(quote(secret()))}, {\"key\": \"authId\", \"value\": \"id\"}]}"
            default: return "null"
            }
        }
        var items: [String] = []
        for index in 0..<(1 + pick(4)) {
            let method = ["GET", "post", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "LINK"][pick(8)]
            let headers = pick(3) == 0 ? "[{\"key\": \"Authorization\", \"value\": \(quote("Basic " + secret()))}]" : rows(pick(3))
            let event = pick(3) == 0 ? ", \"event\": [{\"listen\": \"test\", \"script\": {\"exec\": [\(quote(word()))]}}]" : ""
            items.append("""
            {"name": \(quote("R\(index) \(word())")), "request": {"method": "\(method)", "url": \(url()), "header": \(headers), \
            "body": \(body()), "auth": \(auth()), "description": \(quote(word()))}\(event)}
            """)
        }
        let json = """
        {"info": {"name": \(quote("C \(seed)")), "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "auth": \(auth()), "variable": [{"key": "token", "value": \(quote(secret()))}],
         "item": [{"name": "F", "auth": \(auth()), "item": [\(items.joined(separator: ", "))]}]}
        """
        return (json, secrets)
    }

    @Test func generatedCollectionsRoundTripWithoutSecrets() async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...1_000_000)) { seed in
            await recordingThrows {
                let (json, secrets) = Self.collection(seed: seed)
                let imported = try PostmanImporter.convertCollection(Data(json.utf8), sourceName: "gen.json")
                try Self.checkRoundTrip(imported, source: json)
                // Every secret was found, so checkRoundTrip looked for each in what was written.
                #expect(Set(imported.secretValues.values) == Set(secrets), "\(json)")
            }
        }
    }
}
