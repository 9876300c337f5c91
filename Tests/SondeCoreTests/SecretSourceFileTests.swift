import Foundation
@testable import SondeCore
import Testing

/// `{{file:}}` and `{{cmd:}}` placeholders: how they parse, which files they may read.
@Suite struct SecretSourceFileTests {
    @Test func fileAndCommandPlaceholdersParse() {
        #expect(Template("a{{file:secrets/token}}b").segments == [.literal("a"), .file("secrets/token"), .literal("b")])
        #expect(Template("{{ file: /run/secrets/db }}").segments == [.file("/run/secrets/db")])
        #expect(Template("{{cmd:op read op://vault/item/field}}").segments == [.command("op read op://vault/item/field")])
        #expect(Template("{{cmd: pass show api/token | head -c 3 }}").segments == [.command("pass show api/token | head -c 3")])
        #expect(Template("{{file:}}").segments == [.literal("{{file:}}")])
        #expect(Template("{{cmd:  }}").segments == [.literal("{{cmd:  }}")])
        #expect(Template.text(of: .command("a: b")) == "{{cmd:a: b}}")
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-secretfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("coll/keys"), withIntermediateDirectories: true)
        return url
    }

    @Test func aRelativePathStaysInTheCollectionAndAnAbsoluteOneIsAllowed() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("coll")
        try Data("inside\n".utf8).write(to: root.appendingPathComponent("keys/token"))
        try Data("outside\r\n\n".utf8).write(to: base.appendingPathComponent("outside"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("keys/link"), withDestinationURL: base.appendingPathComponent("outside"))
        let source = SecretSource(processEnvironment: [:], collectionRoot: root)
        #expect(try source.fileValue("keys/token").get().value == "inside")
        #expect(try source.fileValue("./keys/../keys/token").get().value == "inside")
        for escape in ["../outside", "keys/../../outside", "keys/link"] {
            guard case .failure(let problem) = source.fileValue(escape) else { Issue.record("\(escape) was read"); continue }
            #expect(problem.reason.contains("outside the collection"), "\(problem.reason)")
        }
        #expect(try source.fileValue(base.appendingPathComponent("outside").path).get().value == "outside")
        guard case .failure(let missing) = source.fileValue("keys/none") else { Issue.record("a missing file read"); return }
        #expect(missing.reason.contains("no file"))
    }

    @Test func aFileLargerThanTheCapIsRefused() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("coll")
        try Data(repeating: 0x61, count: SecretSource.maximumSecretFileBytes).write(to: root.appendingPathComponent("keys/max"))
        try Data(repeating: 0x61, count: SecretSource.maximumSecretFileBytes + 1).write(to: root.appendingPathComponent("keys/big"))
        let source = SecretSource(processEnvironment: [:], collectionRoot: root)
        #expect(try source.fileValue("keys/max").get().value.count == SecretSource.maximumSecretFileBytes)
        guard case .failure(let problem) = source.fileValue("keys/big") else { Issue.record("a 64 kB + 1 file read"); return }
        #expect(problem.reason.contains("larger than 64 kB"))
    }

    @Test func aFileValueIsASecretWithItsShellCommand() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let root = base.appendingPathComponent("coll")
        try Data("s3cr3t-value\n".utf8).write(to: root.appendingPathComponent("keys/token"))
        var resolver = VariableResolver(scopes: [], secretSource: SecretSource(processEnvironment: [:], collectionRoot: root))
        #expect(resolver.resolve("Bearer {{file:keys/token}}", usedIn: "header") == "Bearer s3cr3t-value")
        #expect(resolver.secrets.redact("x s3cr3t-value") == "x ••••")
        #expect(resolver.secrets.shellCommands["s3cr3t-value"]?.hasPrefix("cat -- ") == true)
        _ = resolver.resolve("{{cmd:echo hi}}", usedIn: "header X")
        #expect(resolver.problems.last?.description.contains("sonde trust") == true)
    }

    @Test func theTrustListIsWrittenPrivateAndEditable() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let store = TrustedCollections(environment: ["XDG_CONFIG_HOME": base.path])
        let collection = base.appendingPathComponent("coll")
        #expect(!store.isTrusted(collection))
        #expect(try store.add(collection.appendingPathComponent("keys/..")))
        #expect(store.isTrusted(collection))
        #expect(try !store.add(collection))
        let mode = try FileManager.default.attributesOfItem(atPath: store.fileURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try store.remove(collection))
        #expect(store.list().isEmpty)
    }

    @Test func aPreviewNeverRunsACommandAndShowsOneThatRanMasked() throws {
        let folder = try TemporaryFolder()
        let command = "touch ran-\(UUID().uuidString) && echo value-\(UUID().uuidString)"
        var source = SecretSource(processEnvironment: [:], collectionRoot: folder.url, commandsTrusted: true)
        source.runsCommands = false
        #expect(source.commandValue(command) == .success(SecretSet.mask))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "the preview ran nothing")
        source.runsCommands = true
        guard case .success(let value) = source.commandValue(command) else { Issue.record("the send did not run it"); return }
        #expect(value.hasPrefix("value-"))
        source.runsCommands = false
        #expect(source.commandValue(command) == .success(value), "once run, the preview shows the value it gave")
    }
}
