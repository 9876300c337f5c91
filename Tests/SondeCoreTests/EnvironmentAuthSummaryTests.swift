import Foundation
import Testing
@testable import SondeCore

/// What a request sends as auth in each environment: masked, with the level and what is unset.
@Suite struct EnvironmentAuthSummaryTests {
    @Test func eachEnvironmentGetsItsOwnWinnerAndNoValueIsEverInTheSummary() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: C\n")
        try folder.write("environments/dev.yaml", "name: dev\nvariables:\n  - {name: keyName, value: X-Dev-Key}\nauth:\n  type: api_key\n  name: \"{{keyName}}\"\n  value: \"{{env:DEV_KEY}}\"\n")
        try folder.write("environments/prod.yaml", "name: prod\nauth:\n  type: oauth2\n  token_url: https://id.example/token\n  client_id: app\n  client_secret: \"{{env:PROD_SECRET}}\"\n")
        try folder.write("environments/test.yaml", "name: test\n")
        try folder.write("r.yaml", "name: R\nmethod: GET\nurl: https://example.com\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let request = try #require(collection.request(id: "r"))
        let rows = EnvironmentAuthSummary.rows(for: request, in: collection, secretSource: SecretSource(processEnvironment: ["DEV_KEY": "dev-s3cret"]))
        #expect(rows == [
            EnvironmentAuthSummary(environment: "dev", kind: "api_key", placement: "header X-Dev-Key", maskedValue: "••••",
                                   source: .environment("dev"), problems: []),
            EnvironmentAuthSummary(environment: "prod", kind: "oauth2", placement: "header Authorization", maskedValue: "Bearer •••• (fetched)",
                                   source: .environment("prod"), problems: ["{{env:PROD_SECRET}} is not set (oauth2 client_secret)"]),
            EnvironmentAuthSummary(environment: "test", kind: "none", placement: "nothing sent", maskedValue: "—", source: .nowhere, problems: []),
        ])
        #expect(!"\(rows)".contains("dev-s3cret"))
    }

    @Test func aCollectionWithoutEnvironmentsHasOneRow() throws {
        let folder = try TemporaryFolder()
        try folder.write("r.yaml", "name: R\nmethod: GET\nurl: https://example.com\nauth:\n  type: basic\n  username: u\n  password: \"{{env:P}}\"\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let request = try #require(collection.request(id: "r"))
        let rows = EnvironmentAuthSummary.rows(for: request, in: collection, secretSource: SecretSource(processEnvironment: [:]))
        #expect(rows == [EnvironmentAuthSummary(environment: nil, kind: "basic", placement: "header Authorization", maskedValue: "Basic ••••",
                                                source: .request, problems: ["{{env:P}} is not set (basic auth password)"])])
    }
}
