import Foundation
import Testing
@testable import SondeCore

/// `PreparationCache`: a repeat of a flow reuses a request's preparation only while everything
/// it was made from is the same.
@Suite struct PreparationCacheTests {
    private func collection(_ files: [String: String]) throws -> (TemporaryFolder, RequestCollection) {
        let folder = try TemporaryFolder()
        for (name, text) in files { try folder.write(name, text) }
        return (folder, CollectionLoader.load(from: folder.url).collection)
    }

    private func context(_ collection: RequestCollection, captured: [CapturedValue] = [], overrides: [String: String] = [:]) -> SendContext {
        SendContext(
            collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: ["TOKEN": "s3cr3t-token"]),
            overrides: overrides, captured: captured)
    }

    private func requestID(_ preparation: Preparation) -> String? {
        preparation.request.headers.first(named: RequestIDMode.headerName)
    }

    @Test func aRequestOfOnlyVariablesIsReusedWithANewRequestIDEachTime() throws {
        let (_, collection) = try collection(["get.yaml": "url: \"http://127.0.0.1/{{path}}\"\n"])
        let saved = try #require(collection.request(id: "get"))
        let cache = PreparationCache()
        let ctx = context(collection, overrides: ["path": "users"])
        let first = try cache.preparation(of: saved, at: 0, in: ctx)
        let second = try cache.preparation(of: saved, at: 0, in: ctx)
        #expect(first.isRepeatable)
        #expect(second.request.url == "http://127.0.0.1/users")
        #expect(requestID(first) != nil)
        #expect(requestID(first) != requestID(second))
        // Another value of the variable prepares it again.
        let other = try cache.preparation(of: saved, at: 0, in: context(collection, overrides: ["path": "posts"]))
        #expect(other.request.url == "http://127.0.0.1/posts")
    }

    @Test func aNewCaptureOfAVariableItUsesPreparesItAgain() throws {
        let (_, collection) = try collection(["get.yaml": "url: \"http://127.0.0.1/users/{{id}}\"\n"])
        let saved = try #require(collection.request(id: "get"))
        let cache = PreparationCache()
        let one = try cache.preparation(of: saved, at: 0, in: context(collection, captured: [CapturedValue(name: "id", value: "1")]))
        let two = try cache.preparation(of: saved, at: 0, in: context(collection, captured: [CapturedValue(name: "id", value: "2")]))
        // A capture it does not use changes nothing; the same capture again reuses.
        let again = try cache.preparation(of: saved, at: 0, in: context(collection, captured: [
            CapturedValue(name: "id", value: "2"), CapturedValue(name: "other", value: "x"),
        ]))
        #expect(one.request.url == "http://127.0.0.1/users/1")
        #expect(two.request.url == "http://127.0.0.1/users/2")
        #expect(again.request.url == "http://127.0.0.1/users/2")
    }

    @Test func dynamicValuesAndSecretsAreFilledInForEverySend() throws {
        let (_, collection) = try collection([
            "uuid.yaml": "url: \"http://127.0.0.1/{{$uuid}}\"\n",
            "secret.yaml": "url: http://127.0.0.1/\nauth: {type: bearer, token: \"{{env:TOKEN}}\"}\n",
        ])
        let cache = PreparationCache()
        let uuid = try #require(collection.request(id: "uuid"))
        let urls = try (0..<3).map { _ in try cache.preparation(of: uuid, at: 0, in: context(collection)).request.url }
        #expect(Set(urls).count == 3)
        let secret = try cache.preparation(of: try #require(collection.request(id: "secret")), at: 1, in: context(collection))
        #expect(!secret.isRepeatable)
        #expect(secret.request.secrets.redact("s3cr3t-token") != "s3cr3t-token")
    }
}
