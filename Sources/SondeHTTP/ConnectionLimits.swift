/// How many connections `CurlTransport`'s event loop may hold open at once: per host
/// (`CURLMOPT_MAX_HOST_CONNECTIONS`) and in all (`CURLMOPT_MAX_TOTAL_CONNECTIONS`). Transfers
/// past a limit wait in libcurl's queue for a connection to free up. Nil is no limit.
public struct ConnectionLimits: Sendable, Equatable {
    public var perHost: Int?
    public var total: Int?

    public init(perHost: Int? = nil, total: Int? = nil) {
        self.perHost = perHost
        self.total = total
    }
}
