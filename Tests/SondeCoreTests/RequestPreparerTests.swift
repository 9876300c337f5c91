import Foundation
import Testing
@testable import SondeCore

@Suite struct RequestPreparerTests {
    /// A collection with defaults at every level, to check what wins.
    private func layeredCollection() throws -> (TemporaryFolder, RequestCollection) {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", """
            name: Layers
            variables:
              - {name: host, value: collection.example}
              - {name: who, value: collection}
            headers:
              - {name: Accept, value: application/json}
              - {name: X-Level, value: collection}
            auth: {type: bearer, token: collection-token}
            options: {timeout: 12, user_agent: true}
            """)
        try folder.write("environments/local.yaml", """
            variables:
              - {name: host, value: 127.0.0.1:9}
              - {name: secret, value: "{{env:CANARY_SECRET}}"}
            headers:
              - {name: X-Env, value: local}
            auth: {type: basic, username: env, password: env}
            options: {timeout: 99, connect_timeout: 2}
            """)
        try folder.write("shop/folder.yaml", """
            headers:
              - {name: X-Level, value: folder}
            auth: {type: api_key, name: X-API-Key, value: "{{secret}}", in: header}
            """)
        try folder.write("shop/inherit.yaml", "url: http://{{host}}/items\n")
        try folder.write("shop/own.yaml", """
            method: POST
            url: "{{host}}/items"
            headers:
              - {name: X-Level, value: request}
              - {name: X-Multi, value: one}
              - {name: X-Multi, value: two}
              - {name: X-Off, value: x, enabled: false}
            auth: {type: basic, username: ada, password: "{{secret}}"}
            options: {follow_redirects: false, request_id: false}
            body:
              type: form
              fields:
                - {name: q, value: "hello world"}
                - {name: city, value: Zürich}
            """)
        try folder.write("top.yaml", """
            url: http://{{host}}/search
            params:
              - {name: q, value: "a b&c"}
              - {name: tag, value: x}
              - {name: tag, value: "{{who}}"}
              - {name: off, value: "1", enabled: false}
            auth: {type: api_key, name: key, value: "{{secret}}", in: query}
            options: {user_agent: false}
            """)
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        return (folder, loaded.collection)
    }

    private func context(_ collection: RequestCollection, env: String? = "local", secret: String? = "canary-4b1d-secret") -> SendContext {
        SendContext(
            collection: collection, environment: env.flatMap(collection.environment(named:)),
            secretSource: SecretSource(processEnvironment: secret.map { ["CANARY_SECRET": $0] } ?? [:]))
    }

    @Test func inheritsHeadersAuthAndOptionsFromTheNearestLevel() throws {
        let (_, collection) = try layeredCollection()
        let saved = try #require(collection.request(id: "shop/inherit"))
        let preparation = try RequestPreparer.prepare(saved, in: context(collection))
        let request = preparation.request
        #expect(request.url == "http://127.0.0.1:9/items")
        #expect(request.headers.first(named: "X-Level") == "folder")
        #expect(request.headers.first(named: "X-Env") == "local")
        #expect(request.headers.first(named: "Accept") == "application/json")
        #expect(request.headers.first(named: "X-API-Key") == "canary-4b1d-secret")
        #expect(request.headers.first { $0.name == "X-API-Key" }?.isSecret == true)
        #expect(request.headers.first(named: "Authorization") == nil)
        #expect(preparation.auth.source == .folder("shop"))
        #expect(request.options.totalTimeout == 12)
        #expect(request.options.connectTimeout == 2)
        #expect(request.headers.first(named: "User-Agent") == "sonde/\(SondeVersion.current)")
        let requestID = try #require(request.headers.first(named: "X-Request-ID"))
        #expect(UUID(uuidString: requestID) != nil)
        #expect(request.secrets.values == ["canary-4b1d-secret"])
    }

    @Test func theRequestsOwnSettingsWin() throws {
        let (_, collection) = try layeredCollection()
        let saved = try #require(collection.request(id: "shop/own"))
        let preparation = try RequestPreparer.prepare(saved, in: context(collection))
        let request = preparation.request
        #expect(request.url == "http://127.0.0.1:9/items")
        #expect(request.headers.filter { $0.name == "X-Level" }.map(\.value) == ["request"])
        #expect(request.headers.filter { $0.name == "X-Multi" }.map(\.value) == ["one", "two"])
        #expect(!request.headers.contains(named: "X-Off"))
        #expect(!request.headers.contains(named: "X-Request-ID"))
        let basic = "Basic " + Data("ada:canary-4b1d-secret".utf8).base64EncodedString()
        #expect(request.headers.first(named: "Authorization") == basic)
        #expect(request.secrets.values.contains(basic))
        #expect(preparation.auth.source == .request)
        #expect(request.options.followRedirects == false)
        #expect(request.headers.first(named: "Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.body == .bytes(Data("q=hello+world&city=Z%C3%BCrich".utf8)))
    }

    @Test func encodesParamsWithRepeatsAndPutsAPIKeysInTheQuery() throws {
        let (_, collection) = try layeredCollection()
        let saved = try #require(collection.request(id: "top"))
        let request = try RequestPreparer.prepare(saved, in: context(collection)).request
        #expect(request.url == "http://127.0.0.1:9/search?q=a%20b%26c&tag=x&tag=collection&key=canary-4b1d-secret")
        #expect(!request.headers.contains(named: "User-Agent"))
        #expect(request.secrets.redact(request.url).contains(SecretSet.mask))
        #expect(!request.secrets.redact(request.url).contains("canary"))
    }

    @Test func withoutAnEnvironmentTheCollectionAuthApplies() throws {
        let (_, collection) = try layeredCollection()
        let saved = try #require(collection.request(id: "top"))
        var topless = collection
        topless.root.requests = topless.root.requests.map { request in
            var copy = request
            copy.definition.auth = .inherit
            return copy
        }
        let inherited = try #require(topless.request(id: "top"))
        _ = saved
        let preparation = try RequestPreparer.prepare(inherited, in: context(topless, env: nil))
        #expect(preparation.auth.source == .collection)
        #expect(preparation.request.headers.first(named: "Authorization") == "Bearer collection-token")
        #expect(preparation.request.url == "http://collection.example/search?q=a%20b%26c&tag=x&tag=collection")
    }

    @Test func anUnsetSecretStopsTheSendAndNamesTheVariableAndThePlace() throws {
        let (_, collection) = try layeredCollection()
        let saved = try #require(collection.request(id: "shop/inherit"))
        do {
            _ = try RequestPreparer.prepare(saved, in: context(collection, secret: nil))
            Issue.record("expected an error")
        } catch {
            guard case .unresolved(let resolution) = error else { Issue.record("wrong error \(error)"); return }
            #expect(resolution.problems == [ResolutionProblem(kind: .unsetSecret("CANARY_SECRET"), usedIn: "api key value")])
        }
    }

    @Test func invalidJSONBodyAndBadURLsAreClearErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("json.yaml", "method: POST\nurl: http://127.0.0.1/\nbody:\n  type: json\n  content: '{\"a\": }'\n")
        try folder.write("ftp.yaml", "url: ftp://127.0.0.1/\n")
        try folder.write("space.yaml", "url: http://127.0.0.1/a b\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let ctx = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        #expect(throws: RequestError.self) { try RequestPreparer.prepare(collection.request(id: "json")!, in: ctx) }
        do {
            _ = try RequestPreparer.prepare(collection.request(id: "ftp")!, in: ctx)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("not ftp"))
        }
        #expect(throws: RequestError.self) { try RequestPreparer.prepare(collection.request(id: "space")!, in: ctx) }
    }

    @Test func refusesHeadersThatWouldSplitTheRequest() throws {
        let folder = try TemporaryFolder()
        try folder.write("inject.yaml", "url: http://127.0.0.1/\nheaders:\n  - {name: X-A, value: \"{{v}}\"}\n")
        try folder.write("colon.yaml", "url: http://127.0.0.1/\nheaders:\n  - {name: \"X:B\", value: v}\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let ctx = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]), overrides: ["v": "ok\r\nX-Injected: 1"])
        #expect(throws: RequestError.invalidHeader(name: "X-A", reason: "the value contains a line break; headers are one line each")) {
            try RequestPreparer.prepare(collection.request(id: "inject")!, in: ctx)
        }
        #expect(throws: RequestError.self) { try RequestPreparer.prepare(collection.request(id: "colon")!, in: ctx) }
    }

    @Test func completesURLsLikeCurl() throws {
        #expect(try RequestPreparer.completeURL("127.0.0.1:80/x", query: [], secrets: SecretSet()) == "http://127.0.0.1:80/x")
        #expect(try RequestPreparer.completeURL("http://h/x?a=1#frag", query: [("b", "2")], secrets: SecretSet()) == "http://h/x?a=1&b=2#frag")
        #expect(try RequestPreparer.completeURL("http://h/x?", query: [("b", "2")], secrets: SecretSet()) == "http://h/x?b=2")
    }
}
