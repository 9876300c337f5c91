import Foundation

/// A demo user, the resource most examples in the demo collection create, list and edit.
struct User: DemoRecord, Equatable {
    var id: Int
    var name: String
    var email: String
    var role: String

    /// A new or replacement user; `role` defaults to `user` when not given.
    struct Draft: Decodable, Sendable {
        var name: String
        var email: String
        var role: String?
    }

    /// A partial update of a user.
    struct Patch: Decodable, Sendable {
        var name: String?
        var email: String?
        var role: String?
    }

    static let collection = "users"

    static let seed = [
        User(id: 1, name: "Ada Lovelace", email: "ada@example.com", role: "admin"),
        User(id: 2, name: "Alan Turing", email: "alan@example.com", role: "user"),
        User(id: 3, name: "Grace Hopper", email: "grace@example.com", role: "user"),
    ]

    init(id: Int, name: String, email: String, role: String) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
    }

    init(id: Int, draft: Draft) {
        self.init(id: id, name: draft.name, email: draft.email, role: draft.role ?? "user")
    }

    func applying(_ patch: Patch) -> User {
        User(id: id, name: patch.name ?? name, email: patch.email ?? email, role: patch.role ?? role)
    }

    /// `?q=` keeps users whose name contains the text, ignoring case.
    static func filter(from query: URLEncodedForm) throws(RequestError) -> @Sendable (User) -> Bool {
        guard let text = query.value(for: "q"), !text.isEmpty else { return { _ in true } }
        return { $0.name.range(of: text, options: .caseInsensitive) != nil }
    }
}
