import CCurl
import SondeCore

/// What libcurl reported when a transfer failed, with the facts needed to say why in
/// `TransportError` terms rather than as a curl code.
struct CurlFailure {
    var code: CURLcode
    /// The CURLOPT_ERRORBUFFER text, or curl's generic text for the code when that is empty.
    var message: String
    /// The URL curl was working on when it failed: the last one of a redirect chain.
    var url: String
    /// Whether a connection had been established (CURLINFO_CONNECT_TIME_T > 0).
    var connected: Bool
    /// Whether the whole head of the final response had arrived.
    var headReceived: Bool
    var options: TransferOptions
    /// The system's text for the errno behind the failure, when curl recorded one.
    var systemError: String?

    /// libcurl's own connect timeout when none is set, in seconds.
    private static let curlDefaultConnectTimeout = 300.0

    /// Every code that means the TLS handshake or certificate check failed.
    private static let tlsCodes: Set<CURLcode> = [
        CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
        CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
        CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
        CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED,
    ]

    var transportError: TransportError {
        let parts = CurlURLParts(url)
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return .dnsFailure(host: parts?.host ?? url)
        case CURLE_COULDNT_CONNECT where options.unixSocket != nil:
            // curl's own text names localhost port 80, which says nothing about the socket.
            return .unixSocketUnavailable(path: options.unixSocket ?? "", reason: systemError ?? message)
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused(host: parts?.host ?? url, port: parts?.port)
        case CURLE_OPERATION_TIMEDOUT:
            // curl bounds the connect phase by the smaller of the two limits.
            let total = options.totalTimeout.flatMap { $0 > 0 ? $0 : nil }
            if !connected {
                let connect = options.connectTimeout.flatMap { $0 > 0 ? $0 : nil }
                    ?? Self.curlDefaultConnectTimeout
                if let total, total < connect { return .totalTimeout(seconds: total) }
                return .connectTimeout(seconds: connect)
            }
            return .totalTimeout(seconds: total ?? 0)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING:
            // Reset by the peer, or closed before the whole response came: the retryable kind.
            return .connectionLost(reason: message)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: options.maxRedirects)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_UNSUPPORTED_PROTOCOL where connected:
            // Once connected, curl's "unsupported protocol" is about the answer, not the URL:
            // "Received HTTP/0.9 when not allowed", "Unsupported HTTP version in response".
            return .invalidResponse(reason: "the server's answer is not HTTP: bad status line")
        case CURLE_WEIRD_SERVER_REPLY:
            return .invalidResponse(reason: "the server's answer is not HTTP: \(message)")
        case CURLE_OUT_OF_MEMORY where connected && !headReceived:
            // libcurl 7.88 reports a header line over CURL_MAX_HTTP_HEADER as out of memory,
            // with no text of its own; a real allocation failure here is all but impossible.
            return .invalidResponse(reason: "a response header is larger than libcurl's 100 kB limit")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL(url)
        case _ where Self.tlsCodes.contains(code):
            return .tls(reason: message)
        default:
            return .other(code: Int(code.rawValue), message: message)
        }
    }
}
