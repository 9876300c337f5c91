import Foundation
import PropertyBased
import SondeCore
import Testing
@testable import SondeTUI

/// Random keys in the environments view change no file unless one of them confirms: Enter (a
/// prompt), `y` (a question) or Ctrl-S (save) are left out, and every effect the other keys ask
/// for is carried out on the files as the runner would.
@Suite("Environments view: no write without a confirming key")
struct EnvironmentViewPropertyTests {
    static let keys: [Key] = Array("jklhnrdmasvexoqEAb1{").map(Key.character)
        + [.escape, .tab, .backTab, .up, .down, .left, .right, .backspace, .delete, .home, .end]
        + ["u", "o", "t"].map(Key.control)

    /// Every file below the collection, by path.
    static func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) { files[url.path] = data }
        }
        return files
    }

    @Test("Property: keys without Enter, y or Ctrl-S never change a file")
    func noWriteWithoutConfirming() async throws {
        let workspace = try TestWorkspace()
        let loaded = workspace.load()
        let root = workspace.collectionRoot
        let before = Self.snapshot(workspace.root)
        let sequences = Gen<Key?>.element(of: Self.keys).map { $0 ?? .escape }.array(of: 1...30)
        await propertyCheck(count: 100, input: sequences) { keys in
            var state = AppState(collections: loaded, environmentName: "local", size: (100, 30))
            state.secretSources = [SecretSource(processEnvironment: [:], dotEnv: ["DEMO_CLIENT_SECRET": "x"])]
            var effects = state.update(.input(.key(.character("E"))), now: 0)
            for key in keys { effects += state.update(.input(.key(key)), now: 0) }
            _ = AppRenderer.render(state)
            for effect in effects {
                switch effect {
                case .environmentOperation(let collection, let operation):
                    Issue.record("\(effect) after \(keys)")
                    _ = try? operation.run(in: root, existing: loaded[collection].collection.environments)
                case .setSecret(_, let name, let value):
                    Issue.record("set \(name) after \(keys)")
                    _ = try? DotEnvFile.set(name, to: value, in: root)
                case .save, .createRequest, .duplicateRequest, .renameRequest, .deleteRequest, .editFile, .editExternally:
                    Issue.record("\(effect) after \(keys)")
                default:
                    break
                }
            }
            #expect(Self.snapshot(workspace.root) == before, "keys \(keys)")
        }
    }
}
