/// One page of a listing as fetched: the request sent, the answer, and where its items are.
public struct FetchedPage: Sendable {
    /// 1 for the first page.
    public var number: Int
    /// The page's request as sent (its secrets, for masking what is printed of it).
    public var request: PreparedRequest
    public var response: HTTPResponse
    /// Every try of the page: more than one when a transient failure was retried.
    public var attempts: [Attempt]
    /// The page's body parsed.
    public var tree: JSONTree
    /// The nodes of `tree` that the `items` path selects, in order.
    public var items: [Int]
    /// Seconds from the first try to the answer, retry waits included.
    public var duration: Double

    public init(
        number: Int, request: PreparedRequest, response: HTTPResponse, attempts: [Attempt], tree: JSONTree, items: [Int],
        duration: Double
    ) {
        self.number = number
        self.request = request
        self.response = response
        self.attempts = attempts
        self.tree = tree
        self.items = items
        self.duration = duration
    }
}
