import Foundation
import SondeDemoServer
import Testing

/// `sonde send --all-pages` (and `--ndjson`): the real binary against the demo API's paged
/// listings, through a pipe and on a terminal.
@Suite struct PaginationCommandTests {

    private static let bundled = SondeBinary.repositoryRoot.appendingPathComponent("collections")

    private func send(
        _ request: String, _ base: String, _ flags: [String] = ["--all-pages"], collections: URL = bundled,
        environment: [String: String] = [:]
    ) async throws -> RunResult {
        try await SondeBinary.run(
            ["send", request, "--env", "local", "--collections", collections.path, "--var", "baseUrl=\(base)"] + flags,
            environment: environment)
    }

    /// The `id`s of a JSON array of objects.
    private func ids(_ json: String) throws -> [Int] {
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return items.compactMap { $0["id"] as? Int }
    }

    @Test func allPagesPrintsTheItemsOfEveryPageAsOneJSONArray() async throws {
        try await withServer { base in
            let result = try await send("demo/paging/pages", base)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try ids(result.stdout) == Array(1...45))
            #expect(result.stdout.hasPrefix("[\n  {\n    \"id\": 1,\n    \"name\": \"item 1\"\n  },\n"))
            #expect(result.stdout.hasSuffix("  }\n]\n"))
            #expect(result.stderr.hasPrefix("5 pages · 45 items · "))
            #expect(result.stderr.hasSuffix(" · reached the total of 45 items\n"))
            #expect(!result.stderr.contains("\r"), "no progress line through a pipe")

            let link = try await send("demo/paging/link", base)
            #expect(link.status == 0)
            #expect(try ids(link.stdout) == [1, 2, 3])
            #expect(link.stderr.hasSuffix(" · no next link\n"))
        }
    }

    @Test func ndjsonPrintsOneCompactItemALine() async throws {
        try await withServer { base in
            let result = try await send("demo/paging/cursor", base, ["--all-pages", "--ndjson"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == (1...45).map { "{\"id\":\($0),\"name\":\"item \($0)\"}\n" }.joined())
            #expect(result.stderr.hasSuffix(" · no next cursor\n"))

            let folder = try DemoCollectionCopy()
            let file = folder.root.appendingPathComponent("items.json")
            let saved = try await send("demo/paging/link", base, ["--all-pages", "-o", file.path])
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(saved.stdout.isEmpty)
            #expect(saved.stderr.hasPrefix("saved 3 items to \(file.path)\n"))
            #expect(try ids(String(contentsOf: file, encoding: .utf8)) == [1, 2, 3])
        }
    }

    @Test func withoutAPaginateBlockAllPagesIsAUsageError() async throws {
        try await withServer { base in
            let plain = try await send("demo/users/list", base)
            #expect(plain.status == 64)
            #expect(plain.stderr == "error: --all-pages needs a paginate: block in users/list (style page, cursor or link; see README.md)\n")
            #expect(plain.stdout.isEmpty)
            let ndjson = try await send("demo/paging/cursor", base, ["--ndjson"])
            #expect(ndjson.status == 64)
            #expect(ndjson.stderr.contains("--ndjson goes with --all-pages"))
            let curl = try await send("demo/paging/cursor", base, ["--all-pages", "--curl"])
            #expect(curl.status == 64)
            #expect(curl.stderr.contains("--curl prints one request; it does not go with --all-pages"))
        }
    }

    @Test func aCursorLoopStopsTheListingAndSaysWhere() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("paging/loop.yaml", """
                url: "{{baseUrl}}/paged/cursor"
                params: [{name: loop, value: "3"}]
                paginate:
                  style: cursor
                  items: $.data[*]
                  cursor: $.meta.next_cursor
                """)
            let result = try await send("demo/paging/loop", base, collections: folder.root)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try ids(result.stdout) == Array(1...30))
            #expect(result.stderr.hasPrefix("3 pages · 30 items · "))
            #expect(result.stderr.hasSuffix(" · cursor loop: after-20 repeated at page 3\n"))
        }
    }

    @Test func aFailedPageExitsWithItsCodeAfterPrintingTheItemsBeforeIt() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("paging/flaky.yaml", """
                url: "{{baseUrl}}/paged/pages"
                params:
                  - {name: fail_page, value: "2"}
                  - {name: id, value: "\(UUID().uuidString)"}
                  - {name: key, value: "{{env:PAGE_KEY}}"}
                paginate: {style: page, items: "$.data[*]", max_pages: 3}
                """)
            let failed = try await send("demo/paging/flaky", base, ["--all-pages", "-v"], collections: folder.root, environment: ["PAGE_KEY": "hush-4711"])
            #expect(failed.status == 11, "\(failed.stderr)")
            #expect(try ids(failed.stdout) == Array(1...10))
            #expect(failed.stderr.contains("?fail_page=2&id="))
            #expect(failed.stderr.contains("&key=••••&page=1\nHTTP/1.1 200 OK  "))
            #expect(failed.stderr.contains("  page 1, 10 items\n"))
            #expect(failed.stderr.contains("1 page · 10 items · "))
            #expect(failed.stderr.hasSuffix("error: page 2: HTTP 503 Service Unavailable\n"))
            #expect(!failed.output.contains("hush-4711"))

            // The server fails page 2 once per id; with a retry the listing completes.
            try folder.write("paging/retried.yaml", """
                url: "{{baseUrl}}/paged/pages"
                params:
                  - {name: fail_page, value: "2"}
                  - {name: id, value: "\(UUID().uuidString)"}
                paginate: {style: page, items: "$.data[*]", max_pages: 3}
                options: {retry: {attempts: 2, base: 0.01}}
                """)
            let retried = try await send("demo/paging/retried", base, ["--all-pages", "-v"], collections: folder.root)
            #expect(retried.status == 0, "\(retried.stderr)")
            #expect(try ids(retried.stdout) == Array(1...30))
            #expect(retried.stderr.contains("* attempt 1: 503 Service Unavailable ("))
            #expect(retried.stderr.contains("* attempt 2: 200 OK ("))
            #expect(retried.stderr.hasSuffix(" · reached max_pages (3); there may be more pages\n"))
        }
    }

    @Test func aTerminalShowsTheProgressLine() async throws {
        try await withServer { base in
            let command = "\(SondeBinary.url.path) send demo/paging/pages --env local --collections \(Self.bundled.path) --var baseUrl=\(base) --all-pages --ndjson"
            let screen = try await SondeBinary.runInTerminal(command)
            #expect(screen.contains("\rpage 5 · 40 items · "), "the progress line while page 5 is under way")
            #expect(screen.contains("\rpage 5 · 45 items · "))
            #expect(screen.contains("\r\u{1B}[K{\"id\":1,\"name\":\"item 1\"}"), "the line is cleared before the items")
            #expect(screen.contains("5 pages · 45 items · "))
            #expect(screen.contains("{\"id\":45,\"name\":\"item 45\"}"))
        }
    }
}
