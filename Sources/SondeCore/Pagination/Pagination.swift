/// How a request's listing is paged, as its `paginate:` block writes it: which style, where the
/// items of each page are, and when to stop. `Paginator` follows it page after page.
///
///     paginate:
///       style: page              # page | cursor | link
///       items: $.data[*]         # the items on each page (default $[*], a top-level array)
///       max_pages: 50            # hard limit (default 100)
///       page_param: page         # page style: the page number's query parameter (default page),
///       start: 1                 #   its first value (default 1),
///       size_param: per_page     #   and optionally a page size sent with every page
///       size: 20
///       total: $.meta.total      # any style: stop once this many items are in (or total_header: X-Total-Count)
///     paginate:
///       style: cursor
///       cursor: $.meta.next_cursor   # the next cursor; the listing ends when it is missing, null or ""
///       cursor_param: cursor         # sent back as this query parameter (default cursor)
///     paginate: link                 # follow the Link header's rel="next" (RFC 8288)
///
/// Each field is optional as written, so saving writes back only what the file said; the
/// `effective…` properties give sonde's defaults for what it leaves out. Parameter names are
/// taken literally, not as `{{templates}}`.
public struct Pagination: Sendable, Equatable {
    public enum Style: String, Sendable, Equatable, CaseIterable {
        /// A page number (and optionally a page size) sent as query parameters.
        case page
        /// A cursor read from each page's body and sent back as a query parameter.
        case cursor
        /// The URL in each page's `Link: <…>; rel="next"` header.
        case link
    }

    public var style: Style
    /// The items of each page; nil for every element of a top-level array (`$[*]`).
    public var items: JSONPath?
    /// Pages fetched at most; nil for `defaultMaxPages`.
    public var maxPages: Int?
    /// Page style: the query parameter carrying the page number; nil for `page`.
    public var pageParam: String?
    /// Page style: the query parameter carrying `size`, when the API takes one.
    public var sizeParam: String?
    /// Page style: items per page, sent as `sizeParam` on every page.
    public var size: Int?
    /// Page style: the first page's number; nil for 1.
    public var start: Int?
    /// Where the total item count is in a page's body; the listing stops once that many are in.
    public var total: JSONPath?
    /// A response header holding the total item count (`X-Total-Count`), instead of `total`.
    public var totalHeader: String?
    /// Cursor style: where the next cursor is in a page's body.
    public var cursor: JSONPath?
    /// Cursor style: the query parameter the cursor is sent back as; nil for `cursor`.
    public var cursorParam: String?

    /// A hundred pages: enough for any listing a person reads, and a bound on a server that never stops.
    public static let defaultMaxPages = 100

    public init(
        style: Style, items: JSONPath? = nil, maxPages: Int? = nil, pageParam: String? = nil, sizeParam: String? = nil,
        size: Int? = nil, start: Int? = nil, total: JSONPath? = nil, totalHeader: String? = nil, cursor: JSONPath? = nil,
        cursorParam: String? = nil
    ) {
        self.style = style
        self.items = items
        self.maxPages = maxPages
        self.pageParam = pageParam
        self.sizeParam = sizeParam
        self.size = size
        self.start = start
        self.total = total
        self.totalHeader = totalHeader
        self.cursor = cursor
        self.cursorParam = cursorParam
    }

    public var effectiveMaxPages: Int { maxPages ?? Self.defaultMaxPages }
    public var effectivePageParam: String { pageParam ?? "page" }
    public var effectiveStart: Int { start ?? 1 }
    public var effectiveCursorParam: String { cursorParam ?? "cursor" }
}
