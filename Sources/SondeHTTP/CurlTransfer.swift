import CCurl
import Foundation
import SondeCore
import Synchronization

/// One request on one easy handle: sets its options, runs the transfer to its end, and reads
/// the outcome back as plain values.
///
/// It is what curl's C callbacks reach through their context pointer (they cannot capture
/// Swift state), and it owns the C resources curl reads during the transfer: the header list,
/// the MIME body and the error buffer. `run()` resets the handle before freeing them, so curl
/// never holds a dangling pointer. Used by one thread at a time: with an event loop, the
/// sender's thread configures each hop and reads its outcome, and the loop's runs the hop between.
///
/// The body goes to a `ResponseBodySink` as it arrives, and the receiver hears of the head,
/// each piece of body and the progress from this thread.
///
/// Redirects are followed here, one easy-handle transfer per hop, as `OutgoingRequest` says
/// (which explains why libcurl's own following is not used); a redirect's own body is skipped.
final class CurlTransfer {
    private let handle: UnsafeMutableRawPointer
    /// The transfer's own multi handle for `run()`; nil when an event loop drives it.
    private let multi: UnsafeMutableRawPointer?
    private let request: PreparedRequest
    private let receiver: ResponseReceiver
    private let cancellations: [CancellationFlag]
    /// The cookie jar every hop attaches to; nil sends and keeps no cookies.
    private let jar: CookieJar?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var mime: OpaquePointer?
    /// What the current hop of a redirect chain sends.
    private var outgoing: OutgoingRequest
    /// Redirects followed so far.
    private var redirects: [Redirect] = []
    /// The earlier hops' timings added up, `total` included; nil before any redirect.
    private var earlierHops: TransferTimings?

    // Filled by the callbacks while the transfer runs.
    private var sink: ResponseBodySink?
    private var headers: [HeaderField] = []
    private var reason = ""
    /// Status and HTTP version of the latest status line.
    private var status = 0
    private var version = "1.1"
    /// The final response's head once the receiver has been told of it.
    private var deliveredHead: ResponseHead?
    /// Set when the current hop's head is a redirect to follow: where it leads. Its body is skipped.
    private var pendingRedirect: (next: OutgoingRequest, redirect: Redirect)?
    private var expectedBodySize: Int64?
    /// Every request written, as libcurl's debug callback reports them.
    private var recorder = SentRequestRecorder()
    /// Body bytes received, kept or not.
    private var bytesReceived: Int64 = 0
    private var started = ContinuousClock.now

    /// New connections this transfer opened (CURLINFO_NUM_CONNECTS); 0 when it reused one.
    private(set) var connectionsOpened = 0
    /// New connections the latest hop opened: 0 when it went over a reused one.
    private var hopConnectionsOpened = 0

    /// What the request body becomes on the wire.
    private enum Upload {
        case none
        case bytes(Data)
        case mime

        var sendsBody: Bool {
            if case .none = self { false } else { true }
        }
    }

    /// What went wrong saving the cookie jar after the transfer, if anything.
    private(set) var cookieJarProblem: String?

    convenience init(
        handle: CurlEasyHandle, request: PreparedRequest, receiver: ResponseReceiver, cancellations: [CancellationFlag],
        jar: CookieJar? = nil
    ) {
        self.init(easy: handle.raw, multi: handle.multi, request: request, receiver: receiver, cancellations: cancellations, jar: jar)
    }

    /// A transfer on `easy`; with no `multi`, only `start()`/`hopEnded(_:)` drive it.
    init(
        easy: UnsafeMutableRawPointer, multi: UnsafeMutableRawPointer?, request: PreparedRequest, receiver: ResponseReceiver,
        cancellations: [CancellationFlag], jar: CookieJar? = nil
    ) {
        self.jar = jar
        self.handle = easy
        self.multi = multi
        self.request = request
        self.outgoing = OutgoingRequest(request)
        self.receiver = receiver
        self.cancellations = cancellations
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    var isCancelled: Bool { cancellations.contains { $0.isCancelled } }

    /// What the driver of a transfer does next: run the configured hop on the handle (then
    /// call `hopEnded`), or hand over the outcome. `run()` drives it on a multi handle of its
    /// own; `CurlEventLoop` drives many at once on one shared multi handle.
    enum Step {
        case perform
        case finished(Result<HTTPResponse, TransportError>)
    }

    /// Sends the request and waits for the whole response, then saves the cookie jar (what a
    /// failed exchange received is kept too, as a browser would). Call once.
    func run() -> Result<HTTPResponse, TransportError> {
        var step = start()
        while true {
            switch step {
            case .finished(let result): return result
            case .perform: step = hopEnded(perform())
            }
        }
    }

    /// Opens the body sink and configures the first hop. Call once.
    func start() -> Step {
        started = .now
        do {
            // Even for HEAD: `-o` then leaves the empty file it was asked for.
            sink = try ResponseBodySink(destination: receiver.destination, spillThreshold: request.options.spillThreshold)
        } catch {
            return finish(.failure(error))
        }
        return beginHop()
    }

    private func beginHop() -> Step {
        do {
            try configure()
        } catch {
            return finish(.failure(error))
        }
        if isCancelled { return finish(.failure(.cancelled)) }
        return .perform
    }

    /// Takes the outcome of the hop just performed: configures the next hop of a redirect, or
    /// finishes the transfer.
    func hopEnded(_ code: CURLcode) -> Step {
        hopConnectionsOpened = long(CURLINFO_NUM_CONNECTS)
        connectionsOpened += hopConnectionsOpened
        guard code == CURLE_OK else {
            // Whatever broke after the user asked to stop, what they asked for is what happened.
            if isCancelled { return finish(.failure(.cancelled)) }
            if code == CURLE_WRITE_ERROR, let failure = sink?.failure { return finish(.failure(failure)) }
            return finish(.failure(failure(code).transportError))
        }
        if let (next, redirect) = pendingRedirect {
            let limit = request.options.maxRedirects
            // A negative limit is libcurl's "no limit"; the total timeout still bounds the chain.
            if limit >= 0, redirects.count >= limit { return finish(.failure(.tooManyRedirects(limit: limit))) }
            earlierHops = adding(hopTimings(), to: earlierHops)
            redirects.append(redirect)
            recorder.nextHop(after: redirect)
            outgoing = next
            pendingRedirect = nil
            headers.removeAll()
            releaseResources()
            return beginHop()
        }
        deliverHeadIfNeeded()
        do {
            let kept = try sink?.finish() ?? (body: Data(), file: nil)
            return finish(.success(response(body: kept.body, file: kept.file)))
        } catch {
            return finish(.failure(error))
        }
    }

    /// Frees what curl read during the transfer and saves the cookie jar.
    private func finish(_ result: Result<HTTPResponse, TransportError>) -> Step {
        releaseResources()
        // Kept only by a successful response; a failed transfer leaves no file behind.
        sink?.abandon()
        if let jar {
            // `curl_easy_reset` keeps the share, so the handle still reads the jar here.
            cookieJarProblem = jar.save(through: handle)
            CookieJar.detach(handle)
        }
        return .finished(result)
    }

    /// How often a transfer that is waiting on the network wakes to check for cancellation.
    private static let cancellationPollMilliseconds: Int32 = 50

    /// Runs the transfer to its end through the multi handle. Unlike curl_easy_perform, whose
    /// progress callback comes about once a second while a server is thinking, this wakes every
    /// 50 ms, so Esc or Ctrl-C stops a transfer at once.
    private func perform() -> CURLcode {
        guard let multi else { return CURLE_FAILED_INIT }
        guard curl_multi_add_handle(multi, handle) == CURLM_OK else { return CURLE_FAILED_INIT }
        defer { curl_multi_remove_handle(multi, handle) }
        var running: Int32 = 1
        while true {
            guard curl_multi_perform(multi, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
            if running == 0 { break }
            if isCancelled { return CURLE_ABORTED_BY_CALLBACK }
            guard curl_multi_poll(multi, nil, 0, Self.cancellationPollMilliseconds, nil) == CURLM_OK else {
                return CURLE_FAILED_INIT
            }
        }
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        return CURLE_FAILED_INIT
    }

    // MARK: - Options

    private func configure() throws(TransportError) {
        let options = request.options
        try check(sonde_setopt_string(handle, CURLOPT_URL, outgoing.url))
        try check(sonde_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(sonde_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        // Every hop attaches, so libcurl's cookie engine applies its domain and path rules to
        // each redirect target and keeps what each hop sets.
        if let jar {
            try check(jar.attach(handle))
        } else {
            CookieJar.detach(handle)
        }
        // Redirects are followed by `run()`, hop by hop (see `OutgoingRequest`).
        try check(sonde_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        if let connect = Self.milliseconds(options.connectTimeout) {
            try check(sonde_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connect))
        }
        try check(sonde_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(options.totalTimeout) ?? 0))
        try check(sonde_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0))
        try check(sonde_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0))
        try configureTLSFiles(options.tls)
        // "" offers every encoding this libcurl decodes. A request's own Accept-Encoding header
        // replaces the offered value on the wire, but curl still decodes whatever comes back.
        try check(sonde_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        if case .file = receiver.destination {
            try check(sonde_setopt_long(handle, CURLOPT_BUFFERSIZE, Self.receiveBufferSize))
        }
        try configureConnection()

        try configureProxy()
        try configureChallengeAuth()
        let upload = try configureMethodAndBody()
        try configureHeaders(upload: upload)
        try configureCallbacks()
    }

    /// The client certificate and the authorities to trust. curl copies the strings, so none
    /// has to outlive the call. Set on every hop: a redirect to another host of the same private
    /// network needs them as much as the first.
    private func configureTLSFiles(_ tls: TLSSettings) throws(TransportError) {
        if let certificate = tls.clientCertificate {
            try check(sonde_setopt_string(handle, CURLOPT_SSLCERT, certificate.path))
            try check(sonde_setopt_string(handle, CURLOPT_SSLCERTTYPE, certificate.type.curlName))
            if let key = certificate.keyPath {
                try check(sonde_setopt_string(handle, CURLOPT_SSLKEY, key))
                try check(sonde_setopt_string(handle, CURLOPT_SSLKEYTYPE, certificate.keyType?.curlName ?? "PEM"))
            }
            if let password = certificate.password {
                try check(sonde_setopt_string(handle, CURLOPT_KEYPASSWD, password))
            }
        }
        if let file = tls.caFile { try check(sonde_setopt_string(handle, CURLOPT_CAINFO, file)) }
        if let folder = tls.caFolder { try check(sonde_setopt_string(handle, CURLOPT_CAPATH, folder)) }
    }

    /// The proxy of this hop (the reset between hops clears it). With no `proxy:` option none
    /// is set, so libcurl reads `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` itself,
    /// as curl does. The credentials go apart from the URL, so no URL sonde holds carries them.
    private func configureProxy() throws(TransportError) {
        let settings = request.options.proxy
        switch settings.choice {
        case .environment:
            break
        case .none:
            // "" stops libcurl reading the environment's proxy variables; "*" bypasses any that
            // would still apply.
            try check(sonde_setopt_string(handle, CURLOPT_PROXY, ""))
            try check(sonde_setopt_string(handle, CURLOPT_NOPROXY, "*"))
            return
        case .proxy(let proxy):
            try check(sonde_setopt_string(handle, CURLOPT_PROXY, proxy.endpoint))
            if let username = proxy.username { try check(sonde_setopt_string(handle, CURLOPT_PROXYUSERNAME, username)) }
            if let password = proxy.password { try check(sonde_setopt_string(handle, CURLOPT_PROXYPASSWORD, password)) }
        }
        if let noProxy = settings.noProxy { try check(sonde_setopt_string(handle, CURLOPT_NOPROXY, noProxy)) }
        // An HTTPS proxy's certificate is checked like the server's, and `verify_tls: false` skips both.
        let verify = request.options.verifyTLS
        try check(sonde_setopt_long(handle, CURLOPT_PROXY_SSL_VERIFYPEER, verify ? 1 : 0))
        try check(sonde_setopt_long(handle, CURLOPT_PROXY_SSL_VERIFYHOST, verify ? 2 : 0))
    }

    /// The way the current hop goes, by libcurl's rules and the environment libcurl reads.
    ///
    /// The last answer is kept (the environment is read once, so the URL and the settings decide
    /// it): `sonde run` asks for every response, mostly of one URL, and deciding again was 3.6%
    /// of its Swift pool threads' samples (perf).
    private var proxyRoute: ProxyRoute {
        let url = outgoing.url
        let settings = request.options.proxy
        if let last = Self.lastProxyRoute.withLock({ $0 }), last.url == url, last.settings == settings { return last.route }
        let route = ProxyRoute.decide(url: url, settings: settings, environment: Self.processEnvironment)
        Self.lastProxyRoute.withLock { $0 = (url, settings, route) }
        return route
    }

    private static let lastProxyRoute = Mutex<(url: String, settings: ProxySettings, route: ProxyRoute)?>(nil)

    /// The process's environment, read once: `ProcessInfo.environment` copies every variable
    /// into a new dictionary, 8% of `sonde run`'s CPU when it was read per transfer.
    private static let processEnvironment = ProcessInfo.processInfo.environment

    /// `bytes` without leading and trailing spaces and tabs, as a string.
    private static func trimmingBlanks(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The HTTP version asked for and the Unix socket, if any, to connect through.
    private func configureConnection() throws(TransportError) {
        let options = request.options
        if let socket = options.unixSocket {
            try check(sonde_setopt_string(handle, CURLOPT_UNIX_SOCKET_PATH, socket))
        }
        guard let version = options.httpVersion else { return }
        let curlVersion = switch version {
        case .http1_0: Int(CURL_HTTP_VERSION_1_0)
        case .http1_1: Int(CURL_HTTP_VERSION_1_1)
        case .http2: Int(CURL_HTTP_VERSION_2_0)
        case .http2PriorKnowledge: Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        }
        try check(sonde_setopt_long(handle, CURLOPT_HTTP_VERSION, curlVersion))
        if version == .http2PriorKnowledge, outgoing.url.lowercased().hasPrefix("http://") {
            // libcurl 7.88.1 fails a cleartext HTTP/2 prior-knowledge transfer that reuses a
            // connection (curl issue 10634: the second send over one h2c connection errors
            // out), so each such send opens its own connection and closes it afterwards,
            // leaving nothing in the cache for a later send to trip over. Over TLS, ALPN
            // settles the protocol and reuse works.
            try check(sonde_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1))
            try check(sonde_setopt_long(handle, CURLOPT_FORBID_REUSE, 1))
        }
    }

    /// Digest or NTLM: libcurl sends the request, reads the 401's challenge and answers it.
    /// Only the one scheme is allowed, so a server offering Basic too never gets the password.
    private func configureChallengeAuth() throws(TransportError) {
        guard let challenge = outgoing.challengeAuth else { return }
        let scheme = switch challenge.scheme {
        case .digest: sonde_curlauth_digest
        case .ntlm: sonde_curlauth_ntlm
        }
        try check(sonde_setopt_long(handle, CURLOPT_HTTPAUTH, scheme))
        try check(sonde_setopt_string(handle, CURLOPT_USERNAME, challenge.username))
        try check(sonde_setopt_string(handle, CURLOPT_PASSWORD, challenge.password))
    }

    private func configureMethodAndBody() throws(TransportError) -> Upload {
        let method = outgoing.method
        if method == .HEAD {
            try check(sonde_setopt_long(handle, CURLOPT_NOBODY, 1))
            return .none
        }
        let upload: Upload
        switch outgoing.body {
        case .none:
            // An explicit Content-Length: 0, as browsers send, keeps servers that insist on
            // a length for these methods happy.
            upload = [.POST, .PUT, .PATCH].contains(method) ? .bytes(Data()) : .none
        case .bytes(let data):
            upload = .bytes(data)
        case .file(let path):
            upload = .bytes(try BodyFile.contents(of: path))
        case .multipart(let parts):
            try buildMIME(parts)
            upload = .mime
        }
        switch upload {
        case .none:
            break
        case .bytes(let data):
            try check(sonde_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count)))
            // curl copies the bytes, so the Data need not outlive this call.
            try check(data.isEmpty
                ? sonde_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                : data.withUnsafeBytes { bytes in
                    sonde_setopt_string(
                        handle, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
                })
        case .mime:
            try check(sonde_setopt_mime(handle, mime))
        }
        // A body makes curl POST; any other method, or a GET with a body, is named explicitly.
        if method != .POST, method != .GET || upload.sendsBody {
            try check(sonde_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method.rawValue))
        }
        return upload
    }

    private func buildMIME(_ parts: [MultipartPart]) throws(TransportError) {
        guard let mime = curl_mime_init(handle) else { throw Self.outOfMemory }
        self.mime = mime
        for part in parts {
            guard let field = curl_mime_addpart(mime) else { throw Self.outOfMemory }
            try check(curl_mime_name(field, part.name))
            switch part.content {
            case .text(let text):
                // By length, not NUL-terminated, so text containing NUL is sent whole.
                let count = text.utf8.count
                try check(text.withCString { curl_mime_data(field, $0, count) })
            case .file(let path, let filename, let contentType):
                try BodyFile.checkReadable(path)
                // curl streams the file while sending and names it after its last path component.
                try check(curl_mime_filedata(field, path))
                if let filename { try check(curl_mime_filename(field, filename)) }
                if let contentType { try check(curl_mime_type(field, contentType)) }
            }
        }
    }

    private func configureHeaders(upload: Upload) throws(TransportError) {
        var lines: [String] = []
        let requestHeaders = outgoing.headers
        for field in requestHeaders {
            // curl writes multipart's Content-Type itself, with the boundary it chose.
            if case .mime = upload, field.name.equalsIgnoringASCIICase("Content-Type") {
                continue
            }
            // "Name;" is curl's way to send a header with an empty value.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // curl would add Expect: 100-continue to large and multipart bodies and wait up to a
        // second for an answer many servers never send.
        if !requestHeaders.contains(named: "Expect") { lines.append("Expect:") }
        // A body sent as POST fields would otherwise go out as x-www-form-urlencoded.
        if case .bytes = upload, !requestHeaders.contains(named: "Content-Type") {
            lines.append("Content-Type:")
        }
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else { throw Self.outOfMemory }
            headerList = list
        }
        try check(sonde_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
    }

    private func configureCallbacks() throws(TransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(sonde_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(sonde_setopt_write_function(handle) { data, size, count, context in
            let length = size * count
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            guard let data, length > 0 else { return length }
            // Anything other than `length` makes curl stop with CURLE_WRITE_ERROR.
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        })
        try check(sonde_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try check(sonde_setopt_header_function(handle) { data, size, count, context in
            let length = size * count
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        // An event loop (no multi handle of this transfer's own) sweeps for cancelled transfers
        // itself: libcurl calling back into Swift for every transfer at every turn showed in
        // its thread's profile.
        if multi != nil {
            try check(sonde_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
            try check(sonde_setopt_progress_function(handle) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
            })
            try check(sonde_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        }
        guard receiver.recordsWire else { return }
        // The requests as written, for `HTTPResponse.wire`. VERBOSE is what makes libcurl call
        // the debug function; with one set, it prints nothing itself.
        try check(sonde_setopt_pointer(handle, CURLOPT_DEBUGDATA, context))
        try check(sonde_setopt_debug_function(handle) { _, type, data, size, context in
            guard let context, let data else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            if type == CURLINFO_HEADER_OUT {
                transfer.recorder.headerOut(UnsafeRawBufferPointer(start: data, count: size))
            } else if type == CURLINFO_DATA_OUT {
                transfer.recorder.dataOut(count: size)
            }
            return 0
        })
        try check(sonde_setopt_long(handle, CURLOPT_VERBOSE, 1))
    }

    // MARK: - Response

    /// Collects one header line. A status line starts a new response (after a redirect or a
    /// 1xx), so only the final response's headers remain.
    ///
    /// A field line is split on its bytes and only its name and value become strings: going
    /// through `Character`s (grapheme breaking) for the line break, the colon and the blanks
    /// showed in `sonde run`'s event-loop thread (perf), which parses every header of every response.
    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll()
            pendingRedirect = nil
            let words = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            reason = words.count == 3 ? Self.trimmingBlanks(words[2]) : ""
            version = String(decoding: words[0].dropFirst("HTTP/".utf8.count), as: UTF8.self)
            status = words.count > 1 ? Int(String(decoding: words[1], as: UTF8.self)) ?? 0 : 0
            return
        }
        guard let first = line.first else {
            // The blank line that ends a head: the final response's, unless another follows
            // (after a 1xx, or a redirect to follow).
            if (100..<200).contains(status) { return }
            recorder.answered(ResponseHead(status: status, reason: reason, httpVersion: version, headers: headers))
            if request.options.followRedirects, let location = headers.first(named: "Location"),
               let redirect = outgoing.following(status: status, location: location, secrets: request.secrets.union(request.credentials)) {
                pendingRedirect = redirect
                return
            }
            deliverHeadIfNeeded()
            return
        }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t"), !headers.isEmpty {
            // An obsolete folded continuation of the previous header's value.
            headers[headers.count - 1].value += " " + Self.trimmingBlanks(line[...])
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        headers.append(HeaderField(
            name: String(decoding: line[..<colon], as: UTF8.self),
            value: Self.trimmingBlanks(line[(colon + 1)...])))
    }

    /// Tells the receiver of the final response's head, once: when the blank line after it
    /// arrives, else with the first piece of body, else when the transfer ends.
    private func deliverHeadIfNeeded() {
        guard deliveredHead == nil else { return }
        let head = ResponseHead(status: status, reason: reason, httpVersion: version, headers: headers)
        deliveredHead = head
        // Read from the head only for the progress reports that use it.
        if receiver.onProgress != nil { expectedBodySize = outgoing.method == .HEAD ? nil : head.expectedBodySize }
        // The cookies this response sets are secrets of it from here on (see `RequestSender`).
        var request = request
        request.secrets.insert(cookiesSetBy: headers)
        sink?.maskSpill(secrets: request.secrets, mediaType: head.mediaType)
        if receiver.onHead?(head, request, recorder.wire) == .discard { sink?.discard() }
    }

    /// Takes one piece of body from curl; false to stop the transfer (the sink could not write).
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // A redirect's own body ("Moved to ...") is nobody's business.
        if pendingRedirect != nil { return true }
        deliverHeadIfNeeded()
        if let sink, !sink.append(bytes) { return false }
        bytesReceived += Int64(bytes.count)
        receiver.onBodyChunk?(Data(bytes))
        if let onProgress = receiver.onProgress {
            let elapsed = (ContinuousClock.now - started).components
            onProgress(TransferProgress(
                bytesReceived: bytesReceived, expectedBytes: expectedBodySize,
                elapsed: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
        }
        return true
    }

    private func response(body: Data, file: ResponseBodyFile?) -> HTTPResponse {
        let version = switch long(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "1.1"
        }
        return HTTPResponse(
            status: long(CURLINFO_RESPONSE_CODE), reason: reason, httpVersion: version,
            headers: headers, body: body, bodyFile: file, finalURL: string(CURLINFO_EFFECTIVE_URL) ?? outgoing.url,
            timings: adding(hopTimings(), to: earlierHops), redirects: redirects, proxyRoute: proxyRoute, wire: recorder.wire,
            connectionReused: hopConnectionsOpened == 0)
    }

    /// The current hop's timings, each point from the hop's own start.
    private func hopTimings() -> TransferTimings {
        TransferTimings(
            dns: seconds(CURLINFO_NAMELOOKUP_TIME_T),
            connect: seconds(CURLINFO_CONNECT_TIME_T),
            tls: seconds(CURLINFO_APPCONNECT_TIME_T),
            preTransfer: seconds(CURLINFO_PRETRANSFER_TIME_T),
            firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: seconds(CURLINFO_TOTAL_TIME_T),
            bytesUploaded: Int64(offset(CURLINFO_SIZE_UPLOAD_T)),
            bytesDownloaded: Int64(offset(CURLINFO_SIZE_DOWNLOAD_T)))
    }

    /// A hop's timings after `earlier` hops, added up as libcurl adds up the hops it follows
    /// itself: every point is the sum over the hops, `redirect` is the earlier hops' total, and
    /// the byte counts are the last hop's.
    private func adding(_ hop: TransferTimings, to earlier: TransferTimings?) -> TransferTimings {
        guard let earlier else { return hop }
        return TransferTimings(
            dns: earlier.dns + hop.dns, connect: earlier.connect + hop.connect, tls: earlier.tls + hop.tls,
            preTransfer: earlier.preTransfer + hop.preTransfer, firstByte: earlier.firstByte + hop.firstByte,
            total: earlier.total + hop.total, redirect: earlier.total,
            bytesUploaded: hop.bytesUploaded, bytesDownloaded: hop.bytesDownloaded)
    }

    private func failure(_ code: CURLcode) -> CurlFailure {
        let buffered = String(cString: errorBuffer)
        return CurlFailure(
            code: code,
            message: buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered,
            url: string(CURLINFO_EFFECTIVE_URL) ?? outgoing.url,
            connected: offset(CURLINFO_CONNECT_TIME_T) > 0,
            headReceived: deliveredHead != nil,
            options: request.options,
            handshakeDone: offset(CURLINFO_APPCONNECT_TIME_T) > 0,
            proxyRoute: proxyRoute,
            systemError: Self.systemErrorText(long(CURLINFO_OS_ERRNO)))
    }

    /// The system's text for an errno curl recorded ("No such file or directory"); nil for none.
    private static func systemErrorText(_ code: Int) -> String? {
        guard code != 0, let text = strerror(Int32(truncatingIfNeeded: code)) else { return nil }
        return String(cString: text)
    }

    // MARK: - Plumbing

    private func releaseResources() {
        // After the reset curl no longer points at the list, the MIME body or the buffer.
        curl_easy_reset(handle)
        curl_slist_free_all(headerList)
        headerList = nil
        curl_mime_free(mime)
        mime = nil
    }

    private func long(_ info: CURLINFO) -> Int {
        var value = 0
        return sonde_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func offset(_ info: CURLINFO) -> curl_off_t {
        var value: curl_off_t = 0
        return sonde_getinfo_off(handle, info, &value) == CURLE_OK ? value : 0
    }

    /// A *_TIME_T value, which curl reports in microseconds.
    private func seconds(_ info: CURLINFO) -> Double {
        Double(offset(info)) / 1_000_000
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard sonde_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else {
            throw .other(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// curl's receive buffer for a body written to a file: the largest piece of body handed over
    /// at once. curl's command line uses 100 kB too. Measured for 1 GB to /dev/null on loopback
    /// (medians of 3): 16 kB (libcurl's default) 1.16 s with twice the system time, 100 kB 0.89 s,
    /// 1 MB 1.00 s. A body kept in memory gets libcurl's 16 kB: libcurl 7.88 allocates the buffer
    /// for each transfer and frees it after, and freeing 100 kB made glibc consolidate its heap
    /// every time: malloc_consolidate and sysmalloc were 2.4% of the samples of `sonde run`'s
    /// event-loop thread (perf), 0.6% with 16 kB.
    private static let receiveBufferSize = 100 * 1024

    private static let outOfMemory = TransportError.other(
        code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory")

    /// Seconds as whole milliseconds, at least 1; nil (no limit) for nil, zero or negative.
    private static func milliseconds(_ seconds: Double?) -> Int? {
        guard let seconds, seconds > 0 else { return nil }
        return max(1, Int(saturating: (seconds * 1000).rounded()))
    }
}
