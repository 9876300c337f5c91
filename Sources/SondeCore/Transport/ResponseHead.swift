import Foundation

/// The status line and headers of a response, known as soon as they arrive and before any of
/// the body: what a live view shows while a long body or an event stream is still coming.
public struct ResponseHead: Sendable, Equatable {
    public var status: Int
    /// The reason phrase of the status line, empty on HTTP/2 where there is none.
    public var reason: String
    /// "1.0", "1.1", "2" or "3".
    public var httpVersion: String
    /// Headers in the order received, repeats kept.
    public var headers: [HeaderField]

    public init(status: Int, reason: String, httpVersion: String, headers: [HeaderField]) {
        self.status = status
        self.reason = reason
        self.httpVersion = httpVersion
        self.headers = headers
    }

    /// The media type of the body without parameters, lowercased ("application/json").
    public var mediaType: String? {
        headers.first(named: "Content-Type")?
            .split(separator: ";").first
            .map { $0.trimmingHTTPWhitespace().lowercased() }
    }

    /// The size the body will have once decompressed, from Content-Length; nil when there is
    /// none, or when the body is content-encoded (Content-Length then counts compressed bytes,
    /// and the transport hands over decompressed ones).
    public var expectedBodySize: Int64? {
        if let encoding = headers.first(named: "Content-Encoding"),
           encoding.trimmingHTTPWhitespace().lowercased() != "identity" {
            return nil
        }
        guard let text = headers.first(named: "Content-Length"),
              let length = Int64(text.trimmingHTTPWhitespace()), length >= 0
        else { return nil }
        return length
    }
}
