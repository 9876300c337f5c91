import FlyingFox
import Synchronization

/// Listings of generated items (`{"id": 7, "name": "item 7"}`) paged the ways APIs page them,
/// for sonde's `paginate:` and its tests. `/users` and `/posts` already page by number with
/// `X-Total-Count` and `Link` headers; these add a wrapped body and a cursor, and misbehave on
/// request.
///
/// - `GET /paged/pages?page=1&per_page=10&count=45` answers
///   `{"data": [...], "meta": {"page": 1, "per_page": 10, "total": 45}}` with `X-Total-Count`.
///   `fail_page=2&id=abc` answers 503 to the first request for page 2 of each `id`, then 200.
/// - `GET /paged/cursor?cursor=&per_page=10&count=45` answers
///   `{"data": [...], "meta": {"next_cursor": "after-10"}}`, null on the last page.
///   `loop=3` makes page 3 give back the cursor it was asked with, as a buggy server would.
struct PagedRoutes: RouteGroup {
    /// Most items a listing may have, so a typo cannot make a demo allocate without bound.
    static let maximumCount = 100_000

    /// The ids whose page `fail_page` has failed once. Cleared past `capacity`, as `/flaky` does.
    private final class FailedOnce: Sendable {
        static let capacity = 10_000
        private let keys = Mutex<Set<String>>([])

        /// True the first time `key` is seen.
        func isFirst(_ key: String) -> Bool {
            keys.withLock { keys in
                if keys.count >= Self.capacity { keys.removeAll() }
                return keys.insert(key).inserted
            }
        }
    }

    private struct Item: Encodable {
        var id: Int
        var name: String
    }

    private struct PageBody: Encodable {
        struct Meta: Encodable {
            var page: Int
            var per_page: Int
            var total: Int
        }

        var data: [Item]
        var meta: Meta
    }

    private struct CursorBody: Encodable {
        struct Meta: Encodable {
            var nextCursor: String?

            enum CodingKeys: String, CodingKey { case nextCursor = "next_cursor" }

            // Explicitly null on the last page, as most cursor APIs write it.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(nextCursor, forKey: .nextCursor)
            }
        }

        var data: [Item]
        var meta: Meta
    }

    private let failedOnce = FailedOnce()

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /paged/pages") { [failedOnce] request in
            let query = request.queryForm
            let page = try query.integer("page", default: 1, .within(1...Int(Int32.max)))
            let size = try query.integer("per_page", default: 10, .within(1...1_000))
            let count = try query.integer("count", default: 45, .within(0...Self.maximumCount))
            if let failPage = query.value(for: "fail_page"), failPage == String(page) {
                guard let id = query.value(for: "id"), !id.isEmpty else {
                    throw RequestError.badRequest("fail_page needs an id, e.g. /paged/pages?fail_page=2&id=abc")
                }
                if failedOnce.isFirst("\(id)/\(page)") {
                    return .jsonError(.serviceUnavailable, "paged: page \(page) fails once")
                }
            }
            let first = min((page - 1) * size, count)
            let items = Self.items(first..<min(first + size, count))
            return try .json(
                PageBody(data: items, meta: .init(page: page, per_page: size, total: count)),
                headers: [HTTPHeader("X-Total-Count"): String(count)])
        }

        routes.appendRoute("GET /paged/cursor") { request in
            let query = request.queryForm
            let size = try query.integer("per_page", default: 10, .within(1...1_000))
            let count = try query.integer("count", default: 45, .within(0...Self.maximumCount))
            let loop = try query.integer("loop", .within(1...Self.maximumCount))
            let cursor = query.value(for: "cursor") ?? ""
            var offset = 0
            if !cursor.isEmpty {
                guard cursor.hasPrefix("after-"), let value = Int(cursor.dropFirst(6)), (0...count).contains(value) else {
                    throw RequestError.badRequest("unknown cursor \"\(cursor)\"")
                }
                offset = value
            }
            let end = min(offset + size, count)
            var next: String? = end < count ? "after-\(end)" : nil
            if let loop, offset / size + 1 == loop { next = cursor }
            return try .json(CursorBody(data: Self.items(offset..<end), meta: .init(nextCursor: next)))
        }
    }

    /// Items numbered from 1: offsets `range`.
    private static func items(_ range: Range<Int>) -> [Item] {
        range.map { Item(id: $0 + 1, name: "item \($0 + 1)") }
    }
}
