import Foundation
import Testing
@testable import SondeCore

/// Environment files edited from the TUI: only `name:` and `variables:` change, `auth:`,
/// `options:` and comments stay byte for byte; a file changed on disk is not overwritten; a
/// secret's value goes to `.env` (0600), nowhere else.
@Suite struct EnvironmentFileWriterTests {
    static let staging = """
        # Staging: ask #ops before changing the base URL.
        name: staging
        variables:
          - name: baseUrl
            value: https://staging.example.com   # the new cluster
          # the token is a secret
          - name: token
            value: "{{env:STAGING_TOKEN}}"
        auth:
          type: bearer
          token: "{{token}}"   # from the variable above
        options: {timeout: 60}

        """

    static func collection(_ files: [String: String] = ["environments/staging.yaml": staging]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("collection.yaml", "name: Shop\n")
        for (path, text) in files { _ = try folder.write(path, text) }
        return folder
    }

    static func environments(_ folder: TemporaryFolder) -> [Environment] {
        CollectionLoader.load(from: folder.url).collection.environments
    }

    @Test func savingVariablesChangesOnlyTheirLines() throws {
        let folder = try Self.collection()
        let staging = try #require(Self.environments(folder).first)
        var variables = staging.variables
        variables[0].value = "https://staging2.example.com"
        variables.append(KeyValue("apiKey", "{{env:STAGING_API_KEY}}"))
        try EnvironmentFileWriter.save(staging, variables: variables, in: folder.url)

        let written = try folder.read("environments/staging.yaml")
        #expect(written == """
            # Staging: ask #ops before changing the base URL.
            name: staging
            variables:
              - name: baseUrl
                value: https://staging2.example.com   # the new cluster
              # the token is a secret
              - name: token
                value: "{{env:STAGING_TOKEN}}"
              - name: apiKey
                value: "{{env:STAGING_API_KEY}}"
            auth:
              type: bearer
              token: "{{token}}"   # from the variable above
            options: {timeout: 60}

            """)
        let reloaded = try #require(Self.environments(folder).first)
        #expect(reloaded.variables == variables)
        #expect(reloaded.defaults == staging.defaults)
    }

    @Test func aRoundTripWithoutChangesKeepsEveryByte() throws {
        let folder = try Self.collection()
        let staging = try #require(Self.environments(folder).first)
        try EnvironmentFileWriter.save(staging, variables: staging.variables, in: folder.url)
        #expect(try folder.read("environments/staging.yaml") == Self.staging)
        // Deleting a variable removes its lines only.
        try EnvironmentFileWriter.save(staging, variables: [staging.variables[1]], in: folder.url)
        let written = try folder.read("environments/staging.yaml")
        #expect(!written.contains("baseUrl"))
        #expect(written.contains("# Staging: ask #ops before changing the base URL.\n"))
        #expect(written.contains("  token: \"{{token}}\"   # from the variable above\noptions: {timeout: 60}\n"))
    }

    /// A value typed over its `{{env:}}` reference is refused like a request's: nothing written.
    @Test func aSecretValueIsNotWritten() throws {
        let folder = try Self.collection()
        let staging = try #require(Self.environments(folder).first)
        var rows = staging.variables
        rows[1].value = "live-token-9911"
        #expect(throws: EnvironmentFileError.containsSecret(file: "environments/staging.yaml")) {
            try EnvironmentFileWriter.save(staging, variables: rows, in: folder.url, secrets: SecretSet(["live-token-9911"]))
        }
        #expect(try folder.read("environments/staging.yaml") == Self.staging)
        rows[1].value = "{{env:STAGING_TOKEN}}"
        rows[0].value = "https://edited.example.com"
        try EnvironmentFileWriter.save(staging, variables: rows, in: folder.url, secrets: SecretSet(["live-token-9911"]))
        #expect(try folder.read("environments/staging.yaml").contains("https://edited.example.com"))
    }

    @Test func aFileChangedOnDiskIsNotOverwritten() throws {
        let folder = try Self.collection()
        let staging = try #require(Self.environments(folder).first)
        let edited = Self.staging.replacingOccurrences(of: "staging.example.com", with: "edited.example.com")
        _ = try folder.write("environments/staging.yaml", edited)
        #expect(throws: EnvironmentFileError.changedOnDisk(file: "environments/staging.yaml")) {
            try EnvironmentFileWriter.save(staging, variables: [], in: folder.url)
        }
        #expect(throws: EnvironmentFileError.changedOnDisk(file: "environments/staging.yaml")) {
            try EnvironmentFileWriter.rename(staging, to: "stage", in: folder.url, existing: [staging])
        }
        #expect(throws: EnvironmentFileError.changedOnDisk(file: "environments/staging.yaml")) {
            try EnvironmentFileWriter.delete(staging, in: folder.url)
        }
        #expect(try folder.read("environments/staging.yaml") == edited)
    }

    @Test func createDuplicateRenameDelete() throws {
        let folder = try Self.collection()
        var all = Self.environments(folder)
        try EnvironmentFileWriter.create(named: "qa", in: folder.url, existing: all)
        #expect(try folder.read("environments/qa.yaml") == "name: qa\n")
        all = Self.environments(folder)
        let staging = try #require(all.first { $0.name == "staging" })

        try EnvironmentFileWriter.duplicate(staging, as: "Staging EU", in: folder.url, existing: all)
        let copy = try folder.read("environments/staging-eu.yaml")
        #expect(copy == Self.staging.replacingOccurrences(of: "name: staging\n", with: "name: Staging EU\n"))

        all = Self.environments(folder)
        try EnvironmentFileWriter.rename(staging, to: "preprod", in: folder.url, existing: all)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("environments/staging.yaml").path))
        #expect(try folder.read("environments/preprod.yaml") == Self.staging.replacingOccurrences(of: "name: staging\n", with: "name: preprod\n"))

        all = Self.environments(folder)
        #expect(all.map(\.name).sorted() == ["Staging EU", "preprod", "qa"])
        try EnvironmentFileWriter.delete(try #require(all.first { $0.name == "qa" }), in: folder.url)
        #expect(Self.environments(folder).map(\.name).sorted() == ["Staging EU", "preprod"])
    }

    @Test func badNamesAreRefusedWithAReason() throws {
        let folder = try Self.collection()
        let all = Self.environments(folder)
        #expect(throws: EnvironmentFileError.nameTaken("Staging", file: "environments/staging.yaml")) {
            try EnvironmentFileWriter.create(named: "Staging", in: folder.url, existing: all)
        }
        #expect(throws: EnvironmentFileError.invalidName("a/b", reason: "it cannot contain / or \\")) {
            try EnvironmentFileWriter.create(named: "a/b", in: folder.url, existing: all)
        }
        #expect(EnvironmentFileWriter.problem(withName: "  ", among: all)?.description == "invalid environment name \"  \": a name is needed")
        #expect(EnvironmentFileWriter.problem(withName: ".hidden", among: all) != nil)
        // Renaming to its own name in other letters is fine.
        #expect(EnvironmentFileWriter.problem(withName: "STAGING", among: all, except: all[0]) == nil)
        #expect(EnvironmentFileWriter.problem(withVariableName: "base url") != nil)
        #expect(EnvironmentFileWriter.problem(withVariableName: "base.url-2_x") == nil)
        #expect(EnvironmentFileWriter.problem(withVariableName: "") == "a variable needs a name")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("environments").path) == ["staging.yaml"])
    }

    @Test func aWriteFailureSaysWhichFile() throws {
        let folder = try Self.collection()
        let staging = try #require(Self.environments(folder).first)
        let environments = folder.url.appendingPathComponent("environments")
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: environments.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: environments.path) }
        guard getuid() != 0 else { return }  // root writes anyway
        do {
            try EnvironmentFileWriter.save(staging, variables: [], in: folder.url)
            Issue.record("saved into a read-only folder")
        } catch {
            #expect(error.description.hasPrefix("cannot write environments/staging.yaml: "), "\(error)")
        }
        #expect(try folder.read("environments/staging.yaml") == Self.staging)
    }

    // MARK: - .env

    @Test func aSecretGoesToDotEnvOnlyKeepingItsOtherLines() throws {
        let folder = try Self.collection([
            "environments/staging.yaml": Self.staging,
            ".env": "# local secrets\nOTHER=1\nSTAGING_TOKEN=old   # rotated monthly\n\nexport LAST='x y'\n",
        ])
        let before = try folder.read("environments/staging.yaml")
        let outcome = try DotEnvFile.set("STAGING_TOKEN", to: "n3w s3cret", in: folder.url)
        let text = try folder.read(".env")
        #expect(text == "# local secrets\nOTHER=1\nSTAGING_TOKEN='n3w s3cret'\n\nexport LAST='x y'\n")
        #expect(DotEnv.parse(text)["STAGING_TOKEN"] == "n3w s3cret")
        var info = stat()
        #expect(stat(folder.url.appendingPathComponent(".env").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try folder.read("environments/staging.yaml") == before)
        // Not in a git repository that ignores it: the collection's .gitignore gets .env.
        #expect(outcome.ignoredIn?.lastPathComponent == ".gitignore")
        #expect(try folder.read(".gitignore") == ".env\n")
        // A second secret: appended, .gitignore left alone.
        #expect(try DotEnvFile.set("NEW_ONE", to: "v", in: folder.url).ignoredIn == nil)
        #expect(try folder.read(".env").hasSuffix("export LAST='x y'\nNEW_ONE=v\n"))
    }

    /// A `.env` that is a link (a cloned collection's `.env -> README.md`) is refused: the
    /// secret would land in the file it points to, which git keeps.
    @Test func aDotEnvThatIsALinkIsNotWrittenThrough() throws {
        let folder = try Self.collection(["README.md": "# Shop\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(".env").path, withDestinationPath: "README.md")
        #expect(throws: DotEnvFile.Failure.self) { try DotEnvFile.set("TOKEN", to: "link-secret-1", in: folder.url) }
        #expect(try folder.read("README.md") == "# Shop\n")
        var info = stat()
        #expect(stat(folder.url.appendingPathComponent("README.md").path, &info) == 0)
        #expect(info.st_mode & 0o777 != 0o600)
    }

    @Test func aNewDotEnvIsPrivateAndBadInputIsRefused() throws {
        let folder = try Self.collection()
        try DotEnvFile.set("TOKEN", to: "abc", in: folder.url)
        var info = stat()
        #expect(stat(folder.url.appendingPathComponent(".env").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try folder.read(".env") == "TOKEN=abc\n")
        #expect(throws: DotEnvFile.Failure.self) { try DotEnvFile.set("BAD NAME", to: "x", in: folder.url) }
        #expect(throws: DotEnvFile.Failure.self) { try DotEnvFile.set("TOKEN", to: "", in: folder.url) }
        #expect(try folder.read(".env") == "TOKEN=abc\n")
    }
}
