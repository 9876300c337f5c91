import Foundation
import Testing
import SondeCore

/// The paging logic without a network: reading each page's items, total, cursor and next link,
/// and every way a listing stops.
@Suite struct PaginationStateTests {
    private func path(_ text: String) throws -> JSONPath { try JSONPath(text) }

    private func response(_ body: String, status: Int = 200, headers: [HeaderField] = [], url: String = "") -> HTTPResponse {
        HTTPResponse(
            status: status, reason: status == 200 ? "OK" : "Service Unavailable", httpVersion: "1.1", headers: headers,
            body: Data(body.utf8), finalURL: url, timings: TransferTimings())
    }

    /// Records `body` as the answer to the state's next page, asked for at `base` with the state's page location.
    private func feed(_ state: inout PaginationState, _ body: String, base: String = "http://api.test/items", headers: [HeaderField] = [], status: Int = 200) {
        let url = state.next.apply(to: base)
        state.record(request: PreparedRequest(method: .GET, url: url), response: response(body, status: status, headers: headers))
    }

    private func itemTexts(_ state: PaginationState) -> [String] {
        state.items.map { $0.tree.rawText(of: $0.node) }
    }

    @Test func pageStyleCountsFromStartAndStopsAtAnEmptyPage() throws {
        var state = PaginationState(Pagination(style: .page, sizeParam: "per_page", size: 2, start: 0))
        #expect(state.next == .parameters([KeyValue("page", "0"), KeyValue("per_page", "2")]))
        feed(&state, "[1, 2]")
        #expect(state.next == .parameters([KeyValue("page", "1"), KeyValue("per_page", "2")]))
        feed(&state, "[3]")
        #expect(state.stop == nil)
        feed(&state, "[]")
        #expect(state.stop == .emptyPage(page: 3))
        #expect(itemTexts(state) == ["1", "2", "3"])
        #expect(state.pages.map(\.request.url) == [
            "http://api.test/items?page=0&per_page=2", "http://api.test/items?page=1&per_page=2", "http://api.test/items?page=2&per_page=2",
        ])
        #expect(String(decoding: JSONTree.arrayBytes(of: state.items, indent: nil), as: UTF8.self) == "[1,2,3]")
    }

    @Test func theTotalFromTheBodyOrAHeaderEndsTheListingWithoutAnEmptyPage() throws {
        var body = PaginationState(Pagination(style: .page, items: try path("$.data[*]"), total: try path("$.meta.total")))
        feed(&body, #"{"data": [1, 2], "meta": {"total": 3}}"#)
        feed(&body, #"{"data": [3], "meta": {"total": "3"}}"#)
        #expect(body.stop == .reachedTotal(3))
        #expect(body.total == 3)

        var header = PaginationState(Pagination(style: .link, totalHeader: "X-Total-Count"))
        feed(&header, "[1, 2]", headers: [HeaderField(name: "x-total-count", value: "2"), HeaderField(name: "Link", value: "<?page=2>; rel=next")])
        #expect(header.stop == .reachedTotal(2))

        // A total that is not a count is a failure of that page, not a silent stop.
        var bad = PaginationState(Pagination(style: .page, total: try path("$.total")))
        feed(&bad, #"{"total": "many"}"#)
        #expect(bad.failure?.description == #"page 1: total $.total is "many", not a whole number of items"#)
        #expect(bad.pages.isEmpty)
    }

    @Test func maxPagesStopsAListingThatWouldGoOnAndSaysSo() throws {
        var state = PaginationState(Pagination(style: .page, maxPages: 2))
        feed(&state, "[1]")
        feed(&state, "[2]")
        #expect(state.stop == .maxPages(2))
        #expect(state.stop?.description == "reached max_pages (2); there may be more pages")
        #expect(state.stop?.mayBeIncomplete == true)
        // A listing that ends on its own at the limit says why it ended instead.
        var ended = PaginationState(Pagination(style: .cursor, maxPages: 1, cursor: try path("$.next")))
        feed(&ended, #"{"next": null}"#)
        #expect(ended.stop == .noNextCursor)
    }

    @Test func cursorStyleSendsTheCursorBackAndStopsOnAMissingNullOrEmptyOne() throws {
        let pagination = Pagination(style: .cursor, items: try path("$.items[*]"), cursor: try path("$.next"), cursorParam: "after")
        var state = PaginationState(pagination)
        #expect(state.next == .asWritten)
        feed(&state, #"{"items": [1], "next": "c2"}"#)
        #expect(state.next == .parameters([KeyValue("after", "c2")]))
        feed(&state, #"{"items": [2], "next": 3}"#)
        #expect(state.next == .parameters([KeyValue("after", "3")]))
        feed(&state, #"{"items": [3], "next": ""}"#)
        #expect(state.stop == .noNextCursor)
        #expect(state.pages.map(\.request.url) == ["http://api.test/items", "http://api.test/items?after=c2", "http://api.test/items?after=3"])

        for last in [#"{"items": [1]}"#, #"{"items": [1], "next": null}"#] {
            var short = PaginationState(pagination)
            feed(&short, last)
            #expect(short.stop == .noNextCursor)
        }
        var object = PaginationState(pagination)
        feed(&object, #"{"items": [1], "next": {"c": 1}}"#)
        #expect(object.failure?.description == "page 1: cursor $.next selects an object, not a text or a number")
    }

    @Test func aCursorSeenBeforeIsALoop() throws {
        var state = PaginationState(Pagination(style: .cursor, cursor: try path("$.next")))
        feed(&state, #"[1]"#)
        #expect(state.stop == .noNextCursor, "a top-level array has no $.next")
        state = PaginationState(Pagination(style: .cursor, items: try path("$.d[*]"), cursor: try path("$.next")))
        feed(&state, #"{"d": [1], "next": "a"}"#)
        feed(&state, #"{"d": [2], "next": "b"}"#)
        feed(&state, #"{"d": [3], "next": "a"}"#)
        #expect(state.stop == .cursorLoop(cursor: "a", page: 3))
        #expect(state.stop?.description == "cursor loop: a repeated at page 3")
        #expect(state.itemCount == 3)
    }

    @Test func linkStyleFollowsRelativeNextLinksAndStopsOnLoopsForeignHostsAndTheLastPage() {
        var state = PaginationState(Pagination(style: .link))
        let next2 = [HeaderField(name: "Link", value: #"</items?page=1>; rel="prev", </items?page=2>; rel="next""#)]
        feed(&state, "[1]", headers: next2)
        #expect(state.next == .url("http://api.test/items?page=2"))
        feed(&state, "[2]", headers: [HeaderField(name: "Link", value: "<items?page=3>; rel=next")])
        #expect(state.next == .url("http://api.test/items?page=3"))
        feed(&state, "[3]", headers: next2)
        #expect(state.stop == .linkLoop(url: "http://api.test/items?page=2", page: 3))

        var foreign = PaginationState(Pagination(style: .link))
        feed(&foreign, "[1]", headers: [HeaderField(name: "Link", value: "<https://evil.test/items?page=2>; rel=next")])
        #expect(foreign.stop == .foreignLink(url: "https://evil.test/items?page=2"))

        var last = PaginationState(Pagination(style: .link))
        feed(&last, "[1]", headers: [HeaderField(name: "Link", value: "</items?page=1>; rel=first")])
        #expect(last.stop == .noNextLink)

        var broken = PaginationState(Pagination(style: .link))
        feed(&broken, "[1]", headers: [HeaderField(name: "Link", value: "<mailto:x@y.test>; rel=next")])
        #expect(broken.failure?.description == "page 1: the Link header's next page is not an http(s) URL: mailto:x@y.test")
    }

    @Test func aFailedPageKeepsThePagesBeforeItAndTheSamePageComesNext() throws {
        var state = PaginationState(Pagination(style: .page))
        feed(&state, "[1]")
        feed(&state, #"{"error": "down"}"#, status: 503)
        #expect(state.failure?.description == "page 2: HTTP 503 Service Unavailable")
        #expect(state.failure?.response?.status == 503)
        #expect(state.pages.count == 1)
        #expect(!state.isFinished)
        #expect(state.nextPageNumber == 2)
        #expect(state.next == .parameters([KeyValue("page", "2")]))
        feed(&state, "not json")
        guard case .notJSON(let error)? = state.failure?.reason else {
            Issue.record("expected a JSON error, got \(String(describing: state.failure))")
            return
        }
        #expect(error.line == 1 && error.column == 1)
        feed(&state, "[2]")
        #expect(state.failure == nil)
        #expect(itemTexts(state) == ["1", "2"])
    }

    @Test func anEmptyBodyIsAnEmptyPage() {
        var state = PaginationState(Pagination(style: .page))
        feed(&state, "[1]")
        feed(&state, "  \n")
        #expect(state.stop == .emptyPage(page: 2))
        #expect(state.itemCount == 1)
    }

    @Test func progressCountsPagesItemsAndTime() {
        var state = PaginationState(Pagination(style: .page))
        state.record(request: PreparedRequest(method: .GET, url: "http://h/x?page=1"), response: response("[1,2,3]"), duration: 0.75)
        state.record(request: PreparedRequest(method: .GET, url: "http://h/x?page=2"), response: response("[4]"), duration: 0.5)
        #expect(state.progress == PaginationProgress(page: 2, items: 4, elapsed: 1.25))
        #expect(state.progress.summary == "page 2 · 4 items · 1.3 s")
        #expect(PaginationProgress(page: 1, items: 1, elapsed: 0.04).summary == "page 1 · 1 item · 0.0 s")
    }
}
