/// The head of one request exactly as libcurl put it on the wire: the request line and every
/// header field, the ones libcurl adds itself (`Host`, `Accept`, `Accept-Encoding`,
/// `Content-Length`, `Cookie`, a digest `Authorization`) included, in the order sent. The body
/// is not kept, only its size: `sonde send -v` and the response viewer's Request tab show this
/// instead of what sonde asked libcurl to send, which is only part of it.
///
/// Values are as sent, secrets included: mask them for display with `WireTranscript`.
public struct SentRequestHead: Sendable, Equatable {
    /// `GET /users/1 HTTP/1.1`.
    public var requestLine: String
    /// Every header line after the request line, in order, repeats kept.
    public var headers: [HeaderField]
    /// Body bytes written after the head, as libcurl counts them (a multipart body with its
    /// boundaries, a chunked one with its framing).
    public var bodySize: Int64
    /// Whether the head was longer than `capacity` and only its start is kept.
    public var isTruncated: Bool

    /// The most bytes of one head kept: 64 kB, twice what common servers accept as a whole
    /// request head (nginx 8 kB a line and 32 kB in all by default), so anything a server could
    /// have taken is shown whole, and a runaway header costs a bounded amount of memory.
    public static let capacity = 64 * 1024

    public init(requestLine: String, headers: [HeaderField], bodySize: Int64 = 0, isTruncated: Bool = false) {
        self.requestLine = requestLine
        self.headers = headers
        self.bodySize = bodySize
        self.isTruncated = isTruncated
    }

    /// The head from its bytes on the wire (CRLF-separated lines ending with a blank one);
    /// `isTruncated` when the bytes are only the start of it. Obsolete folded lines are joined
    /// to the header before them; a line without a colon is kept as a header with no value.
    public init(wire bytes: some Collection<UInt8>, isTruncated: Bool = false) {
        // Split on the bytes: as Characters, "\r\n" is one grapheme and never equals "\n".
        var lines = Array(bytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        requestLine = lines.first ?? ""
        headers = []
        for line in lines.dropFirst() {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                headers.append(HeaderField(name: line, value: ""))
                continue
            }
            headers.append(HeaderField(
                name: String(line[..<colon]),
                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        bodySize = 0
        self.isTruncated = isTruncated
    }
}
