import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Collection files edited outside sonde are picked up without Ctrl-L, and a file changed under
/// an unsaved draft asks which to keep.
@Suite("Watching the collection files")
struct FileWatchTests {
    @Test("inotify reports a written file and an atomically replaced one, once each, YAML only")
    func watcherSeesWrites() throws {
        let workspace = try TestWorkspace()
        let watcher = try #require(CollectionWatcher(roots: [workspace.collectionRoot]))
        #expect(watcher.changedFiles().isEmpty)
        let get = workspace.collectionRoot.appendingPathComponent("users/get.yaml")
        try "name: Get a user\nurl: \"{{baseUrl}}/users/2\"\n".write(to: get, atomically: false, encoding: .utf8)
        let list = workspace.collectionRoot.appendingPathComponent("users/list.yaml")
        try "name: List users\nurl: \"{{baseUrl}}/users\"\n".write(to: list, atomically: true, encoding: .utf8)
        try "not yaml".write(to: workspace.collectionRoot.appendingPathComponent("users/notes.txt"), atomically: false, encoding: .utf8)
        var seen: Set<String> = []
        let deadline = Date().addingTimeInterval(2)
        while seen.count < 2, Date() < deadline {
            seen.formUnion(watcher.changedFiles())
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(seen == [get.standardizedFileURL.path, list.standardizedFileURL.path])
    }

    /// A folder made with its files in one go (`mkdir -p` and a write, or moved in whole) has its
    /// files reported though they came before the folder's watch: the tree showed none of them.
    @Test("A new folder's files are reported, however fast they were written")
    func newFolderFilesAreSeen() throws {
        let workspace = try TestWorkspace()
        let watcher = try #require(CollectionWatcher(roots: [workspace.collectionRoot]))
        #expect(watcher.changedFiles().isEmpty)
        let folder = workspace.collectionRoot.appendingPathComponent("zznew/deeper")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("a.yaml")
        try "url: http://127.0.0.1:1/\n".write(to: file, atomically: false, encoding: .utf8)
        var seen: Set<String> = []
        let deadline = Date().addingTimeInterval(2)
        while !seen.contains(file.standardizedFileURL.path), Date() < deadline {
            seen.formUnion(watcher.changedFiles())
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(seen.contains(file.standardizedFileURL.path), "\(seen)")
    }

    @Test("A change reloads, an open request without edits shows the new file, and a draft over a changed file asks")
    func changedFilesReload() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "Get a user")
        let get = workspace.collectionRoot.appendingPathComponent("users/get.yaml")
        try "name: Get a user\nmethod: GET\nurl: \"{{baseUrl}}/users/2\"\n".write(to: get, atomically: true, encoding: .utf8)
        let reference = try #require(state.editor?.reference)
        #expect(state.update(.filesChanged([get.path]), now: 0).contains(.reloadCollections(select: reference)))
        _ = state.update(.collectionsReloaded(workspace.load(), select: reference), now: 0)
        #expect(state.editor?.draft.url == "{{baseUrl}}/users/2")

        // An unsaved draft over a file that changes: the question, and Enter is no answer.
        state.focus = .request
        state.press(.character("e"))
        state.type("?mine")
        try "name: Get a user\nmethod: GET\nurl: \"{{baseUrl}}/users/3\"\n".write(to: get, atomically: true, encoding: .utf8)
        #expect(state.update(.filesChanged([get.path]), now: 0).isEmpty)
        #expect(state.screen.contains("y load the file · n/Esc keep the draft"))
        #expect(state.press(.enter).isEmpty)
        // n keeps the draft through a reload.
        state.press(.character("n"))
        _ = state.update(.collectionsReloaded(workspace.load(), select: reference), now: 0)
        #expect(state.editor?.draft.url == "{{baseUrl}}/users/2?mine")
        // y drops it for the file.
        _ = state.update(.filesChanged([get.path]), now: 0)
        #expect(state.press(.character("y")) == [.reloadCollections(select: reference)])
        #expect(state.editor?.draft.url == "{{baseUrl}}/users/3")
        #expect(state.dirtyReferences.isEmpty)
    }

    /// A draft kept over its changed file is then based on the file as it is now: Ctrl-S writes
    /// the draft's edit into it, keeping what changed outside. It used to be refused for good
    /// ("it changed on disk since sonde loaded it"), with no way to save or drop the draft.
    @Test("A draft kept over a changed file saves into the file as it is now")
    func aKeptDraftSaves() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "Get a user")
        let reference = try #require(state.editor?.reference)
        state.focus = .request
        state.press(.character("e"))
        state.type("?mine")
        state.press(.escape)
        let get = workspace.collectionRoot.appendingPathComponent("users/get.yaml")
        let outside = try String(contentsOf: get, encoding: .utf8) + "# reviewed by ops\n"
        try outside.write(to: get, atomically: true, encoding: .utf8)
        _ = state.update(.filesChanged([get.path]), now: 0)
        #expect(state.screen.contains("n/Esc keep the draft"))
        #expect(state.press(.character("n")).contains(.reloadCollections(select: reference)))
        _ = state.update(.collectionsReloaded(workspace.load(), select: reference), now: 0)
        #expect(state.editor?.isDirty == true)
        guard case .save(_, let request) = state.press(.control("s")).first(where: { if case .save = $0 { true } else { false } }) else {
            Issue.record("no save effect")
            return
        }
        _ = try RequestFileWriter.save(request)
        let text = try String(contentsOf: get, encoding: .utf8)
        #expect(text.contains("?mine"), "\(text)")
        #expect(text.hasSuffix("# reviewed by ops\n"), "\(text)")
    }
}
