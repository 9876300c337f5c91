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
    /// Whether a TLS handshake had completed (CURLINFO_APPCONNECT_TIME_T > 0).
    var handshakeDone = false
    /// How the failed hop went: a failure to reach a proxy is the proxy's, not the server's.
    var proxyRoute: ProxyRoute = .direct
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

    /// Said of a connection lost between the TLS handshake and the response's head, with no
    /// client certificate set. Under TLS 1.3 a server that requires one refuses it only after
    /// the handshake, and when it closes with the request unread the reset drops its alert,
    /// leaving curl no word of why (seen with Python's ssl module, about one run in three).
    private var clientCertificateHint: String {
        guard handshakeDone, !headReceived, options.tls.clientCertificate == nil,
              code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR else { return "" }
        return " (right after the TLS handshake: if the server requires a client certificate, set options client_cert)"
    }

    var transportError: TransportError {
        if let proxyFailure { return proxyFailure }
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
        case CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE, CURLE_PEER_FAILED_VERIFICATION:
            return .tls(reason: TLSFailureText.explain(code: code, message: message, settings: options.tls))
        case _ where [CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_SSL_CONNECT_ERROR].contains(code)
            && TLSFailureText.isClientCertificateAlert(message):
            // TLS 1.3 sends the server's verdict on the client's certificate after the client
            // thinks the handshake is done, so it comes back from the first read or write.
            return .tls(reason: TLSFailureText.explain(code: code, message: message, settings: options.tls))
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING:
            // Reset by the peer, or closed before the whole response came: the retryable kind.
            return .connectionLost(reason: message + clientCertificateHint)
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

    /// The failure as the proxy's, when the hop went through one and it is the proxy that
    /// failed: not resolved, not reachable, its handshake or its answer to CONNECT refused.
    private var proxyFailure: TransportError? {
        guard case .proxy(let address, let variable) = proxyRoute else { return nil }
        // A stale `http_proxy` is a common cause: say where the proxy came from.
        let endpoint = address + (variable.map { " from $\($0)" } ?? "")
        switch code {
        case CURLE_COULDNT_RESOLVE_PROXY:
            return .proxy(endpoint: endpoint, reason: "could not resolve the proxy's host")
        case CURLE_COULDNT_CONNECT:
            // curl's text quotes the variable's value, credentials and all.
            if message.hasPrefix("Unsupported proxy scheme") {
                return .proxy(endpoint: endpoint, reason: "libcurl does not speak this kind of proxy")
            }
            return .proxy(endpoint: endpoint, reason: "could not connect to the proxy (is it running?): \(message)")
        case CURLE_PROXY:
            return .proxy(endpoint: endpoint, reason: message)
        case _ where Self.tlsCodes.contains(code) && address.hasPrefix("https://") && url.lowercased().hasPrefix("http://"):
            // A plain-http request has no TLS of its own: the handshake that failed is the proxy's.
            return .proxy(endpoint: endpoint, reason: "TLS failure: \(message)")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            // "CONNECT tunnel failed, response 407", "Received HTTP code 407 from proxy after CONNECT".
            let aboutProxy = message.localizedCaseInsensitiveContains("proxy") || message.contains("CONNECT")
            return aboutProxy ? .proxy(endpoint: endpoint, reason: message) : nil
        default:
            return nil
        }
    }
}
