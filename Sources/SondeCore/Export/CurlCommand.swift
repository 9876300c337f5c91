import Foundation

/// A prepared request as a curl command line that does the same, for sharing and for scripts.
///
/// Secrets never appear, and the command runs as printed wherever their variables are set: a
/// secret from `{{env:NAME}}` is written as `"${NAME}"` in every position. Where the request
/// carries it encoded, curl is asked to encode the variable itself: a query value becomes
/// `-G --data-urlencode 'key='"${NAME}"` (`--url-query` when there is a body too, curl 7.87+), a
/// form field `--data-urlencode`, a JSON string gets the value escaped by `sed` into
/// `SONDE_JSON_NAME` first. A Basic header becomes `-u 'user:'"${NAME}"`, a pending OAuth2 token
/// `"${SONDE_OAUTH2_TOKEN}"`. With the cookie jar on, `-b FILE -c FILE` name the environment's
/// jar. Masked remain only a value no variable holds (a header marked
/// secret whose value came from nowhere else) and a secret curl cannot encode itself (one
/// percent-encoded in the URL's path).
///
/// Every word is shell-quoted, and one holding a control or invisible character is written as
/// `$'…'` with `\xNN` escapes: pasting the command runs curl and nothing else, and showing it
/// cannot drive the terminal.
public enum CurlCommand {
    /// The variable a pending OAuth2 bearer token is read from.
    public static let oauth2TokenVariable = "SONDE_OAUTH2_TOKEN"

    public static func render(_ request: PreparedRequest, pendingOAuth2: OAuth2ClientCredentials? = nil) -> String {
        var writer = ShellWords(secrets: request.secrets)
        var lines: [String] = []
        if let pendingOAuth2 {
            let tokenURL = TerminalSafeText.singleLine(request.secrets.redact(pendingOAuth2.tokenURL))
            let grant = pendingOAuth2.grant.rawValue.replacingOccurrences(of: "_", with: " ")
            lines.append("# OAuth2: set \(oauth2TokenVariable) to a bearer token from POST \(tokenURL) (\(grant))")
        }
        var words: [String] = ["curl"]
        let hasBody: Bool = if case .none = request.body { false } else { true }
        let (url, query) = splitQuery(request.url, secrets: request.secrets)
        switch request.method {
        case .HEAD: words.append("--head")
        case .GET where !hasBody: break
        default: words += ["-X", writer.word(request.method.rawValue)]
        }
        words.append(writer.word(url))

        var command = [words.joined(separator: " ")]
        if let query {
            // -G sends every --data* as the query; with a body those are the body's, so the
            // query goes with --url-query instead.
            if !hasBody { command.append("-G") }
            for pair in query {
                if let encoded = pair.decodedWithSecret {
                    command.append((hasBody ? "--url-query " : "--data-urlencode ") + writer.word(encoded))
                } else {
                    command.append((hasBody ? "--url-query " : "--data-raw ") + writer.word(hasBody ? "+" + pair.raw : String(pair.raw)))
                }
            }
        }
        for header in request.headers {
            if header.name.caseInsensitiveCompare("Authorization") == .orderedSame,
               let userAndPassword = basicCredentials(header.value) {
                command.append("-u " + writer.word(userAndPassword))
                continue
            }
            // A header known to be secret but holding no recorded secret value is masked whole.
            let value = header.isSecret && !request.secrets.values.contains(where: header.value.contains)
                ? SecretSet.mask : header.value
            command.append("-H " + writer.word(value.isEmpty ? "\(header.name);" : "\(header.name): \(value)"))
        }
        if let challenge = request.challengeAuth {
            command.append("--\(challenge.scheme.rawValue) -u " + writer.word("\(challenge.username):\(challenge.password)"))
        }
        if pendingOAuth2 != nil, !request.headers.contains(named: "Authorization") {
            command.append("-H " + ShellWords.quote("Authorization: Bearer ") + "\"${\(oauth2TokenVariable)}\"")
        }
        switch request.body {
        case .none:
            break
        case .bytes(let data):
            if let text = String(data: data, encoding: .utf8), !text.contains("\0") {
                if isForm(request.headers), request.secrets.redact(text) != text {
                    for pair in formPairs(text, secrets: request.secrets) {
                        if let encoded = pair.decodedWithSecret {
                            command.append("--data-urlencode " + writer.word(encoded))
                        } else {
                            command.append("--data-raw " + writer.word(String(pair.raw)))
                        }
                    }
                } else {
                    // --data-raw: a body starting with @ is not a file name.
                    command.append("--data-raw " + writer.word(text, jsonEscaped: true))
                }
            } else {
                lines.append("# the body is \(data.count) bytes of binary data: save it to body.bin")
                command.append("--data-binary @body.bin")
            }
        case .file(let path):
            command.append("--data-binary " + writer.word("@" + path))
        case .multipart(let parts):
            for part in parts {
                switch part.content {
                case .text(let value):
                    // --form-string: no special meaning for values starting with @ or <.
                    command.append("--form-string " + writer.word("\(part.name)=\(value)"))
                case .file(let path, let filename, let contentType):
                    var spec = "\(part.name)=@\(path)"
                    if let contentType { spec += ";type=\(contentType)" }
                    if let filename { spec += ";filename=\(filename)" }
                    command.append("-F " + writer.word(spec))
                }
            }
        }
        let options = request.options
        if let connect = options.connectTimeout { command.append("--connect-timeout \(number(connect))") }
        if let total = options.totalTimeout { command.append("--max-time \(number(total))") }
        if options.followRedirects { command.append("-L --max-redirs \(options.maxRedirects)") }
        if !options.verifyTLS { command.append("--insecure") }
        command += tlsArguments(options.tls, writer: &writer)
        command += proxyArguments(options, writer: &writer)
        if let version = options.httpVersion { command.append(version.curlFlag) }
        if let socket = options.unixSocket { command.append("--unix-socket " + writer.word(socket)) }
        if let jar = options.cookieJar {
            // The environment's own jar, read and written back, so the command sends the
            // cookies sonde would and keeps what it receives for sonde's next send.
            let file = ShellWords.quote(jar)
            command.append("-b \(file) -c \(file)")
        }
        command.append("--compressed")
        lines += writer.preamble
        lines.append(command.joined(separator: " \\\n  "))
        return lines.joined(separator: "\n")
    }

    /// `--cert`, `--cert-type` (always: curl's own default is PEM whatever the extension), `--key`,
    /// `--pass`, `--cacert` and `--capath`. The pass phrase goes in `--pass`, never after the
    /// certificate's name, and like every secret from a variable it is written as `"${NAME}"`.
    static func tlsArguments(_ tls: TLSSettings, writer: inout ShellWords) -> [String] {
        var arguments: [String] = []
        if let certificate = tls.clientCertificate {
            // curl reads `--cert file:password`; a colon in the file's name is escaped.
            arguments.append("--cert " + writer.word(certificate.path.replacingOccurrences(of: ":", with: "\\:")))
            arguments.append("--cert-type \(certificate.type.curlName)")
            if let key = certificate.keyPath {
                arguments.append("--key " + writer.word(key))
                if certificate.keyType == .der { arguments.append("--key-type DER") }
            }
            if let password = certificate.password { arguments.append("--pass " + writer.word(password)) }
        }
        if let file = tls.caFile { arguments.append("--cacert " + writer.word(file)) }
        if let folder = tls.caFolder { arguments.append("--capath " + writer.word(folder)) }
        return arguments
    }

    /// `-x`, `--proxy-user` and `--noproxy` as the request's proxy options say: nothing for
    /// the environment's proxy (curl reads it too), `--noproxy '*'` for `proxy: none`. A secret
    /// password is written as `"${NAME}"`; the user part always has its colon, without which
    /// curl would prompt for a password.
    private static func proxyArguments(_ options: TransferOptions, writer: inout ShellWords) -> [String] {
        var arguments: [String] = []
        switch options.proxy.choice {
        case .environment:
            break
        case .none:
            return ["--noproxy " + ShellWords.quote("*")]
        case .proxy(let proxy):
            arguments.append("-x " + writer.word(proxy.endpoint))
            if proxy.username != nil || proxy.password != nil {
                arguments.append("--proxy-user " + writer.word("\(proxy.username ?? ""):\(proxy.password ?? "")"))
            }
            if proxy.scheme == .https, !options.verifyTLS { arguments.append("--proxy-insecure") }
        }
        if let noProxy = options.proxy.noProxy { arguments.append("--noproxy " + writer.word(noProxy)) }
        return arguments
    }

    /// One `name=value` pair of a query or a form, as it was sent (`raw`); when it holds a
    /// secret, `name=` and its value decoded, for curl to encode again with `--data-urlencode`.
    struct EncodedPair {
        var raw: Substring
        var decodedWithSecret: String?
    }

    /// The URL without its query, and the query's pairs when one of them holds a secret (nil
    /// otherwise: the URL is printed whole).
    static func splitQuery(_ url: String, secrets: SecretSet) -> (String, [EncodedPair]?) {
        guard let mark = url.firstIndex(of: "?") else { return (url, nil) }
        let fragmentStart = url[mark...].firstIndex(of: "#") ?? url.endIndex
        let query = url[url.index(after: mark)..<fragmentStart]
        guard !query.isEmpty, secrets.redact(String(query)) != query else { return (url, nil) }
        // The fragment is dropped (it is never sent): curl would put -G's query after it.
        return (String(url[..<mark]), formPairs(query, secrets: secrets))
    }

    /// The `&`-separated pairs of a query or an `application/x-www-form-urlencoded` body.
    static func formPairs(_ text: some StringProtocol, secrets: SecretSet) -> [EncodedPair] {
        Substring(text).split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard secrets.redact(String(pair)) != pair, let equals = pair.firstIndex(of: "=") else {
                return EncodedPair(raw: pair, decodedWithSecret: nil)
            }
            let value = pair[pair.index(after: equals)...]
            // `+` is a space in a form; a literal plus was sent as %2B.
            let decoded = (value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(value)
            return EncodedPair(raw: pair, decodedWithSecret: String(pair[...equals]) + decoded)
        }
    }

    private static func isForm(_ headers: [HeaderField]) -> Bool {
        headers.contains { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame
            && $0.value.lowercased().hasPrefix("application/x-www-form-urlencoded") }
    }

    /// `user:password` from a Basic Authorization value, when it is one.
    private static func basicCredentials(_ value: String) -> String? {
        guard value.hasPrefix("Basic "), let data = Data(base64Encoded: String(value.dropFirst(6))),
              let decoded = String(data: data, encoding: .utf8), decoded.contains(":") else { return nil }
        return decoded
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : DecimalText.fixed(value, digits: 3)
    }
}
