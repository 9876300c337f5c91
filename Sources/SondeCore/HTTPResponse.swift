import Foundation

/// What came back from a server, as plain values: no transport types leak out of the transport.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// The reason phrase of the status line, empty on HTTP/2 where there is none.
    public var reason: String
    /// "1.0", "1.1", "2" or "3".
    public var httpVersion: String
    /// Headers of the final response, in the order received, repeats kept.
    public var headers: [HeaderField]
    /// The body, already decompressed.
    public var body: Data
    /// The URL that answered, after any redirects.
    public var finalURL: String
    public var timings: TransferTimings

    public init(
        status: Int, reason: String, httpVersion: String, headers: [HeaderField], body: Data,
        finalURL: String, timings: TransferTimings
    ) {
        self.status = status
        self.reason = reason
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
        self.finalURL = finalURL
        self.timings = timings
    }

    /// The media type of the body without parameters, lowercased ("application/json").
    public var mediaType: String? {
        headers.first(named: "Content-Type")?
            .split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
