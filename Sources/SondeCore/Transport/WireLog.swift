/// Every request a send put on the wire, in order (see `SentRequest`), bounded: a chain of
/// redirects with no limit (`max_redirects: -1`) cannot grow it without end.
public struct WireLog: Sendable, Equatable {
    /// The requests kept, oldest first: the last `limit` of them.
    public private(set) var requests: [SentRequest] = []
    /// How many earlier requests were sent but are no longer kept.
    public private(set) var omitted = 0

    /// The most requests kept. 50 covers libcurl's default redirect limit (30) with a digest
    /// challenge on some hops; the last ones, which led to the answer, are the ones kept.
    public static let limit = 50

    public init(_ requests: [SentRequest] = []) {
        for request in requests { append(request) }
    }

    public var isEmpty: Bool { requests.isEmpty && omitted == 0 }

    /// Adds a request, dropping the oldest past `limit`.
    public mutating func append(_ request: SentRequest) {
        requests.append(request)
        if requests.count > Self.limit {
            requests.removeFirst(requests.count - Self.limit)
            omitted += 1
        }
    }

    /// Sets the answer of the last request, unless it has one.
    public mutating func answerLast(_ head: ResponseHead) {
        guard let last = requests.indices.last, requests[last].answer == nil else { return }
        requests[last].answer = head
    }

    /// Says that the last request's answer was followed as `redirect`.
    public mutating func redirectLast(_ redirect: Redirect) {
        guard let last = requests.indices.last else { return }
        requests[last].redirect = redirect
    }
}
