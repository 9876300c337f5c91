/// The requests of an exchange as they went out on the wire, with the answers that led from one
/// to the next, as lines to show: masked with the request's secrets and made inert. `sonde send
/// -v` prints them after `> `, `< ` and `* ` as curl does; the response viewer's Request tab
/// draws the same lines, so both show one thing.
///
/// Besides the `SecretSet`, a few headers are masked by what they are, since their values are
/// credentials whoever wrote them: an `Authorization` or `Proxy-Authorization` that libcurl
/// wrote itself (digest, NTLM, a proxy's Basic) keeps only its scheme (`Digest ••••`), and the
/// values of a `Cookie` header from the cookie jar are masked (`session=••••`). A header sonde
/// set from a secret is masked whole, as it always was.
public struct WireTranscript: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        /// The request line of a request sent: `GET /users/1 HTTP/1.1`.
        case request(String)
        /// A header field sent.
        case sentHeader(name: String, value: String)
        /// The blank line that ends a request head, and the size of the body that followed it
        /// (0 for none).
        case endOfHead(bodySize: Int64)
        /// The status line of an answer that led to another request (a redirect, a challenge):
        /// `HTTP/1.1 302 Found`. The last answer is the response itself, shown on its own.
        case answer(status: Int, text: String)
        /// A header of such an answer that says where the next request went or why:
        /// `Location`, `Set-Cookie` (values masked), `WWW-Authenticate`, `Proxy-Authenticate`.
        case answerHeader(name: String, value: String)
        /// What sonde says about the chain: a redirect followed, a head cut short, the final URL.
        case note(String)
    }

    public var lines: [Line]

    /// The headers of an answer shown in a transcript; the rest are on the Headers tab of
    /// the final response, and of no interest on a redirect.
    /// `Set-Cookie` too, its value masked: a login that answers with a redirect sets its
    /// session there, and the next hop's `Cookie` comes from it.
    static let answerHeadersShown: Set<String> = ["location", "set-cookie", "www-authenticate", "proxy-authenticate"]

    /// - Parameters:
    ///   - wire: The requests to show.
    ///   - finalURL: The URL that answered, said at the end; nil says nothing.
    ///   - declared: The headers sonde asked for (`PreparedRequest.headers`): the ones marked
    ///     secret are masked whole, and one set literally in a collection is shown as written.
    ///   - secrets: The request's secrets, masked wherever they occur.
    ///   - reveals: Show everything in clear (the viewer's reveal key); nothing is masked.
    public init(wire log: WireLog, finalURL: String?, declared: [HeaderField], secrets: SecretSet, reveals: Bool = false) {
        let secrets = reveals ? SecretSet() : secrets
        var lines: [Line] = []
        if log.omitted > 0 {
            lines.append(.note("\(log.omitted) earlier \(log.omitted == 1 ? "request" : "requests") not kept"))
        }
        for (index, sent) in log.requests.enumerated() {
            lines.append(.request(Self.shown(sent.head.requestLine, secrets)))
            for field in sent.head.headers {
                let value = reveals ? TerminalSafeText.singleLine(field.value) : Self.maskedValue(of: field, declared: declared, secrets: secrets)
                lines.append(.sentHeader(name: Self.shown(field.name, secrets), value: value))
            }
            if sent.head.isTruncated {
                lines.append(.note("the head was longer than \(SentRequestHead.capacity / 1024) kB: the rest is not shown"))
            }
            lines.append(.endOfHead(bodySize: sent.head.bodySize))
            guard index < log.requests.count - 1, let answer = sent.answer else { continue }
            let reason = answer.reason.isEmpty ? "" : " " + answer.reason
            lines.append(.answer(status: answer.status, text: Self.shown("HTTP/\(answer.httpVersion) \(answer.status)\(reason)", secrets)))
            for header in answer.headers where Self.answerHeadersShown.contains(header.name.lowercased()) {
                let value = reveals ? TerminalSafeText.singleLine(header.value) : TerminalSafeText.singleLine(secrets.shownValue(of: header))
                lines.append(.answerHeader(name: Self.shown(header.name, secrets), value: value))
            }
            if let redirect = sent.redirect { lines.append(.note(Self.shown(redirect.summary, secrets))) }
        }
        if let finalURL { lines.append(.note("final URL: " + Self.shown(finalURL, secrets))) }
        self.lines = lines
    }

    /// The transcript of `response`: its wire, ending with its final URL.
    public init(response: HTTPResponse, declared: [HeaderField], secrets: SecretSet, reveals: Bool = false) {
        self.init(wire: response.wire, finalURL: response.finalURL, declared: declared, secrets: secrets, reveals: reveals)
    }

    /// A header's value as shown: see the type's comment for what is masked.
    static func maskedValue(of field: HeaderField, declared: [HeaderField], secrets: SecretSet) -> String {
        let sameName = declared.filter { $0.name.caseInsensitiveCompare(field.name) == .orderedSame }
        if sameName.contains(where: \.isSecret) { return SecretSet.mask }
        let writtenBySonde = sameName.contains { $0.value == field.value }
        switch field.name.lowercased() {
        case "authorization" where !writtenBySonde, "proxy-authorization" where !writtenBySonde:
            let scheme = field.value.prefix { $0 != " " }
            return scheme.count < field.value.count ? shown(String(scheme), secrets) + " " + SecretSet.mask : SecretSet.mask
        case "cookie" where !writtenBySonde:
            return TerminalSafeText.singleLine(secrets.shownValue(of: field))
        default:
            return shown(field.value, secrets)
        }
    }

    /// Masked, on one line, inert for a terminal.
    static func shown(_ text: String, _ secrets: SecretSet) -> String {
        TerminalSafeText.singleLine(secrets.redact(text))
    }
}
