import FlyingFox
import Foundation

/// The CRUD endpoints of one collection, `/users` or `/posts`, backed by its `RecordStore`.
///
/// Lists are plain JSON arrays paged with `?page=&per_page=`; the total and the neighbouring pages
/// also travel in `X-Total-Count` and `Link` headers for clients that follow them.
struct RecordRoutes<Record: DemoRecord>: RouteGroup {
    let store: RecordStore<Record>

    static var defaultPageSize: Int { 20 }

    func register(on routes: inout RoutedHTTPHandler) {
        let collection = "/\(Record.collection)"
        let item = "\(collection)/:id"
        routes.appendRoute(HTTPRoute("GET \(collection)")) { try await list($0) }
        routes.appendRoute(HTTPRoute("POST \(collection)")) { try await create($0) }
        routes.appendRoute(HTTPRoute("GET \(item)")) { try await read($0) }
        routes.appendRoute(HTTPRoute("PUT \(item)")) { try await replace($0) }
        routes.appendRoute(HTTPRoute("PATCH \(item)")) { try await update($0) }
        routes.appendRoute(HTTPRoute("DELETE \(item)")) { try await delete($0) }
    }

    private func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.queryForm
        let page = try query.integer("page", default: 1, .positive)
        let pageSize = try query.integer("per_page", default: Self.defaultPageSize, .positive)
        let matches = await store.list(where: try Record.filter(from: query))

        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
        let start = overflow ? matches.count : min(offset, matches.count)
        let end = start + min(pageSize, matches.count - start)
        var headers: HTTPHeaders = [:]
        headers[HTTPHeader("X-Total-Count")] = String(matches.count)
        let link = Self.pageLinks(request, query: query, page: page, pageSize: pageSize, hasNext: end < matches.count)
        if let link { headers[HTTPHeader("Link")] = link }
        return try .json(Array(matches[start..<end]), headers: headers)
    }

    private func create(_ request: HTTPRequest) async throws -> HTTPResponse {
        let draft = try await Self.decode(Record.Draft.self, from: request)
        let record = await store.create(from: draft)
        return try .json(record, status: .created, headers: [.location: "/\(Record.collection)/\(record.id)"])
    }

    private func read(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try request.integerParameter("id")
        guard let record = await store.record(id: id) else { throw Self.missing(id) }
        return try .json(record)
    }

    private func replace(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try request.integerParameter("id")
        let draft = try await Self.decode(Record.Draft.self, from: request)
        guard let record = await store.replace(id: id, with: draft) else { throw Self.missing(id) }
        return try .json(record)
    }

    private func update(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try request.integerParameter("id")
        let patch = try await Self.decode(Record.Patch.self, from: request)
        guard let record = await store.update(id: id, with: patch) else { throw Self.missing(id) }
        return try .json(record)
    }

    private func delete(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = try request.integerParameter("id")
        guard await store.delete(id: id) else { throw Self.missing(id) }
        return HTTPResponse(statusCode: .noContent)
    }

    private static func missing(_ id: Int) -> RequestError {
        RequestError(status: .notFound, message: "\(Record.collection) \(id) not found")
    }

    /// An RFC 8288 `Link` header with the previous and next pages, keeping the other query parameters.
    private static func pageLinks(
        _ request: HTTPRequest, query: URLEncodedForm, page: Int, pageSize: Int, hasNext: Bool
    ) -> String? {
        func link(to page: Int, rel: String) -> String {
            var form = URLEncodedForm(pairs: query.pairs.filter { $0.name != "page" && $0.name != "per_page" })
            form.pairs.append(("page", String(page)))
            form.pairs.append(("per_page", String(pageSize)))
            return "<\(request.path)?\(form.encoded)>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if page > 1 { links.append(link(to: page - 1, rel: "prev")) }
        if hasNext { links.append(link(to: page + 1, rel: "next")) }
        return links.isEmpty ? nil : links.joined(separator: ", ")
    }

    /// Decodes a JSON body, turning decoding failures into 400s that name the missing or invalid field.
    private static func decode<Value: Decodable>(_ type: Value.Type, from request: HTTPRequest) async throws -> Value {
        let body = try await request.bodyData
        guard !body.isEmpty else { throw RequestError.badRequest("request body must be a JSON object") }
        do {
            return try JSONDecoder().decode(Value.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw RequestError.badRequest("missing field: \(key.stringValue)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw RequestError.badRequest("missing field: \(fieldName(context))")
        } catch let DecodingError.typeMismatch(expected, context) where !context.codingPath.isEmpty {
            throw RequestError.badRequest("invalid field: \(fieldName(context)) must be \(describe(expected))")
        } catch {
            throw RequestError.badRequest("invalid JSON body: expected a JSON object")
        }
    }

    private static func fieldName(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is String.Type: "a string"
        default: "a \(type)"
        }
    }
}
