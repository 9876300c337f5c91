/// A resource the demo API serves with the usual list, create, read, replace, patch and delete routes.
///
/// Users and posts share one store and one set of routes; each record type only says how it is
/// created, patched and filtered.
protocol DemoRecord: Codable, Sendable {
    /// The fields a client must send to create or replace a record (decoding fails when one is missing).
    associatedtype Draft: Decodable & Sendable
    /// The fields a client may send to change part of a record; all optional.
    associatedtype Patch: Decodable & Sendable

    /// The path segment of the collection, such as `users`.
    static var collection: String { get }
    /// The records a fresh server starts with.
    static var seed: [Self] { get }

    var id: Int { get }
    init(id: Int, draft: Draft)
    func applying(_ patch: Patch) -> Self

    /// The predicate for the list filters in `query` (such as `?q=` or `?userId=`); throws when a filter value is invalid.
    static func filter(from query: URLEncodedForm) throws(RequestError) -> @Sendable (Self) -> Bool
}
