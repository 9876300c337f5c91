import Foundation
import Testing
@testable import SondeCore

/// The `paginate:` block in request files: its forms, its errors at file:line:column, and saving.
@Suite struct PaginationDecodingTests {
    private func path(_ text: String) throws -> JSONPath { try JSONPath(text) }

    @Test func everyStyleAndTheShorthandDecode() throws {
        let folder = try TemporaryFolder()
        try folder.write("pages.yaml", """
            url: http://127.0.0.1/x
            paginate:
              style: page
              items: $.data[*]
              max_pages: 50
              page_param: p
              size_param: per_page
              size: 20
              start: 0
              total: $.meta.total
            """)
        try folder.write("cursor.yaml", """
            url: http://127.0.0.1/x
            paginate:
              style: cursor
              cursor: "$.meta['next cursor']"
              cursor_param: after
              total_header: X-Total-Count
            """)
        try folder.write("link.yaml", "url: http://127.0.0.1/x\npaginate: link\n")
        try folder.write("plain.yaml", "url: http://127.0.0.1/x\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        let collection = loaded.collection
        #expect(collection.request(id: "pages")?.definition.pagination == Pagination(
            style: .page, items: try path("$.data[*]"), maxPages: 50, pageParam: "p", sizeParam: "per_page", size: 20, start: 0,
            total: try path("$.meta.total")))
        let cursor = try #require(collection.request(id: "cursor")?.definition.pagination)
        #expect(cursor == Pagination(
            style: .cursor, totalHeader: "X-Total-Count", cursor: try path("$.meta['next cursor']"), cursorParam: "after"))
        #expect(cursor.effectiveMaxPages == 100)
        #expect(cursor.effectiveCursorParam == "after")
        let link = try #require(collection.request(id: "link")?.definition.pagination)
        #expect(link == Pagination(style: .link))
        #expect(link.effectivePageParam == "page" && link.effectiveStart == 1)
        #expect(collection.request(id: "plain")?.definition.pagination == nil)
    }

    @Test func badValuesAreReportedAtTheirLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", """
            url: http://127.0.0.1/x
            paginate:
              style: page
              items: $.data[*
              max_pages: 0
              cursor: $.next
              size: 20
              pages: 3
            """)
        try folder.write("quoted.yaml", """
            url: http://127.0.0.1/x
            paginate: {style: link, items: "$.data..", total: $.t, total_header: X-Total}
            """)
        try folder.write("nocursor.yaml", "url: http://127.0.0.1/x\npaginate:\n  style: cursor\n")
        try folder.write("nostyle.yaml", "url: http://127.0.0.1/x\npaginate: {items: $}\n")
        try folder.write("wrongstyle.yaml", "url: http://127.0.0.1/x\npaginate: {style: offset}\n")
        try folder.write("scalar.yaml", "url: http://127.0.0.1/x\npaginate: cursor\n")
        let problems = CollectionLoader.load(from: folder.url).problems.map(\.description).sorted()
        #expect(problems == [
            "bad.yaml:4:18: paginate items: invalid JSONPath at column 9: expected ']' to close the '[' at column 7",
            "bad.yaml:5:14: paginate max_pages must be a whole number from 1 to 1000000000",
            "bad.yaml:6:3: paginate cursor belongs to style cursor, not page",
            "bad.yaml:7:9: paginate size and size_param go together: size_param names the query parameter, size its value",
            "bad.yaml:8:3: unknown paginate option pages: expected style, items, max_pages, page_param, size_param, size, start, total, total_header, cursor, cursor_param",
            "nocursor.yaml:3:10: paginate style cursor needs cursor: the JSONPath of the next cursor, such as $.meta.next_cursor",
            "nostyle.yaml:2:11: paginate needs a style: page, cursor, link",
            "quoted.yaml:2:70: paginate takes total (a JSONPath) or total_header (a header name), not both",
            "quoted.yaml:2:41: paginate items: invalid JSONPath at column 9: expected a name, '*' or '[' after '..'",
            "scalar.yaml:2:11: paginate must be a style (page or link) or a mapping such as {style: cursor, cursor: $.next}",
            "wrongstyle.yaml:2:19: paginate style must be one of page, cursor, link, not offset",
        ].sorted())
        // What is usable of a request with a bad paginate block still loads.
        let loaded = CollectionLoader.load(from: folder.url).collection
        #expect(loaded.request(id: "bad")?.definition.pagination?.style == .page)
        #expect(loaded.request(id: "nocursor")?.definition.pagination == nil)
    }

    @Test func anUntouchedPaginateBlockSurvivesASaveAndAChangedOneIsWritten() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("list.yaml", """
            name: List
            url: http://127.0.0.1/items
            paginate:
              style: cursor
              items: $.data[*]
              cursor: $.meta.next_cursor
            description: Items.

            """)
        var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "list"))
        saved.definition.method = .POST
        _ = try RequestFileWriter.save(saved)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("paginate:\n  style: cursor\n  items: $.data[*]\n  cursor: $.meta.next_cursor\ndescription:"))
        let reloaded = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "list"))
        #expect(reloaded.definition.method == .POST)
        #expect(reloaded.definition.pagination == saved.definition.pagination)

        var changed = reloaded
        changed.definition.pagination?.maxPages = 7
        changed.definition.pagination?.cursorParam = "after"
        changed = try RequestFileWriter.save(changed)
        let again = CollectionLoader.load(from: folder.url)
        #expect(again.problems == [])
        #expect(again.collection.request(id: "list")?.definition.pagination == changed.definition.pagination)

        var removed = changed
        removed.definition.pagination = nil
        _ = try RequestFileWriter.save(removed)
        #expect(try !String(contentsOf: file, encoding: .utf8).contains("paginate"))
    }

    @Test func aBrokenPaginateBlockIsKeptAsWrittenWhenSaving() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("list.yaml", "url: http://127.0.0.1/items\npaginate: {style: sideways}\n")
        var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "list"))
        saved.definition.name = "Renamed"
        _ = try RequestFileWriter.save(saved)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("style: sideways"))
    }
}
