/// Why a listing has no more pages to fetch: the natural ends, and the guards against a
/// server that would page forever.
public enum PaginationStop: Sendable, Equatable, CustomStringConvertible {
    /// Page `page` had no items (or no body at all).
    case emptyPage(page: Int)
    /// The items gathered reached the total the server announced.
    case reachedTotal(Int)
    /// The last page's cursor was missing, null or empty.
    case noNextCursor
    /// The last page's `Link` header had no `rel="next"`.
    case noNextLink
    /// `max_pages` pages were fetched and the server offered more.
    case maxPages(Int)
    /// Page `page` gave a cursor already sent: following it would go round for ever.
    case cursorLoop(cursor: String, page: Int)
    /// Page `page` linked to a URL already fetched.
    case linkLoop(url: String, page: Int)
    /// The next link leads to another scheme, host or port than the first page's.
    case foreignLink(url: String)

    /// Whether the server may have had more items than were gathered.
    public var mayBeIncomplete: Bool {
        switch self {
        case .emptyPage, .reachedTotal, .noNextCursor, .noNextLink: false
        case .maxPages, .cursorLoop, .linkLoop, .foreignLink: true
        }
    }

    public var description: String {
        switch self {
        case .emptyPage(let page): "page \(page) had no items"
        case .reachedTotal(let total): "reached the total of \(total) items"
        case .noNextCursor: "no next cursor"
        case .noNextLink: "no next link"
        case .maxPages(let count): "reached max_pages (\(count)); there may be more pages"
        case .cursorLoop(let cursor, let page): "cursor loop: \(cursor) repeated at page \(page)"
        case .linkLoop(let url, let page): "link loop: \(url) repeated at page \(page)"
        case .foreignLink(let url): "not following the next link to another site: \(url)"
        }
    }
}
