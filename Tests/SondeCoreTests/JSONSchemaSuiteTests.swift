import Foundation
import Testing
import SondeCore

/// The official JSON Schema Test Suite, draft 2020-12, every required file: the validator's
/// conformance figure. The suite is not copied into the repository; it lives next to it, in
/// `../shared/json-schema-test-suite` (found from this file's path up through its ancestors).
@Suite struct JSONSchemaSuiteTests {
    /// Tests that are knowingly not passed, as "file: case: test". Empty: all required tests pass.
    static let skipped: Set<String> = []

    static func suiteFolder() throws -> URL {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var folder = repository
        // `../shared` next to the clone (CI); a worktree may sit one level deeper.
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/json-schema-test-suite")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("tests/draft2020-12").path) { return candidate }
        }
        throw SuiteMissing(repository: repository.path)
    }

    struct SuiteMissing: Error, CustomStringConvertible {
        var repository: String
        var description: String {
            "the JSON Schema Test Suite is missing: expected \(repository)/../shared/json-schema-test-suite (with tests/draft2020-12); clone it next to the repository"
        }
    }

    /// `remotes/` as the suite's README asks: each file under `http://localhost:1234/<path>`.
    static func remotes(in suite: URL) throws -> JSONSchemaDocuments {
        let folder = suite.appendingPathComponent("remotes")
        var documents: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            guard file.pathExtension == "json" else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            documents["http://localhost:1234/" + relative] = try Data(contentsOf: file)
        }
        #expect(documents.count > 20, "remotes/ should hold the suite's remote documents")
        return try JSONSchemaDocuments(documents)
    }

    @Test func draft2020_12() throws {
        let suite = try Self.suiteFolder()
        let documents = try Self.remotes(in: suite)
        let folder = suite.appendingPathComponent("tests/draft2020-12")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 40)
        var passed = 0, total = 0, skipped = 0
        var failures: [String] = []
        for file in files {
            // Raw bytes of each schema and instance, sliced out by JSONTree: re-encoding through
            // JSONSerialization would turn 1.0 into 1 and lose big numbers.
            let tree = try JSONTree(Data(contentsOf: folder.appendingPathComponent(file)))
            for group in tree.children(of: tree.root) {
                let members = Dictionary(tree.children(of: group).map { (tree.key(of: $0) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
                let description = members["description"].flatMap { tree.string(of: $0) } ?? "?"
                let schema = Result { try JSONSchema(data: tree.rawBytes(of: members["schema"]!), documents: documents) }
                for test in tree.children(of: members["tests"]!) {
                    let fields = Dictionary(tree.children(of: test).map { (tree.key(of: $0) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
                    let name = "\(file): \(description): \(fields["description"].flatMap { tree.string(of: $0) } ?? "?")"
                    let expected = tree.kind(of: fields["valid"]!) == .true
                    total += 1
                    if Self.skipped.contains(name) { skipped += 1; continue }
                    do {
                        let violations = try schema.get().validate(tree.rawBytes(of: fields["data"]!))
                        if violations.isEmpty == expected {
                            passed += 1
                        } else {
                            failures.append("\(name): expected \(expected ? "valid" : "invalid")\(violations.first.map { ", got \($0)" } ?? "")")
                        }
                    } catch {
                        failures.append("\(name): \(error)")
                    }
                }
            }
        }
        print("JSON Schema Test Suite draft2020-12 (required): \(passed)/\(total) passed, \(skipped) skipped, \(failures.count) failed")
        #expect(total > 1000)
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) failures:\n" + failures.joined(separator: "\n")))
        #expect(passed + skipped == total)
    }
}
