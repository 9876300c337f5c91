import Foundation
import SondeCore

/// What one request of a redirect chain sends: the prepared request itself at first, then what
/// each followed redirect makes of it.
///
/// sonde follows redirects itself (CURLOPT_FOLLOWLOCATION off) rather than letting libcurl do
/// it: libcurl drops only `Authorization` and `Cookie` on a redirect to another host, re-sending
/// an API-key header or any header holding a secret, and offers no hook between hops to change
/// that (CURLOPT_UNRESTRICTED_AUTH governs the same two headers). Following by hand on the same
/// easy handle costs nothing measurable (the connection cache is the handle's) and puts every
/// rule in this one type: which statuses are followed, how the method changes, and what is
/// withheld from another origin. Headers, once withheld, stay withheld for the rest of the chain.
struct OutgoingRequest: Equatable {
    var url: String
    var method: HTTPMethod
    var headers: [HeaderField]
    var body: PreparedBody
    /// Digest/NTLM credentials libcurl answers a challenge with; withheld from another origin.
    var challengeAuth: ChallengeCredentials?

    init(url: String, method: HTTPMethod, headers: [HeaderField], body: PreparedBody, challengeAuth: ChallengeCredentials? = nil) {
        self.challengeAuth = challengeAuth
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    init(_ request: PreparedRequest) {
        self.init(
            url: request.url, method: request.method, headers: request.headers, body: request.body,
            challengeAuth: request.challengeAuth)
    }

    /// The redirects followed, as in the Fetch standard; 300, 304 and 305 are answers.
    static let followedStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Headers that carry credentials whatever their value, withheld from another origin as
    /// browsers and curl withhold them.
    private static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    /// Headers that describe a body, dropped with it when a redirect turns the method into GET.
    private static let bodyHeaders: Set<String> = [
        "content-type", "content-length", "content-encoding", "content-language", "content-location",
    ]

    /// The request that a `status` answer with this `location` leads to, and the `Redirect`
    /// that says what changed; nil when it is not followed: not a followed status, a Location
    /// that is no http(s) URL, or a 307/308 that would re-send a body holding a secret to
    /// another origin (the redirect itself is then the answer).
    ///
    /// 301 and 302 turn a POST into a GET and 303 turns anything but GET and HEAD into one,
    /// without the body, as browsers and curl do; 307 and 308 keep method and body.
    func following(status: Int, location: String, secrets: SecretSet) -> (next: OutgoingRequest, redirect: Redirect)? {
        guard Self.followedStatuses.contains(status),
              let target = CurlURLParts.resolve(location, against: url),
              let targetParts = CurlURLParts(target), ["http", "https"].contains(targetParts.scheme)
        else { return nil }
        var next = self
        next.url = target
        if (status == 303 && method != .GET && method != .HEAD) || ([301, 302].contains(status) && method == .POST) {
            next.method = .GET
            next.body = .none
            next.headers.removeAll { Self.bodyHeaders.contains($0.name.lowercased()) }
        }
        let crossesOrigin = CurlURLParts(url)?.origin != targetParts.origin
        var withheld: [String] = []
        if crossesOrigin {
            guard !Self.holdsSecret(next.body, secrets) else { return nil }
            for header in next.headers where Self.carriesCredential(header, secrets) {
                if !withheld.contains(where: { $0.equalsIgnoringASCIICase(header.name) }) {
                    withheld.append(header.name)
                }
            }
            next.headers.removeAll { Self.carriesCredential($0, secrets) }
            if let challenge = next.challengeAuth {
                withheld.append("\(challenge.scheme.rawValue) credentials")
                next.challengeAuth = nil
            }
            let query = Self.withoutSecretQueryValues(target, secrets)
            next.url = query.url
            withheld += query.removedNames.map { "query parameter \($0)" }
        }
        return (next, Redirect(status: status, url: next.url, crossesOrigin: crossesOrigin, withheld: withheld))
    }

    private static func carriesCredential(_ header: HeaderField, _ secrets: SecretSet) -> Bool {
        header.isSecret || credentialHeaders.contains(header.name.lowercased()) || contains(header.value, secrets)
    }

    private static func contains(_ text: String, _ secrets: SecretSet) -> Bool {
        !secrets.isEmpty && secrets.redact(text) != text
    }

    private static func holdsSecret(_ body: PreparedBody, _ secrets: SecretSet) -> Bool {
        guard !secrets.isEmpty else { return false }
        switch body {
        case .none, .file:
            return false
        case .bytes(let data):
            return secrets.redact(data) != data
        case .multipart(let parts):
            return parts.contains { part in
                if case .text(let text) = part.content { contains(text, secrets) } else { false }
            }
        }
    }

    /// `url` without the query items whose name or value holds a secret, and their names.
    private static func withoutSecretQueryValues(_ url: String, _ secrets: SecretSet) -> (url: String, removedNames: [String]) {
        guard !secrets.isEmpty, let questionMark = url.firstIndex(of: "?") else { return (url, []) }
        let fragmentStart = url[questionMark...].firstIndex(of: "#") ?? url.endIndex
        let items = url[url.index(after: questionMark)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var removed: [String] = []
        for item in items {
            if contains(String(item), secrets) {
                removed.append(String(item.prefix { $0 != "=" }))
            } else {
                kept.append(item)
            }
        }
        guard !removed.isEmpty else { return (url, []) }
        let query = kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
        return (String(url[..<questionMark]) + query + url[fragmentStart...], removed)
    }
}
