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

    /// `reference` (a Location header's value) resolved against `base`, as libcurl resolves
    /// it when it follows a redirect itself: relative paths, `//host/...` and spaces included.
    static func resolve(_ reference: String, against base: String) -> String? {
        guard let parsed = curl_url() else { return nil }
        defer { curl_url_cleanup(parsed) }
        guard curl_url_set(parsed, CURLUPART_URL, base, UInt32(CURLU_GUESS_SCHEME)) == CURLUE_OK,
              curl_url_set(parsed, CURLUPART_URL, reference, UInt32(CURLU_URLENCODE | CURLU_ALLOW_SPACE)) == CURLUE_OK
        else { return nil }
        return part(parsed, CURLUPART_URL, flags: 0)
    }

    private static func part(_ url: OpaquePointer, _ what: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(url, what, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
