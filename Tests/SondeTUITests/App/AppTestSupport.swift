import Foundation
import SondeCore
@testable import SondeTUI

/// A copy of the bundled demo collection in a temp folder, so tests can save and delete freely.
final class TestWorkspace {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var collectionRoot: URL { root.appendingPathComponent("demo") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("collections/demo"), to: collectionRoot)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func load() -> [LoadedCollection] { [CollectionLoader.load(from: collectionRoot)] }

    func state(width: Int = 120, height: Int = 40, environment: String? = "local") -> AppState {
        AppState(collections: load(), environmentName: environment, size: (width, height))
    }
}

extension AppState {
    /// Presses keys one after another at time `now`, collecting the effects.
    @discardableResult
    mutating func press(_ keys: Key..., now: Double = 0) -> [AppEffect] {
        keys.flatMap { update(.input(.key($0)), now: now) }
    }

    /// Types text as individual character keys.
    @discardableResult
    mutating func type(_ text: String, now: Double = 0) -> [AppEffect] {
        text.flatMap { update(.input(.key(.character($0))), now: now) }
    }

    /// Selects the tree row whose name is `name` (expanding folders by name first) and opens it.
    mutating func select(_ path: String...) {
        for (index, name) in path.enumerated() {
            guard let row = treeRows.firstIndex(where: { $0.name == name }) else { return }
            treeSelection = row
            if index < path.count - 1, let key = treeRows[row].folderKey {
                expanded.insert(key)
                refreshTree()
            } else if let reference = treeRows[row].request {
                open(reference)
            }
        }
    }

    var screen: ScreenGrid { AppRenderer.render(self) }
    var text: String { screen.lines.joined(separator: "\n") }

    /// The lines of the dialog whose frame's top line holds one of `titles` (`┌─ OAuth2 tokens`),
    /// frame included; none when no such dialog is on screen.
    func dialog(titled titles: String...) -> [String] {
        let lines = screen.lines.map(Array.init)
        guard let top = lines.firstIndex(where: { line in titles.contains { String(line).contains("┌─ " + $0) } }),
              let left = lines[top].firstIndex(of: "┌"), let right = lines[top][left...].firstIndex(of: "┐") else { return [] }
        var rows: [String] = []
        for line in lines[top...] {
            rows.append(String(line[left...right]))
            if line[left] == "└" { break }
        }
        return rows
    }
}

/// A response as the transport would give it, for rendering without a server.
func makeDocument(json: String, status: Int = 200, headers: [HeaderField] = [HeaderField(name: "Content-Type", value: "application/json")],
                  secrets: SecretSet = SecretSet(), contentType: String? = nil) -> ResponseDocument {
    let response = HTTPResponse(
        status: status, reason: status == 200 ? "OK" : "Error", httpVersion: "1.1", headers: headers, body: Data(json.utf8),
        finalURL: "http://127.0.0.1:8787/users",
        timings: TransferTimings(dns: 0.001, connect: 0.002, tls: 0.002, preTransfer: 0.003, firstByte: 0.020, total: 0.025, redirect: 0,
                                 bytesUploaded: 0, bytesDownloaded: Int64(json.utf8.count)))
    return ResponseDocument(response: response, method: .GET, url: "http://127.0.0.1:8787/users", secrets: secrets, receivedAt: Date())
}

extension AppEffect {
    var isSend: Bool { if case .send = self { true } else { false } }
}
