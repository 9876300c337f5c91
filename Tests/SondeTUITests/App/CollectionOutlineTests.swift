import Foundation
import SondeCore
import SondeHTTP
import Testing
@testable import SondeTUI

/// The TUI's first frame comes from the collections' outlines (file names only); the request
/// files are parsed after it and their details fill the tree in.
@Suite("Collections drawn from outlines, then parsed")
struct CollectionOutlineTests {
    /// A small collection in a temp folder: two good requests and a broken one in a folder.
    final class Shop {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-outline-\(UUID().uuidString)")

        init() throws {
            try write("collection.yaml", "name: Shop\n")
            try write("orders/folder.yaml", "name: Orders\n")
            try write("orders/list.yaml", "name: List orders\nmethod: GET\nurl: http://127.0.0.1:9/orders\n")
            try write("orders/cancel.yaml", "name: Cancel order\nmethod: DELETE\nurl: http://127.0.0.1:9/orders/1\n")
            try write("orders/zz-broken.yaml", "method: GET\nurl: [unclosed\n")
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ path: String, _ text: String) throws {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        var services: AppServices {
            AppServices(sender: RequestSender(transport: CurlTransport()), collectionsRoot: root, history: nil, environment: [:])
        }
    }

    /// The collections pane's text on the row showing `name`, from the pane's left border to its right one.
    func paneRow(_ state: AppState, containing name: String) -> String? {
        let pane = AppLayout.compute(width: state.size.width, height: state.size.height, focus: state.focus, hasRequest: state.editor != nil).collections
        let width = pane.map { $0.x + $0.width } ?? state.size.width
        return state.screen.lines.first { $0.contains(name) }.map { String($0.prefix(width)) }
    }

    @Test("File names first, without method badges; nothing opens or sends until parsed")
    func outlineFirst() throws {
        let shop = try Shop()
        var state = AppState(collections: shop.services.loadCollectionOutlines(), environmentName: nil, size: (100, 30))
        #expect(state.loadProblems.isEmpty)
        state.select("Orders")
        state.press(.enter)
        let names = state.treeRows.filter { $0.request != nil }.map(\.name)
        #expect(names == ["cancel", "list", "zz-broken"])
        #expect(state.treeRows.allSatisfy { if case .request(_, let method, _) = $0.kind { method == nil } else { true } })
        let parsedLater = try #require(paneRow(state, containing: "cancel"))
        #expect(parsedLater.contains("     cancel"), "no badge, and the name where it will stay: \(parsedLater)")

        // Enter on a request not read yet: no editor, no transfer.
        state.treeSelection = try #require(state.treeRows.firstIndex { $0.name == "cancel" })
        let effects = state.press(.enter, .enter)
        #expect(state.editor == nil)
        #expect(!effects.contains { if case .send = $0 { true } else { false } })
        #expect(state.savedRequest(RequestReference(collection: 0, requestID: "orders/cancel")) == nil)
    }

    @Test("The parse fills in names and badges, keeps the selection, and reports broken files at their line")
    func parsedDetails() throws {
        let shop = try Shop()
        var state = AppState(collections: shop.services.loadCollectionOutlines(), environmentName: nil, size: (100, 30))
        state.select("Orders")
        state.press(.enter)
        state.treeSelection = try #require(state.treeRows.firstIndex { $0.name == "list" })

        _ = state.update(.collectionsParsed(shop.services.loadCollections()), now: 1)
        #expect(!state.collections[0].isOutline)
        #expect(state.treeRows.filter { $0.request != nil }.map(\.name) == ["Cancel order", "List orders"])
        #expect(state.selectedTreeRow?.request?.requestID == "orders/list")
        let cancel = try #require(paneRow(state, containing: "Cancel order"))
        let list = try #require(paneRow(state, containing: "List orders"))
        #expect(cancel.contains("    DEL  Cancel order"), "\(cancel)")
        #expect(list.contains("    GET  List orders"), "\(list)")
        #expect(state.text.contains("orders/zz-broken.yaml:3:"))

        // Now the request opens and sends.
        let effects = state.press(.enter, .enter)
        #expect(state.editor?.reference.requestID == "orders/list")
        #expect(effects.contains { if case .send = $0 { true } else { false } })
    }

    @Test("A parse that arrives after a full reload is dropped: the reload saw newer files")
    func lateParseDropped() throws {
        let shop = try Shop()
        var state = AppState(collections: shop.services.loadCollectionOutlines(), environmentName: nil, size: (100, 30))
        let stale = shop.services.loadCollections()
        try shop.write("orders/refund.yaml", "name: Refund order\nmethod: POST\nurl: http://127.0.0.1:9/refunds\n")
        _ = state.update(.collectionsReloaded(shop.services.loadCollections(), select: nil), now: 1)
        _ = state.update(.collectionsParsed(stale), now: 2)
        #expect(state.savedRequest(RequestReference(collection: 0, requestID: "orders/refund"))?.definition.name == "Refund order")
    }

    @Test("The runner draws the outline, reads the files after the first frame, and shows their details")
    func runnerParsesAfterFirstFrame() async throws {
        let shop = try Shop()
        let services = shop.services
        var state = AppState(collections: services.loadCollectionOutlines(), environmentName: nil, size: (100, 30))
        state.expanded.insert(CollectionTree.key(collection: 0, folderPath: "orders"))
        state.refreshTree()
        let outlined = state
        let terminal = ScriptedTerminal(width: 100, height: 30, steps: [
            .init(waitFor: "GET  List orders", input: .key(.character("q"))),
        ], timeout: 60)  // only a failure waits this long; the parse runs on a loaded pool in a full run
        let final = await runOnThread(AppRunner(state: outlined, backend: terminal, services: services))
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(!final.collections[0].isOutline)
        #expect(final.loadProblems.map(\.file) == ["orders/zz-broken.yaml"])
    }
}
