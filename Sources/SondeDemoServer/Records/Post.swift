/// A demo blog post belonging to a user, for examples that filter a collection by a related ID.
struct Post: DemoRecord, Equatable {
    var id: Int
    var userId: Int
    var title: String
    var body: String

    /// A new or replacement post; `body` defaults to empty when not given.
    struct Draft: Decodable, Sendable {
        var userId: Int
        var title: String
        var body: String?
    }

    /// A partial update of a post.
    struct Patch: Decodable, Sendable {
        var userId: Int?
        var title: String?
        var body: String?
    }

    static let collection = "posts"

    static let seed = [
        Post(id: 1, userId: 1, title: "Notes on the Analytical Engine", body: "It weaves algebraic patterns."),
        Post(id: 2, userId: 1, title: "On Bernoulli numbers", body: "A program, step by step."),
        Post(id: 3, userId: 2, title: "Computable numbers", body: "On a machine that reads a tape."),
        Post(id: 4, userId: 3, title: "The first bug", body: "A moth, taped into the log book."),
        Post(id: 5, userId: 3, title: "Compilers", body: "Let the machine write the machine code."),
    ]

    init(id: Int, userId: Int, title: String, body: String) {
        self.id = id
        self.userId = userId
        self.title = title
        self.body = body
    }

    init(id: Int, draft: Draft) {
        self.init(id: id, userId: draft.userId, title: draft.title, body: draft.body ?? "")
    }

    func applying(_ patch: Patch) -> Post {
        Post(id: id, userId: patch.userId ?? userId, title: patch.title ?? title, body: patch.body ?? body)
    }

    /// `?userId=` keeps the posts of one user.
    static func filter(from query: URLEncodedForm) throws(RequestError) -> @Sendable (Post) -> Bool {
        guard let userId = try query.integer("userId") else { return { _ in true } }
        return { $0.userId == userId }
    }
}
