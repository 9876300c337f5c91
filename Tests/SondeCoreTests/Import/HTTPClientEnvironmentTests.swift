import Foundation
import Testing
@testable import SondeCore

/// `http-client.env.json`, its private twin, and VS Code's `rest-client.environmentVariables`.
@Suite struct HTTPClientEnvironmentTests {
    @Test func publicAndPrivateFilesMergeWithPrivateValuesAsSecrets() throws {
        let imported = try HTTPFileImporter.convertEnvironments(
            public: Data(HTTPFileFixtures.publicEnvironments.utf8), private: Data(HTTPFileFixtures.privateEnvironments.utf8))
        #expect(imported.environments == [
            ImportedEnvironment(name: "dev", variables: [
                KeyValue("version", "v2"), KeyValue("host", "http://localhost:8080"), KeyValue("port", "8080"),
                KeyValue("verbose", "true"), KeyValue("token", "{{env:TOKEN}}"), KeyValue("password", "{{env:PASSWORD}}"),
            ]),
            ImportedEnvironment(name: "prod", variables: [
                KeyValue("version", "v2"), KeyValue("host", "https://api.example.com"), KeyValue("clientSecret", "{{env:CLIENT_SECRET}}"),
                KeyValue("token", "{{env:PROD_TOKEN}}"), KeyValue("password", "{{env:PASSWORD}}"),
            ]),
            ImportedEnvironment(name: "staging", variables: [
                KeyValue("version", "v2"), KeyValue("host", "https://shared.example.com"), KeyValue("token", "{{env:STAGING_TOKEN}}"),
            ]),
        ])
        #expect(imported.secretNames == ["CLIENT_SECRET", "TOKEN", "PASSWORD", "PROD_TOKEN", "STAGING_TOKEN"])
        #expect(imported.secretValues == [
            "CLIENT_SECRET": "prod-public-looking-secret", "TOKEN": "dev-token-123", "PASSWORD": "devpass",
            "PROD_TOKEN": "prod-token-456", "STAGING_TOKEN": "staging-token-789",
        ])
        #expect(imported.warnings.map(\.description) == [
            "http-client.env.json:10: dev.SSLConfiguration is an object; sonde's environment variables are text: ignored",
        ])
    }

    @Test func vsCodeSettingsBlockWithCommentsAndTrailingCommas() throws {
        let imported = try HTTPFileImporter.convertVSCodeSettings(Data(HTTPFileFixtures.vsCodeSettings.utf8))
        #expect(imported.environments == [
            ImportedEnvironment(name: "local", variables: [
                KeyValue("version", "v1"), KeyValue("baseUrl", "http://localhost:3000/{{version}}"), KeyValue("apiKey", "{{env:API_KEY}}"),
            ]),
            ImportedEnvironment(name: "production", variables: [
                KeyValue("version", "v1"), KeyValue("baseUrl", "https://api.example.com"), KeyValue("apiKey", "{{env:PROD_API_KEY}}"),
            ]),
        ])
        #expect(imported.secretNames == ["API_KEY", "PROD_API_KEY"])
        #expect(imported.secretValues == ["API_KEY": "local-key-1234"])
    }

    @Test func environmentsJoinTheCollectionWithTheirSecrets() throws {
        var collection = try HTTPFileImporter.convert("@token = abc\nGET https://example.com/\n", sourceName: "t.http")
        let environments = try HTTPFileImporter.convertEnvironments(public: Data(#"{"dev": {"token": "xyz"}}"#.utf8), private: nil)
        collection.add(environments)
        #expect(collection.environments == [ImportedEnvironment(name: "dev", variables: [KeyValue("token", "{{env:TOKEN_2}}")])])
        #expect(collection.variables == [KeyValue("token", "{{env:TOKEN}}")])
        #expect(collection.secretNames == ["TOKEN", "TOKEN_2"])
        #expect(collection.secretValues == ["TOKEN": "abc", "TOKEN_2": "xyz"])
    }

    @Test func onlySharedValuesMakeOneEnvironment() throws {
        let imported = try HTTPFileImporter.convertEnvironments(public: Data(#"{"$shared": {"host": "h"}}"#.utf8), private: nil)
        #expect(imported.environments == [ImportedEnvironment(name: "shared", variables: [KeyValue("host", "h")])])
    }

    @Test func malformedEnvironmentFilesAreErrorsWithTheirLine() {
        let cases: [(String, String?, String)] = [
            ("{\n  \"dev\": {\n    \"a\": 1,\n  }\n}", nil, "http-client.env.json:4"),
            ("[1, 2]", nil, "http-client.env.json:1"),
            ("{}", "{\"dev\": {\"a\": \"{{b\"}}", "http-client.private.env.json:1"),
            ("{\"dev\": ", nil, "http-client.env.json:1"),
        ]
        for (publicText, privateText, place) in cases {
            #expect {
                _ = try HTTPFileImporter.convertEnvironments(public: Data(publicText.utf8), private: privateText.map { Data($0.utf8) })
            } throws: { error in
                (error as? HTTPFileImportError)?.place == place
            }
        }
        #expect(throws: HTTPFileImportError.self) {
            _ = try HTTPFileImporter.convertVSCodeSettings(Data(#"{"editor.fontSize": 13}"#.utf8))
        }
        // A value that is not an environment is warned of and skipped.
        #expect((try? HTTPFileImporter.convertEnvironments(public: Data(#"{"dev": 1, "x": {"a.b c": 1}}"#.utf8), private: nil))?.warnings.count == 2)
    }
}
