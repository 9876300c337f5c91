import CCurl

/// Scheme, host and port of a URL as libcurl itself parses it, so error messages and handle
/// reuse agree with what curl connected to (default ports filled in).
struct CurlURLParts: Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init?(_ url: String) {
        guard let parsed = curl_url() else { return nil }
        defer { curl_url_cleanup(parsed) }
        // CURLU_GUESS_SCHEME matches what curl does with a URL that has no scheme.
        guard curl_url_set(parsed, CURLUPART_URL, url, UInt32(CURLU_GUESS_SCHEME)) == CURLUE_OK,
              let scheme = Self.part(parsed, CURLUPART_SCHEME, flags: 0),
              let host = Self.part(parsed, CURLUPART_HOST, flags: 0)
        else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host
        self.port = Self.part(parsed, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap { Int($0) }
    }

    /// "scheme://host:port", the unit libcurl shares a connection within.
    var origin: String { "\(scheme)://\(host.lowercased()):\(port.map(String.init) ?? "")" }

    private static func part(_ url: OpaquePointer, _ what: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(url, what, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
