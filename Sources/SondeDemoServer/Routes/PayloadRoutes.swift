import FlyingFox
import Foundation

/// `/large` and `/gzip`: big and compressed bodies, for sonde's streaming, viewer and decompression.
struct PayloadRoutes: RouteGroup {
    /// Default item count of `/large`.
    static let defaultItemCount = 10_000
    /// How many items `/gzip` compresses: enough for gzip to matter, small enough to read.
    static let gzipItemCount = 100

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /large") { request in
            let requested = try request.queryForm.integer("items", default: Self.defaultItemCount, .nonNegative)
            let count = min(requested, LargeItemsDocument.maximumCount)
            return .json(data: LargeItemsDocument.render(count: count))
        }

        routes.appendRoute("GET /gzip") { _ in
            let items = (1...Self.gzipItemCount).map { GzipItem(id: $0, name: "item \($0)") }
            let json = try HTTPResponse.makeEncoder().encode(GzipDocument(items: items))
            return .json(data: try Gzip.compress(json), headers: [.contentEncoding: "gzip"])
        }
    }
}

/// The document `/gzip` compresses: `{"gzipped": true, "items": [...]}`.
struct GzipDocument: Encodable {
    var gzipped = true
    var items: [GzipItem]
}

/// One entry of `GzipDocument.items`.
struct GzipItem: Encodable {
    var id: Int
    var name: String
}
