/// Cookie values as secrets. Every cookie value is masked where a `Cookie` or `Set-Cookie`
/// header is shown (`shownValue(of:)`); those that look like credentials are also secrets of
/// the exchange, masked wherever they appear (a body echoing a session id, a URL, history).
///
/// Not every value: a preference cookie `consent=true` made a secret masked every `true` of
/// every JSON body, and `theme=dark` every `dark`. A session id is long and random (OWASP asks
/// for 64 bits of entropy, 11 or more base64 characters); `lang=en` or `consent=accepted` is
/// not one.
extension SecretSet {
    /// Cookie values shorter than this are masked in cookie headers only.
    public static let shortestCookieCredential = 8

    /// Whether a cookie value is masked everywhere: 16 characters or more, or 8 or more that
    /// are not all letters (a plain word such as `accepted` is not a credential).
    public static func looksLikeCredential(cookieValue value: String) -> Bool {
        let count = value.unicodeScalars.count
        if count >= 2 * shortestCookieCredential { return true }
        return count >= shortestCookieCredential && !value.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// Adds the cookie values that look like credentials (see `looksLikeCredential(cookieValue:)`).
    public mutating func insert(cookieValues: some Sequence<String>) {
        for value in cookieValues where Self.looksLikeCredential(cookieValue: value) { insert(value) }
    }

    /// Adds the credential-like values of the cookies a response set (`Set-Cookie`).
    public mutating func insert(cookiesSetBy headers: [HeaderField]) {
        insert(cookieValues: headers.filter { $0.name.equalsIgnoringASCIICase("Set-Cookie") }
            .compactMap { CookieHeader.setCookieValue($0.value) })
    }

    /// A header's value as every printout shows it: masked whole when it holds a secret of the
    /// request, each cookie value masked in `Cookie` and `Set-Cookie`, secrets masked in the rest.
    /// Not made terminal-safe: each printout does that its own way.
    public func shownValue(of header: HeaderField) -> String {
        if header.isSecret { return Self.mask }
        guard CookieHeader.carriesCookies(header.name) else { return redact(header.value) }
        let setCookie = header.name.equalsIgnoringASCIICase("Set-Cookie")
        return redact(CookieHeader.masked(header.value, setCookie: setCookie, mask: Self.mask))
    }
}
