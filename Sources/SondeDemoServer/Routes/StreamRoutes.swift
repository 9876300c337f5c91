import FlyingFox
import Foundation

/// `/bytes`, `/ndjson` and `/sse`: bodies that are streamed rather than built, for sonde's
/// downloads (`-o`, spilling to disk, progress) and its live view of record streams.
///
/// - `GET /bytes?size=N[&fail_after=M][&gzip=1]`: N bytes of `DemoPattern` with a
///   Content-Length, made as they are sent (a gigabyte costs no memory); `fail_after` breaks the
///   connection after M; `gzip=1` sends them gzip-compressed (`Content-Encoding: gzip`, built in
///   memory, so at most `maximumGzipSize`), a small transfer that decompresses to N bytes.
/// - `GET /ndjson?count=N&delay_ms=M`: N JSON lines (`application/x-ndjson`), M ms apart.
/// - `GET /sse?count=N&delay_ms=M`: N Server-Sent Events (`text/event-stream`), M ms apart.
struct StreamRoutes: RouteGroup {
    /// Largest `/bytes` body: 100 GB, so a typo cannot stream for hours.
    static let maximumSize = 100_000_000_000
    static let defaultSize = 1_000_000
    /// Largest `/bytes?gzip=1` body, which is compressed in memory.
    static let maximumGzipSize = 100_000_000
    /// Largest record count of `/ndjson` and `/sse`.
    static let maximumCount = 100_000
    static let defaultCount = 5
    static let defaultDelay = 500
    /// Longest pause between records, as for `/slow`.
    static let maximumDelay = 60_000

    func register(on routes: inout RoutedHTTPHandler) {
        routes.appendRoute("GET /bytes") { request in
            let query = request.queryForm
            let size = try query.integer("size", default: Self.defaultSize, .within(0...Self.maximumSize))
            let failAfter = try query.integer("fail_after", .within(0...Self.maximumSize))
            if query.value(for: "gzip") == "1" {
                guard size <= Self.maximumGzipSize else {
                    throw RequestError.badRequest("size must be at most \(Self.maximumGzipSize) with gzip=1")
                }
                let compressed = try Gzip.compress(Data(DemoPattern.bytes(count: size)))
                return HTTPResponse(
                    statusCode: .ok,
                    headers: [.contentType: "application/octet-stream", .contentEncoding: "gzip"],
                    body: compressed)
            }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "application/octet-stream"],
                body: HTTPBodySequence(
                    from: PatternedBytes(count: Int64(size), failAfter: failAfter.map(Int64.init)), count: size,
                    suggestedBufferSize: 64 * 1024))
        }

        routes.appendRoute("GET /ndjson") { request in
            let (count, delay) = try Self.countAndDelay(request)
            let records = TimedRecords(preamble: [], count: count, delay: delay) { n in
                Array(#"{"n":\#(n),"of":\#(count),"message":"record \#(n) of \#(count)"}"#.utf8) + [0x0A]
            }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "application/x-ndjson"],
                body: HTTPBodySequence(from: records))
        }

        routes.appendRoute("GET /sse") { request in
            let (count, delay) = try Self.countAndDelay(request)
            let records = TimedRecords(preamble: Array(": sonde demo event stream\nretry: 1000\n\n".utf8), count: count, delay: delay) { n in
                Array("id: \(n)\nevent: tick\ndata: {\"n\":\(n),\"of\":\(count)}\n\n".utf8)
            }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: HTTPBodySequence(from: records))
        }
    }

    private static func countAndDelay(_ request: HTTPRequest) throws(RequestError) -> (Int, Duration) {
        let query = request.queryForm
        let count = try query.integer("count", default: defaultCount, .within(0...maximumCount))
        let delay = try query.integer("delay_ms", default: defaultDelay, .within(0...maximumDelay))
        return (count, .milliseconds(delay))
    }
}
