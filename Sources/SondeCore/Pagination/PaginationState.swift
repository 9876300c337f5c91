import Foundation

/// Where a paged listing stands: the pages gathered, where the next one is, and whether the
/// listing has ended and why. A value: `Paginator.fetchNextPage` takes one and returns it one
/// page further, so a screen can hold it and "load more" on demand.
///
/// `record(request:response:attempts:duration:)` is the whole of the paging logic and does no
/// I/O: it reads a page's items, total, cursor or next link, and decides what comes next.
public struct PaginationState: Sendable {
    public let pagination: Pagination
    /// Every page gathered, in order.
    public private(set) var pages: [FetchedPage] = []
    /// Set once there are no more pages to fetch.
    public private(set) var stop: PaginationStop?
    /// Set when the last attempt at the next page failed; fetching again retries that page.
    public private(set) var failure: PageFailure?
    /// The next page to fetch, relative to the request as written.
    public private(set) var next: PageLocation
    /// The total number of items the server announced, by `total` or `total_header`, if any.
    public private(set) var total: Int?
    /// Items gathered over all pages.
    public private(set) var itemCount = 0
    /// Seconds spent fetching, retry waits included.
    public private(set) var elapsed: Double = 0

    private var cursorsSent: Set<String> = []
    private var urlsFetched: Set<String> = []
    private var firstOrigin: String?

    /// A listing not yet started: its first page is next.
    public init(_ pagination: Pagination) {
        self.pagination = pagination
        next = switch pagination.style {
        case .page: Self.pageLocation(pagination, number: pagination.effectiveStart)
        case .cursor, .link: .asWritten
        }
    }

    /// The number of the page fetched next, 1 for the first.
    public var nextPageNumber: Int { pages.count + 1 }

    /// Whether the listing has ended; a failed page does not end it.
    public var isFinished: Bool { stop != nil }

    /// Every item gathered, in order, for `JSONTree.arrayBytes(of:)`.
    public var items: [(tree: JSONTree, node: Int)] {
        pages.flatMap { page in page.items.map { (tree: page.tree, node: $0) } }
    }

    public var progress: PaginationProgress {
        PaginationProgress(page: pages.count, items: itemCount, elapsed: elapsed)
    }

    /// Takes in the answer to the next page: a page of items, or a `failure` when it is not a
    /// 2xx JSON answer whose total, cursor and next link can be read. `request` is the page's
    /// request as sent; its URL resolves a relative next link.
    public mutating func record(request: PreparedRequest, response: HTTPResponse, attempts: [Attempt] = [], duration: Double = 0) {
        elapsed += duration
        let number = nextPageNumber
        func fail(_ reason: PageFailure.Reason) {
            failure = PageFailure(page: number, reason: reason, attempts: attempts, response: response)
        }
        guard (200..<300).contains(response.status) else {
            return fail(.status(response.status, reason: request.secrets.redact(response.reason)))
        }
        let body: Data
        do {
            body = try response.bodyContents()
        } catch {
            return fail(.unreadable("cannot read the body back: \(FileErrorText.describe(error))"))
        }
        let reading: PageReading
        do {
            reading = try PageReading(body: body, headers: response.headers, pagination: pagination, pageURL: response.finalURL.isEmpty ? request.url : response.finalURL)
        } catch let error as JSONSyntaxError {
            return fail(.notJSON(error))
        } catch {
            return fail(.unreadable(request.secrets.redact("\(error)")))
        }
        failure = nil
        pages.append(FetchedPage(
            number: number, request: request, response: response, attempts: attempts, tree: reading.tree,
            items: reading.items, duration: duration))
        itemCount += reading.items.count
        urlsFetched.insert(request.url)
        if firstOrigin == nil { firstOrigin = PageLocation.origin(of: request.url) }
        if let announced = reading.total { total = announced }
        stop = decideStop(after: reading, page: number)
    }

    /// Takes in a failure to get the next page at all: nothing sent, or no response.
    public mutating func record(_ failure: PageFailure, duration: Double = 0) {
        elapsed += duration
        self.failure = failure
    }

    /// Whether page `page`, just read, is the last; sets `next` when it is not.
    private mutating func decideStop(after reading: PageReading, page: Int) -> PaginationStop? {
        if reading.items.isEmpty { return .emptyPage(page: page) }
        if let total, itemCount >= total { return .reachedTotal(total) }
        let following: PageLocation
        switch pagination.style {
        case .page:
            let (number, overflow) = pagination.effectiveStart.addingReportingOverflow(page)
            if overflow { return .maxPages(page) }
            following = Self.pageLocation(pagination, number: number)
        case .cursor:
            guard let cursor = reading.nextCursor, !cursor.isEmpty else { return .noNextCursor }
            if cursorsSent.contains(cursor) { return .cursorLoop(cursor: cursor, page: page) }
            following = .parameters([KeyValue(pagination.effectiveCursorParam, cursor)])
        case .link:
            guard let link = reading.nextLink else { return .noNextLink }
            if PageLocation.origin(of: link) != firstOrigin { return .foreignLink(url: link) }
            if urlsFetched.contains(link) { return .linkLoop(url: link, page: page) }
            following = .url(link)
        }
        if page >= pagination.effectiveMaxPages { return .maxPages(pagination.effectiveMaxPages) }
        if case .parameters(let rows) = following, pagination.style == .cursor, let cursor = rows.first?.value {
            cursorsSent.insert(cursor)
        }
        next = following
        return nil
    }

    /// The page-style parameters of page `number`: the page, and the size when there is one.
    private static func pageLocation(_ pagination: Pagination, number: Int) -> PageLocation {
        var rows = [KeyValue(pagination.effectivePageParam, String(number))]
        if let sizeParam = pagination.sizeParam, let size = pagination.size { rows.append(KeyValue(sizeParam, String(size))) }
        return .parameters(rows)
    }
}

/// What one page says about the listing, read from its body and headers.
struct PageReading {
    var tree: JSONTree
    var items: [Int]
    var total: Int?
    var nextCursor: String?
    /// Absolute.
    var nextLink: String?

    /// An error that makes a page unusable, in the user's words.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Throws `JSONSyntaxError` for a body that is not JSON, `Problem` for a total, cursor or
    /// link that cannot be used. An empty body reads as an empty page: a 204 at the end of a listing.
    init(body: Data, headers: [HeaderField], pagination: Pagination, pageURL: String) throws {
        let isBlank = body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let tree = try isBlank ? JSONTree(text: "[]") : JSONTree(body)
        self.tree = tree
        if isBlank {
            items = []
        } else if let path = pagination.items {
            items = path.evaluate(in: tree)
        } else {
            items = Array(tree.children(of: tree.root))
        }

        if let path = pagination.total, let node = path.first(in: tree), tree.kind(of: node) != .null {
            total = try Self.count(tree.scalarText(of: node), what: "total \(path)")
        } else if let name = pagination.totalHeader, let value = headers.first(named: name) {
            total = try Self.count(value, what: "the \(name) header")
        }
        if let path = pagination.cursor, pagination.style == .cursor, let node = path.first(in: tree) {
            if tree.kind(of: node).isContainer {
                throw Problem(description: "cursor \(path) selects an \(tree.kind(of: node)), not a text or a number")
            }
            nextCursor = tree.scalarText(of: node)
        }
        if pagination.style == .link, let next = WebLink.links(in: headers).first(where: { $0.hasRelation("next") }) {
            guard let absolute = PageLocation.resolve(next.target, against: pageURL) else {
                throw Problem(description: "the Link header's next page is not an http(s) URL: \(next.target)")
            }
            nextLink = absolute
        }
    }

    private static func count(_ text: String?, what: String) throws(Problem) -> Int {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let value = Int(trimmed), value >= 0 else {
            throw Problem(description: "\(what) is \(text.map { "\"\($0)\"" } ?? "not a scalar"), not a whole number of items")
        }
        return value
    }
}
