import Foundation
import Testing
@testable import SondeCore

@Suite struct CollectionOutlineTests {
    @Test func anOutlineListsRequestFilesByNameWithoutReadingThem() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Shop\nvariables:\n  - {name: base, value: 'http://127.0.0.1:9'}\n")
        try folder.write("orders/folder.yaml", "name: Orders\n")
        try folder.write("orders/list.yaml", "name: List orders\nmethod: GET\nurl: '{{base}}/orders'\n")
        try folder.write("orders/broken.yaml", "method: GET\nurl: [unclosed\n")
        try folder.write("health.yml", "name: Health\nurl: '{{base}}/health'\n")
        try folder.write("environments/local.yaml", "variables:\n  - {name: base, value: 'http://127.0.0.1:8'}\n")

        let outline = CollectionLoader.loadOutline(from: folder.url)
        let collection = outline.collection
        #expect(collection.isOutline)
        #expect(collection.name == "Shop")
        #expect(collection.variables == [KeyValue("base", "http://127.0.0.1:9")])
        #expect(collection.environments.map(\.name) == ["local"])
        #expect(collection.root.folders.map(\.name) == ["Orders"])
        // Every request file, named after its file; nothing inside it read, so no problem either.
        #expect(collection.root.allRequests.map(\.id) == ["orders/broken", "orders/list", "health"])
        #expect(collection.root.allRequests.map(\.definition.name) == ["broken", "list", "health"])
        #expect(collection.root.allRequests.allSatisfy { $0.sourceText == nil && $0.definition.url.isEmpty })
        #expect(outline.problems == [])

        // The full load that follows reads them, and reports the broken one at its line.
        let full = CollectionLoader.load(from: folder.url)
        #expect(!full.collection.isOutline)
        #expect(full.collection.request(id: "orders/list")?.definition.name == "List orders")
        let problem = try #require(full.problems.first)
        #expect(problem.description.hasPrefix("orders/broken.yaml:3:"))
    }

    @Test func anOutlineStillReportsProblemsInTheFilesItReads() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "name: Shop\nvariables: [unclosed\n")
        try folder.write("ping.yaml", "url: http://127.0.0.1/ping\n")
        let outline = CollectionLoader.loadOutline(from: folder.url)
        let problem = try #require(outline.problems.first)
        #expect(problem.file == "collection.yaml")
        #expect(problem.line == 3)
        #expect(outline.collection.root.allRequests.map(\.id) == ["ping"])
    }
}
