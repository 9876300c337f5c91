import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Synchronization
import Testing

/// `Paginator` over real HTTP against the demo API: the three styles, the stop conditions, a
/// page that fails and is retried, a cursor loop, cancelling, and fetching one page at a time.
@Suite struct PaginatorTests {
    private let sender = RequestSender(transport: CurlTransport())
    private let demo = CollectionLoader.load(
        from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("collections/demo")).collection

    /// A paged request of its own (not on disk) to the demo server at `endpoint`.
    private func paginator(
        _ endpoint: DemoEndpoint, _ path: String, params: [KeyValue] = [], _ pagination: Pagination,
        retry: RetryOverrides = RetryOverrides()
    ) throws -> Paginator {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("paging")
        let saved = SavedRequest(
            id: "list", fileURL: root.appendingPathComponent("list.yaml"),
            definition: RequestDefinition(
                name: "list", url: endpoint.url(path), params: params, options: OptionOverrides(retry: retry), pagination: pagination))
        let collection = RequestCollection(name: "paging", rootURL: root, root: RequestFolder(name: "paging", path: "", url: root, requests: [saved]))
        let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        return try #require(Paginator(saved, in: context, sender: sender))
    }

    /// The bundled demo request `id`, against the demo server at `endpoint`.
    private func demoPaginator(_ id: String, _ endpoint: DemoEndpoint) throws -> Paginator {
        let context = SendContext(
            collection: demo, environment: demo.environment(named: "local"), secretSource: SecretSource(processEnvironment: [:]),
            overrides: ["baseUrl": endpoint.url("")])
        let saved = try #require(demo.request(id: id))
        return try #require(Paginator(saved, in: context, sender: sender))
    }

    private func ids(_ state: PaginationState) -> [Int] {
        state.items.compactMap { item in
            item.tree.children(of: item.node).first { item.tree.key(of: $0) == "id" }.flatMap { Int(item.tree.rawText(of: $0)) }
        }
    }

    private func path(_ text: String) throws -> JSONPath { try JSONPath(text) }

    @Test func pageStyleGathersEveryPageAndStopsAtTheTotal() async throws {
        try await withDemoServer { endpoint in
            let state = try await demoPaginator("paging/pages", endpoint).fetchAll()
            #expect(state.failure == nil)
            #expect(state.stop == .reachedTotal(45))
            #expect(state.pages.count == 5)
            #expect(ids(state) == Array(1...45))
            #expect(state.pages.map(\.request.url) == (1...5).map { endpoint.url("/paged/pages?count=45&page=\($0)&per_page=10") })
            let array = try JSONTree(JSONTree.arrayBytes(of: state.items))
            #expect(array.childCount(of: array.root) == 45)
        }
    }

    @Test func withoutATotalTheEmptyPageEndsTheListing() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .page, items: try path("$.data[*]"), sizeParam: "per_page", size: 10)
            let state = try await paginator(endpoint, "/paged/pages", params: [KeyValue("count", "25")], pagination).fetchAll()
            #expect(state.stop == .emptyPage(page: 4))
            #expect(state.pages.map(\.items.count) == [10, 10, 5, 0])
            #expect(ids(state) == Array(1...25))
        }
    }

    @Test func cursorStyleSendsEachCursorBackUntilThereIsNone() async throws {
        try await withDemoServer { endpoint in
            let state = try await demoPaginator("paging/cursor", endpoint).fetchAll()
            #expect(state.stop == .noNextCursor)
            #expect(ids(state) == Array(1...45))
            #expect(state.pages.map(\.request.url).dropFirst().first == endpoint.url("/paged/cursor?per_page=10&cursor=after-10"))
        }
    }

    @Test func linkStyleFollowsTheRelativeNextLinks() async throws {
        try await withDemoServer { endpoint in
            let state = try await demoPaginator("paging/link", endpoint).fetchAll()
            #expect(state.stop == .noNextLink)
            #expect(ids(state) == [1, 2, 3])
            #expect(state.pages.map(\.request.url) == [
                endpoint.url("/users?per_page=1"), endpoint.url("/users?page=2&per_page=1"), endpoint.url("/users?page=3&per_page=1"),
            ])
        }
    }

    @Test func aTotalHeaderEndsALinkListingWithoutAnotherRequest() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .link, totalHeader: "X-Total-Count")
            let state = try await paginator(endpoint, "/users", params: [KeyValue("per_page", "2")], pagination).fetchAll()
            #expect(state.stop == .reachedTotal(3))
            #expect(state.pages.count == 2)
            #expect(ids(state) == [1, 2, 3])
        }
    }

    @Test func maxPagesStopsTheListingAndSaysThereMayBeMore() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .page, items: try path("$.data[*]"), maxPages: 2)
            let state = try await paginator(endpoint, "/paged/pages", pagination).fetchAll()
            #expect(state.stop == .maxPages(2))
            #expect(state.stop?.mayBeIncomplete == true)
            #expect(ids(state) == Array(1...20))
        }
    }

    @Test func aCursorLoopIsStoppedWithTheRepeatedCursor() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .cursor, items: try path("$.data[*]"), cursor: try path("$.meta.next_cursor"))
            let state = try await paginator(endpoint, "/paged/cursor", params: [KeyValue("loop", "3")], pagination).fetchAll()
            #expect(state.stop == .cursorLoop(cursor: "after-20", page: 3))
            #expect(state.stop?.description == "cursor loop: after-20 repeated at page 3")
            #expect(state.pages.count == 3)
            #expect(ids(state) == Array(1...30))
        }
    }

    @Test func aPageThatFailsOnceIsRetriedAndTheListingCompletes() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .page, items: try path("$.data[*]"), total: try path("$.meta.total"))
            let params = [KeyValue("count", "25"), KeyValue("fail_page", "2"), KeyValue("id", UUID().uuidString)]
            let events = Mutex<[String]>([])
            let state = try await paginator(
                endpoint, "/paged/pages", params: params, pagination, retry: RetryOverrides(attempts: 3, base: 0.01, jitter: false)
            ).fetchAll { event in
                let line: String? = switch event {
                case .pageStarted(let progress): "start \(progress.page)"
                case .retry(let page, .waiting(let attempt, _, _)): "page \(page) waits for attempt \(attempt)"
                case .retry: nil
                case .pageFinished(let page, let progress): "page \(page.number): \(progress.items) items"
                case .pageFailed(let failure): failure.description
                }
                if let line { events.withLock { $0.append(line) } }
            }
            #expect(state.failure == nil)
            #expect(state.stop == .reachedTotal(25))
            #expect(ids(state) == Array(1...25))
            #expect(state.pages.map(\.attempts.count) == [1, 2, 1])
            #expect(state.pages[1].attempts.map(\.result) == [
                .response(status: 503, reason: "Service Unavailable"), .response(status: 200, reason: "OK"),
            ])
            #expect(events.withLock { $0 } == [
                "start 1", "page 1: 10 items", "start 2", "page 2 waits for attempt 2", "page 2: 20 items", "start 3", "page 3: 25 items",
            ])
        }
    }

    @Test func aPageThatFailsKeepsTheEarlierPagesAndCanBeFetchedAgain() async throws {
        try await withDemoServer { endpoint in
            let pagination = Pagination(style: .page, items: try path("$.data[*]"), total: try path("$.meta.total"))
            let params = [KeyValue("count", "25"), KeyValue("fail_page", "2"), KeyValue("id", UUID().uuidString)]
            let paginator = try paginator(endpoint, "/paged/pages", params: params, pagination)
            let failed = await paginator.fetchAll()
            let failure = try #require(failed.failure)
            #expect(failure.page == 2)
            #expect(failure.description == "page 2: HTTP 503 Service Unavailable")
            #expect(ids(failed) == Array(1...10))
            #expect(!failed.isFinished)
            // The server fails page 2 once per id: asking again ("load more") gets it.
            let resumed = await paginator.fetchAll(from: failed)
            #expect(resumed.failure == nil)
            #expect(ids(resumed) == Array(1...25))
        }
    }

    @Test func pagesCanBeFetchedOneAtATime() async throws {
        try await withDemoServer { endpoint in
            let paginator = try demoPaginator("paging/cursor", endpoint)
            var state = paginator.start()
            #expect(state.nextPageNumber == 1)
            state = await paginator.fetchNextPage(after: state)
            #expect(ids(state) == Array(1...10))
            #expect(state.progress.page == 1 && state.progress.items == 10 && state.progress.elapsed > 0)
            state = await paginator.fetchNextPage(after: state)
            #expect(ids(state) == Array(1...20))
            #expect(!state.isFinished)
            let rest = await paginator.fetchAll(from: state)
            #expect(ids(rest) == Array(1...45))
            // Past the end, fetching changes nothing.
            let after = await paginator.fetchNextPage(after: rest)
            #expect(after.pages.count == rest.pages.count)
        }
    }

    @Test func cancellingStopsBeforeTheNextPage() async throws {
        try await withDemoServer { endpoint in
            let paginator = try demoPaginator("paging/pages", endpoint)
            let flag = CancellationFlag()
            let state = await paginator.fetchAll(cancellation: flag) { event in
                if case .pageFinished(let page, _) = event, page.number == 2 { flag.cancel() }
            }
            #expect(state.failure?.isCancelled == true)
            #expect(state.failure?.page == 3)
            #expect(state.pages.count == 2)
        }
    }

    @Test func aRefusedConnectionIsAFailureOfThePage() async throws {
        let endpoint = DemoEndpoint(port: 1)
        let state = try await paginator(endpoint, "/items", Pagination(style: .link)).fetchAll()
        guard case .send(.transport(let failure))? = state.failure?.reason else {
            Issue.record("expected a transport failure, got \(String(describing: state.failure))")
            return
        }
        #expect(failure.error == .connectionRefused(host: "127.0.0.1", port: 1))
        #expect(state.failure?.page == 1)
        #expect(state.pages.isEmpty)
    }
}
