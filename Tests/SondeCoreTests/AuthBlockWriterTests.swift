import Foundation
import Testing
@testable import SondeCore

/// The `auth:` block of collection, folder and environment files: only that node changes.
@Suite struct AuthBlockWriterTests {
    private let environment = """
        # staging: shared by the team
        name: staging
        variables:
          - name: baseUrl
            value: https://staging.example.com   # the blue stack
          - name: apiKey
            value: "{{env:STAGING_API_KEY}}"
        auth:
          type: bearer
          token: "{{env:STAGING_TOKEN}}"
        # options come last
        options:
          timeout: 60

        """

    @Test func replacingTheBlockKeepsEveryOtherLineByteForByte() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("environments/staging.yaml", environment)
        try AuthBlockWriter.save(
            .apiKey(name: "X-API-Key", value: "{{env:STAGING_API_KEY}}", location: .header),
            to: file, loaded: .bearer(token: "{{env:STAGING_TOKEN}}"))
        let text = try folder.read("environments/staging.yaml")
        #expect(text == """
            # staging: shared by the team
            name: staging
            variables:
              - name: baseUrl
                value: https://staging.example.com   # the blue stack
              - name: apiKey
                value: "{{env:STAGING_API_KEY}}"
            auth:
              type: api_key
              name: X-API-Key
              value: "{{env:STAGING_API_KEY}}"
              in: header
            # options come last
            options:
              timeout: 60

            """)
        #expect(AuthBlockWriter.currentAuth(in: text) == .apiKey(name: "X-API-Key", value: "{{env:STAGING_API_KEY}}", location: .header))
    }

    @Test func insertingGoesAfterTheVariablesAndKeepsComments() throws {
        let folder = try TemporaryFolder()
        let original = "# the collection\nname: Demo   # shown in the tree\nvariables:\n  - name: a\n    value: \"1\"\noptions:\n  timeout: 30\n"
        let file = try folder.write("collection.yaml", original)
        try AuthBlockWriter.save(.basic(username: "demo", password: "{{env:PASS}}"), to: file, loaded: .inherit)
        #expect(try folder.read("collection.yaml") == """
            # the collection
            name: Demo   # shown in the tree
            variables:
              - name: a
                value: "1"
            auth:
              type: basic
              username: demo
              password: "{{env:PASS}}"
            options:
              timeout: 30

            """)
    }

    @Test func inheritRemovesTheBlockAndNothingElse() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("environments/staging.yaml", environment)
        try AuthBlockWriter.save(.inherit, to: file, loaded: .bearer(token: "{{env:STAGING_TOKEN}}"))
        let expected = environment.replacingOccurrences(of: "auth:\n  type: bearer\n  token: \"{{env:STAGING_TOKEN}}\"\n", with: "")
        #expect(expected != environment)
        #expect(try folder.read("environments/staging.yaml") == expected)
    }

    @Test func aFolderWithoutFolderYAMLGetsOneWithTheBlockAlone() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("users/folder.yaml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AuthBlockWriter.save(.none, to: file, loaded: .inherit)
        #expect(try folder.read("users/folder.yaml") == "auth:\n  type: none\n")
    }

    @Test func aFileChangedOnDiskSinceLoadingIsRefusedAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("environments/staging.yaml", environment)
        // Loaded when the file said basic; someone changed it to bearer since.
        #expect(throws: SaveError.changedOnDisk(file: file.path)) {
            try AuthBlockWriter.save(.none, to: file, loaded: .basic(username: "a", password: "b"))
        }
        #expect(try folder.read("environments/staging.yaml") == environment)
    }

    @Test func aResolvedSecretIsNeverWritten() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("environments/staging.yaml", environment)
        let secrets = SecretSet(["s3cret-staging-token"])
        #expect(throws: SaveError.containsSecret(file: file.path)) {
            try AuthBlockWriter.save(.bearer(token: "s3cret-staging-token"), to: file, loaded: .bearer(token: "{{env:STAGING_TOKEN}}"), secrets: secrets)
        }
        #expect(try folder.read("environments/staging.yaml") == environment)
        // The reference itself is what gets written, never its value.
        let text = try AuthBlockWriter.save(.bearer(token: "{{env:NEW_TOKEN}}"), to: file, loaded: .bearer(token: "{{env:STAGING_TOKEN}}"), secrets: secrets)
        #expect(text.contains("token: \"{{env:NEW_TOKEN}}\""))
        #expect(!text.contains("s3cret"))
    }

    @Test func everyKindRoundTripsThroughTheFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("folder.yaml", "name: Users\n")
        var loaded = AuthConfig.inherit
        let kinds: [AuthConfig] = [
            .none, .basic(username: "u", password: "{{env:P}}"), .challenge(.digest, username: "u", password: "p: q"),
            .challenge(.ntlm, username: "DOMAIN\\u", password: "{{pw}}"), .bearer(token: "{{env:T}}"),
            .apiKey(name: "api_key", value: "{{key}}", location: .query),
            .oauth2ClientCredentials(OAuth2ClientCredentials(tokenURL: "{{baseUrl}}/token", clientID: "c", clientSecret: "{{env:S}}", scope: "read write")),
            .inherit,
        ]
        for auth in kinds {
            try AuthBlockWriter.save(auth, to: file, loaded: loaded)
            let text = try folder.read("folder.yaml")
            #expect(AuthBlockWriter.currentAuth(in: text) == auth)
            #expect(text.hasPrefix("name: Users\n"))
            loaded = auth
        }
        #expect(try folder.read("folder.yaml") == "name: Users\n")
    }
}
