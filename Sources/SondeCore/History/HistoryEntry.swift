import Foundation

/// One past response of a request, as `ResponseHistory` keeps it on disk: already masked with the
/// request's secrets, so it can be written, read and shown without them.
///
/// The body is kept up to `bodyLimit` bytes, binary ones too (the history can show their hex view
/// again), masked the same way on bytes. `ResponseHistory` keeps bodies in files of their own; an
/// entry encoded on its own (Codable) carries its body inline, text as a JSON string (`body`),
/// binary (as `TerminalSafeText.looksBinary` judges) as base64 (`bodyBase64`).
public struct HistoryEntry: Sendable, Codable, Equatable {
    /// When the response arrived.
    public var date: Date
    public var method: HTTPMethod
    /// The URL as sent, secrets masked.
    public var url: String
    /// The URL that answered after any redirects, secrets masked.
    public var finalURL: String
    public var status: Int
    public var reason: String
    public var httpVersion: String
    /// Response headers in the order received, secret values masked.
    public var headers: [HeaderField]
    public var timings: TransferTimings
    /// Whether the response came over a reused connection (false in entries written before
    /// sonde recorded it).
    public var connectionReused: Bool
    /// The size of the whole body as received, before it was cut and masked.
    public var bodySize: Int
    /// The first `bodyLimit` bytes of the body, secrets masked.
    public var body: Data
    /// Whether `body` is only the start of the body.
    public var isBodyTruncated: Bool

    /// How much of a body an entry keeps: 1 MB, enough to see any answer again while keeping
    /// 20 entries of a request under ~30 MB on disk.
    public static let bodyLimit = 1_000_000

    public init(
        date: Date, method: HTTPMethod, url: String, finalURL: String, status: Int, reason: String,
        httpVersion: String, headers: [HeaderField], timings: TransferTimings, bodySize: Int, body: Data,
        isBodyTruncated: Bool, connectionReused: Bool = false
    ) {
        self.date = date
        self.method = method
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.reason = reason
        self.httpVersion = httpVersion
        self.headers = headers
        self.timings = timings
        self.bodySize = bodySize
        self.body = body
        self.isBodyTruncated = isBodyTruncated
        self.connectionReused = connectionReused
    }

    /// The entry for a finished exchange, masked with the request's secrets.
    public static func make(from exchange: Exchange, date: Date) -> HistoryEntry {
        make(request: exchange.request, response: exchange.response, date: date)
    }

    /// The entry for `response` to `request`: every text field and the body pass through the
    /// request's `SecretSet`; header values marked secret are masked whole, cookie values in
    /// `Set-Cookie` always (`SecretSet.shownValue(of:)`).
    static func make(request: PreparedRequest, response: HTTPResponse, date: Date, bodyLimit: Int = bodyLimit) -> HistoryEntry {
        let secrets = request.secrets
        // Cut after masking, with room for the longest secret past the limit in its longest
        // encoding (`"` as `\u0022`: 6 bytes a byte): a secret across the cut is masked whole,
        // never kept in part.
        let longestSecret = 6 * (secrets.values.map(\.utf8.count).max() ?? 0)
        // A spilled body is read from its file (mapped, so only the window is paged in).
        let whole = (try? response.bodyContents()) ?? response.body
        let window = whole.prefix(bodyLimit + longestSecret)
        var body = secrets.redact(Data(window))
        let isTruncated = whole.count > bodyLimit || body.count > bodyLimit
        if body.count > bodyLimit {
            var end = bodyLimit
            // Not inside a UTF-8 sequence, so a text body stays text.
            while end > 0, end > bodyLimit - 3, body[body.startIndex + end] & 0xC0 == 0x80 { end -= 1 }
            body = body.prefix(end)
        }
        return HistoryEntry(
            date: date, method: request.method, url: secrets.redact(request.url),
            finalURL: secrets.redact(response.finalURL), status: response.status,
            reason: secrets.redact(response.reason), httpVersion: response.httpVersion,
            headers: response.headers.map { header in
                HeaderField(name: secrets.redact(header.name), value: secrets.shownValue(of: header))
            },
            timings: response.timings, bodySize: Int(response.bodySize), body: body, isBodyTruncated: isTruncated,
            connectionReused: response.connectionReused)
    }

    /// The entry as a response, to show in the response viewer like a fresh one.
    public var response: HTTPResponse {
        HTTPResponse(status: status, reason: reason, httpVersion: httpVersion, headers: headers, body: body,
                     finalURL: finalURL, timings: timings, connectionReused: connectionReused)
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case date, method, url, finalURL, status, reason, httpVersion, headers, timings, bodySize
        case body, bodyBase64, isBodyTruncated, connectionReused
    }

    /// A header in the file: `["Content-Type", "application/json"]`, compact and ordered.
    private struct HeaderPair: Codable {
        var name: String
        var value: String

        init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            name = try container.decode(String.self)
            value = try container.decode(String.self)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(name)
            try container.encode(value)
        }
    }

    /// `TransferTimings` in the file, in seconds like libcurl's points.
    private struct TimingsRecord: Codable {
        var dns, connect, tls, preTransfer, firstByte, total, redirect: Double
        var bytesUploaded, bytesDownloaded: Int64

        init(_ t: TransferTimings) {
            (dns, connect, tls, preTransfer, firstByte, total, redirect) = (t.dns, t.connect, t.tls, t.preTransfer, t.firstByte, t.total, t.redirect)
            (bytesUploaded, bytesDownloaded) = (t.bytesUploaded, t.bytesDownloaded)
        }

        var timings: TransferTimings {
            TransferTimings(dns: dns, connect: connect, tls: tls, preTransfer: preTransfer, firstByte: firstByte,
                            total: total, redirect: redirect, bytesUploaded: bytesUploaded, bytesDownloaded: bytesDownloaded)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Seconds since 1970 as a JSON number: exact, so an entry reads back equal to itself.
        date = Date(timeIntervalSince1970: try container.decode(Double.self, forKey: .date))
        method = try container.decode(HTTPMethod.self, forKey: .method)
        url = try container.decode(String.self, forKey: .url)
        finalURL = try container.decode(String.self, forKey: .finalURL)
        status = try container.decode(Int.self, forKey: .status)
        reason = try container.decode(String.self, forKey: .reason)
        httpVersion = try container.decode(String.self, forKey: .httpVersion)
        headers = try container.decode([HeaderPair].self, forKey: .headers).map { HeaderField(name: $0.name, value: $0.value) }
        timings = try container.decode(TimingsRecord.self, forKey: .timings).timings
        bodySize = try container.decode(Int.self, forKey: .bodySize)
        isBodyTruncated = try container.decode(Bool.self, forKey: .isBodyTruncated)
        connectionReused = try container.decodeIfPresent(Bool.self, forKey: .connectionReused) ?? false
        if let text = try container.decodeIfPresent(String.self, forKey: .body) {
            body = Data(text.utf8)
        } else if let encoded = try container.decodeIfPresent(String.self, forKey: .bodyBase64) {
            guard let bytes = Data(base64Encoded: encoded) else {
                throw DecodingError.dataCorruptedError(forKey: .bodyBase64, in: container, debugDescription: "not base64")
            }
            body = bytes
        } else {
            body = Data()
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date.timeIntervalSince1970, forKey: .date)
        try container.encode(method, forKey: .method)
        try container.encode(url, forKey: .url)
        try container.encode(finalURL, forKey: .finalURL)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(httpVersion, forKey: .httpVersion)
        try container.encode(headers.map { HeaderPair(name: $0.name, value: $0.value) }, forKey: .headers)
        try container.encode(TimingsRecord(timings), forKey: .timings)
        try container.encode(bodySize, forKey: .bodySize)
        try container.encode(isBodyTruncated, forKey: .isBodyTruncated)
        if connectionReused { try container.encode(connectionReused, forKey: .connectionReused) }
        // Text only when it reads back byte for byte: valid UTF-8 that is not binary-looking.
        if body.isEmpty {
            return
        } else if let text = String(data: body, encoding: .utf8), !TerminalSafeText.looksBinary(body) {
            try container.encode(text, forKey: .body)
        } else {
            try container.encode(body.base64EncodedString(), forKey: .bodyBase64)
        }
    }
}
