/// The curl options the importer knows, by long name, with their short letter and whether they
/// take a value: enough to read every word of a command right, including the value of an option
/// that is then ignored (`-o file`), so it is not taken for the URL.
struct CurlOption: Sendable {
    let long: String
    let short: Character?
    let takesValue: Bool
    /// Changes only what curl prints or where it writes the answer: ignored without a warning.
    let outputOnly: Bool

    init(_ long: String, _ short: Character? = nil, value: Bool = false, outputOnly: Bool = false) {
        self.long = long
        self.short = short
        self.takesValue = value
        self.outputOnly = outputOnly
    }

    static let all: [CurlOption] = [
        // What the request is.
        CurlOption("request", "X", value: true), CurlOption("url", value: true), CurlOption("url-query", value: true),
        CurlOption("header", "H", value: true), CurlOption("get", "G"), CurlOption("head", "I"),
        CurlOption("data", "d", value: true), CurlOption("data-raw", value: true), CurlOption("data-ascii", value: true),
        CurlOption("data-binary", value: true), CurlOption("data-urlencode", value: true), CurlOption("json", value: true),
        CurlOption("form", "F", value: true), CurlOption("form-string", value: true),
        CurlOption("user-agent", "A", value: true), CurlOption("referer", "e", value: true),
        CurlOption("cookie", "b", value: true),
        // Auth.
        CurlOption("user", "u", value: true), CurlOption("basic"), CurlOption("digest"), CurlOption("ntlm"),
        CurlOption("anyauth"), CurlOption("oauth2-bearer", value: true),
        // Connection options.
        CurlOption("insecure", "k"), CurlOption("location", "L"), CurlOption("location-trusted"),
        CurlOption("max-redirs", value: true), CurlOption("proxy", "x", value: true), CurlOption("proxy-user", "U", value: true),
        CurlOption("noproxy", value: true), CurlOption("cert", "E", value: true), CurlOption("cert-type", value: true),
        CurlOption("key", value: true), CurlOption("key-type", value: true), CurlOption("pass", value: true),
        CurlOption("cacert", value: true), CurlOption("capath", value: true),
        CurlOption("max-time", "m", value: true), CurlOption("connect-timeout", value: true),
        CurlOption("http1.0", "0"), CurlOption("http1.1"), CurlOption("http2"), CurlOption("http2-prior-knowledge"),
        CurlOption("http3"), CurlOption("http3-only"), CurlOption("unix-socket", value: true),
        // What sonde does anyway: it always accepts compressed answers, never globs URLs.
        CurlOption("compressed", outputOnly: true), CurlOption("globoff", "g", outputOnly: true),
        CurlOption("path-as-is", outputOnly: true), CurlOption("tr-encoding", outputOnly: true),
        CurlOption("no-keepalive", outputOnly: true),
        // What curl prints or writes: nothing of the request.
        CurlOption("silent", "s", outputOnly: true), CurlOption("show-error", "S", outputOnly: true),
        CurlOption("verbose", "v", outputOnly: true), CurlOption("include", "i", outputOnly: true),
        CurlOption("output", "o", value: true, outputOnly: true), CurlOption("remote-name", "O", outputOnly: true),
        CurlOption("remote-header-name", "J", outputOnly: true), CurlOption("progress-bar", "#", outputOnly: true),
        CurlOption("no-progress-meter", outputOnly: true), CurlOption("no-buffer", "N", outputOnly: true),
        CurlOption("fail", "f", outputOnly: true), CurlOption("fail-with-body", outputOnly: true),
        CurlOption("write-out", "w", value: true, outputOnly: true), CurlOption("dump-header", "D", value: true, outputOnly: true),
        CurlOption("trace", value: true, outputOnly: true), CurlOption("trace-ascii", value: true, outputOnly: true),
        CurlOption("stderr", value: true, outputOnly: true), CurlOption("cookie-jar", "c", value: true, outputOnly: true),
        CurlOption("create-dirs", outputOnly: true), CurlOption("styled-output", outputOnly: true),
        // Known, with a value, but nothing in sonde to hold it: a warning.
        CurlOption("retry", value: true), CurlOption("retry-delay", value: true), CurlOption("retry-max-time", value: true),
        CurlOption("limit-rate", value: true), CurlOption("resolve", value: true), CurlOption("connect-to", value: true),
        CurlOption("interface", value: true), CurlOption("range", "r", value: true), CurlOption("time-cond", "z", value: true),
        CurlOption("upload-file", "T", value: true), CurlOption("config", "K", value: true), CurlOption("ciphers", value: true),
        CurlOption("proto", value: true), CurlOption("proto-redir", value: true), CurlOption("aws-sigv4", value: true),
        CurlOption("netrc"), CurlOption("netrc-file", value: true), CurlOption("ipv4", "4"), CurlOption("ipv6", "6"),
        CurlOption("parallel", "Z"), CurlOption("next", ":"),
    ]

    static let byLong: [String: CurlOption] = Dictionary(all.map { ($0.long, $0) }, uniquingKeysWith: { first, _ in first })
    static let byShort: [Character: CurlOption] = Dictionary(
        all.compactMap { option in option.short.map { ($0, option) } }, uniquingKeysWith: { first, _ in first })
}
