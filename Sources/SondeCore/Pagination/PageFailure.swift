/// Why one page of a listing could not be had. Pagination stops there; the pages before it are
/// kept, and fetching the next page again (`Paginator.fetchNextPage`) tries the same page anew.
public struct PageFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// No response: the page could not be prepared, no OAuth2 token could be had, or the
        /// transfer failed after the retries the request allows (cancelled, too).
        case send(SendError)
        /// The page's final answer was not 2xx. The reason phrase is redacted of secrets.
        case status(Int, reason: String)
        /// The page's body is not JSON.
        case notJSON(JSONSyntaxError)
        /// The body could not be read back, or its total, cursor or next link is not usable;
        /// redacted of secrets.
        case unreadable(String)
    }

    /// 1 for the first page.
    public var page: Int
    public var reason: Reason
    /// The page's tries, when it was sent.
    public var attempts: [Attempt]
    /// The page's response, when there was one (a 503 after the last retry, a body that is not JSON).
    public var response: HTTPResponse?

    public init(page: Int, reason: Reason, attempts: [Attempt] = [], response: HTTPResponse? = nil) {
        self.page = page
        self.reason = reason
        self.attempts = attempts
        self.response = response
    }

    /// Whether the failure is the user's cancelling.
    public var isCancelled: Bool {
        if case .send(let error) = reason { error.isCancelled } else { false }
    }

    public var description: String {
        let tries = attempts.count > 1 ? " (after \(attempts.count) attempts)" : ""
        let what = switch reason {
        case .send(let error): error.description + tries
        case .status(let status, let reason): "HTTP \(status)\(reason.isEmpty ? "" : " " + reason)\(tries)"
        case .notJSON(let error): "the body is not JSON: \(error)"
        case .unreadable(let message): message
        }
        return "page \(page): \(what)"
    }
}
