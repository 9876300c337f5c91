import Foundation
import Testing
@testable import SondeCore

@Suite struct CollectionLoaderTests {
    @Test func loadsTheBundledDemoCollectionWithoutProblems() throws {
        let loaded = CollectionLoader.load(from: repositoryCollections.appendingPathComponent("demo"))
        #expect(loaded.problems == [])
        let collection = loaded.collection
        #expect(collection.name == "Demo API")
        #expect(collection.environments.map(\.name) == ["local", "staging"])
        let list = try #require(collection.request(id: "users/list"))
        #expect(list.definition.method == .GET)
        #expect(list.definition.url == "{{baseUrl}}/users")
        #expect(list.definition.params == [KeyValue("q", "", enabled: false), KeyValue("per_page", "20")])
        let create = try #require(collection.request(id: "users/create"))
        guard case .json(let json) = create.definition.body else { Issue.record("expected a JSON body"); return }
        #expect(JSONText.validate(Array(json.utf8)) == nil)
        #expect(json.contains("\"name\": \"Ada Lovelace\""))
        #expect(collection.folderChain(to: list).map(\.name) == ["Demo API", "Users"])
        let oauth = try #require(collection.request(id: "auth/oauth2"))
        guard case .oauth2ClientCredentials(let credentials) = oauth.definition.auth else { Issue.record("expected oauth2"); return }
        #expect(credentials.clientID == "demo-client")
        #expect(collection.root.allRequests.count >= 20)
    }

    @Test func aBrokenFileIsReportedWithLineAndColumnAndHidesNothingElse() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Shop\n")
        try folder.write("good.yaml", "method: GET\nurl: http://127.0.0.1/x\n")
        try folder.write("orders/bad.yaml", "method: GET\nurl: [unclosed\nheaders:\n  - name: A\n")
        try folder.write("orders/typo.yaml", "method: FETCH\nurl: http://127.0.0.1/y\ntimeout: 3\noptions:\n  timeout: soon\n")
        try folder.write("orders/nourl.yaml", "method: GET\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.collection.request(id: "good") != nil)
        #expect(loaded.collection.request(id: "orders/typo") != nil)
        #expect(loaded.collection.request(id: "orders/bad") == nil)
        let bad = try #require(loaded.problems.first { $0.file == "orders/bad.yaml" })
        #expect(bad.line == 3)
        #expect(bad.column != nil)
        #expect(bad.message.contains("invalid YAML"))
        let method = try #require(loaded.problems.first { $0.message.contains("FETCH") })
        #expect(method.file == "orders/typo.yaml")
        #expect(method.line == 1)
        let timeout = try #require(loaded.problems.first { $0.message.contains("timeout must be a number") })
        #expect(timeout.line == 5)
        #expect(timeout.column == 12)
        #expect(loaded.problems.contains { $0.file == "orders/nourl.yaml" && $0.message.contains("needs a url") })
        #expect(bad.description.hasPrefix("orders/bad.yaml:3:"))
    }

    @Test func loadingOneRequestReadsOnlyWhatItNeedsAndMatchesTheFullLoad() throws {
        let demo = repositoryCollections.appendingPathComponent("demo")
        let full = CollectionLoader.load(from: demo).collection
        let one = CollectionLoader.load(from: demo, onlyRequest: "users/list")
        #expect(one.problems == [])
        #expect(one.collection.root.allRequests.map(\.id) == ["users/list"])
        let request = try #require(one.collection.request(id: "users/list"))
        #expect(request == full.request(id: "users/list"))
        let chain = one.collection.folderChain(to: request)
        let fullChain = full.folderChain(to: request)
        #expect(chain.map(\.name) == fullChain.map(\.name))
        #expect(chain.map(\.defaults) == fullChain.map(\.defaults))
        #expect(one.collection.environments == full.environments)
        let context = SendContext(collection: one.collection, environment: one.collection.environment(named: "local"), secretSource: SecretSource(processEnvironment: [:]))
        let fullContext = SendContext(collection: full, environment: full.environment(named: "local"), secretSource: SecretSource(processEnvironment: [:]))
        var prepared = try RequestPreparer.prepare(request, in: context).request
        var expected = try RequestPreparer.prepare(request, in: fullContext).request
        prepared.headers.removeAll { $0.name == "X-Request-ID" }
        expected.headers.removeAll { $0.name == "X-Request-ID" }
        #expect(prepared.headers == expected.headers)
        #expect(prepared.url == expected.url)
    }

    @Test func loadingOneRequestIgnoresBrokenNeighboursAndFallsBackWhenTheFileIsElsewhere() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/ok.yaml", "url: http://127.0.0.1/\n")
        try folder.write("a/broken.yaml", "url: [\n")
        #expect(CollectionLoader.load(from: folder.url, onlyRequest: "a/ok").problems == [])
        let fallback = CollectionLoader.load(from: folder.url, onlyRequest: "a/missing")
        #expect(fallback.collection.request(id: "a/ok") != nil)
        #expect(fallback.problems.map(\.file) == ["a/broken.yaml"])
        #expect(CollectionLoader.load(from: folder.url, onlyRequest: "../etc/passwd").collection.request(id: "../etc/passwd") == nil)
    }

    @Test func acceptsMappingShorthandForHeadersAndParams() throws {
        let folder = try TemporaryFolder()
        try folder.write("r.yaml", "url: http://127.0.0.1/\nheaders:\n  Accept: text/plain\n  X-N: 5\nparams:\n  page: 2\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let request = try #require(loaded.collection.request(id: "r"))
        #expect(request.definition.headers == [KeyValue("Accept", "text/plain"), KeyValue("X-N", "5")])
        #expect(request.definition.params == [KeyValue("page", "2")])
        #expect(request.definition.name == "r")
    }

    @Test func notUTF8IsAProblemNotACrash() throws {
        let folder = try TemporaryFolder()
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: folder.url.appendingPathComponent("binary.yaml"))
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.map(\.file) == ["binary.yaml"])
    }
}
