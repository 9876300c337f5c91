import Foundation

/// What came back from a server, as plain values: no transport types leak out of the transport.
///
/// The body is in one of two places. Usually it is `body`, in memory. A body larger than
/// `TransferOptions.spillThreshold`, or one sent to a file (`ResponseReceiver.Destination.file`),
/// is in `bodyFile` instead and `body` is empty; `bodySize` is right either way.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// The reason phrase of the status line, empty on HTTP/2 where there is none.
    public var reason: String
    /// "1.0", "1.1", "2" or "3".
    public var httpVersion: String
    /// Headers of the final response, in the order received, repeats kept.
    public var headers: [HeaderField]
    /// The body, already decompressed; empty when it is in `bodyFile`.
    public var body: Data
    /// The file holding the body when it is not in memory; see `ResponseBodyFile` for when a
    /// temporary one is deleted.
    public var bodyFile: ResponseBodyFile?
    /// The URL that answered, after any redirects.
    public var finalURL: String
    public var timings: TransferTimings
    /// Every redirect followed on the way to `finalURL`, in order.
    public var redirects: [Redirect]
    /// How the final request travelled: direct or through which proxy, credentials left out.
    public var proxyRoute: ProxyRoute
    /// Every request put on the wire on the way here, as libcurl sent it (`SentRequest`); empty
    /// for a response from history, which does not keep it.
    public var wire: WireLog
    /// Whether the final response came over a connection kept open from an earlier exchange
    /// (libcurl opened none for it), rather than a new one.
    public var connectionReused: Bool

    public init(
        status: Int, reason: String, httpVersion: String, headers: [HeaderField], body: Data,
        bodyFile: ResponseBodyFile? = nil, finalURL: String, timings: TransferTimings, redirects: [Redirect] = [],
        proxyRoute: ProxyRoute = .direct, wire: WireLog = WireLog(),
        connectionReused: Bool = false
    ) {
        self.proxyRoute = proxyRoute
        self.status = status
        self.reason = reason
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
        self.bodyFile = bodyFile
        self.finalURL = finalURL
        self.timings = timings
        self.redirects = redirects
        self.wire = wire
        self.connectionReused = connectionReused
    }

    /// The size of the decompressed body, wherever it is.
    public var bodySize: Int64 { bodyFile?.size ?? Int64(body.count) }

    /// The whole body wherever it is: `body`, or the file's contents mapped into memory (see
    /// `ResponseBodyFile.contents()`).
    public func bodyContents() throws -> Data {
        try bodyFile?.contents() ?? body
    }

    /// How the response travelled, for the status line, the Timing tab and `-v`:
    /// "HTTP/2 · new connection", "HTTP/1.1 · reused connection".
    public var connectionSummary: String {
        "HTTP/\(httpVersion) · \(connectionReused ? "reused" : "new") connection"
    }

    /// The status line and headers.
    public var head: ResponseHead {
        ResponseHead(status: status, reason: reason, httpVersion: httpVersion, headers: headers)
    }

    /// The media type of the body without parameters, lowercased ("application/json").
    public var mediaType: String? { head.mediaType }
}
