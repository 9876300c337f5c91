/// How far a listing has got: what a progress line shows while pages arrive.
public struct PaginationProgress: Sendable, Equatable {
    /// Pages fetched, or for `PaginationEvent.pageStarted` the number of the page under way.
    public var page: Int
    public var items: Int
    /// Seconds spent fetching so far, retry waits included.
    public var elapsed: Double

    public init(page: Int, items: Int, elapsed: Double) {
        self.page = page
        self.items = items
        self.elapsed = elapsed
    }

    /// "page 3 · 60 items · 1.2 s".
    public var summary: String {
        "page \(page) · \(items) \(items == 1 ? "item" : "items") · \(DecimalText.fixed(elapsed, digits: 1)) s"
    }
}

/// What a `Paginator` reports while it fetches, in order for each page: `pageStarted`, any
/// `retry` events of its tries, then `pageFinished` or `pageFailed`.
public enum PaginationEvent: Sendable {
    case pageStarted(PaginationProgress)
    /// A try of page `page`, or a wait before the next one (see `RetryEvent`).
    case retry(page: Int, RetryEvent)
    case pageFinished(FetchedPage, PaginationProgress)
    case pageFailed(PageFailure)
}

/// Receives `PaginationEvent`s on the fetching task; it must return quickly.
public typealias PaginationObserver = @Sendable (PaginationEvent) -> Void
