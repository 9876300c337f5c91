/// One curl command's options as curl reads them, before they mean anything to sonde:
/// `-sSLk` is four flags, `-XPOST` is `-X POST`, `-d` given three times is three pieces.
struct CurlInvocation: Sendable {
    /// One piece of a request body, in the order given.
    enum DataPiece: Sendable, Equatable {
        /// Text sent as it is (`--data-raw`, `-d text`, `--data-urlencode` already encoded).
        case text(String)
        /// `@file`: curl reads the file when it runs; the import keeps the reference.
        /// `stripsNewlines`: `-d @file` drops CR and LF, `--data-binary @file` does not.
        case file(String, stripsNewlines: Bool)
    }

    var method: String?
    var urls: [String] = []
    var queryAdditions: [String] = []
    var headers: [(name: String, value: String)] = []
    var data: [DataPiece] = []
    var json = false
    var get = false
    var head = false
    var form: [(value: String, literal: Bool)] = []
    var user: String?
    var authScheme: String?
    var cookies: [String] = []
    var bearer: String?
    var userAgent: String?
    var referer: String?
    var insecure = false
    var followRedirects = false
    var maxRedirects: String?
    var proxy: String?
    var proxyUser: String?
    var noProxy: String?
    var cert: String?
    var certType: String?
    var key: String?
    var keyPassword: String?
    var caCert: String?
    var caPath: String?
    var maxTime: String?
    var connectTimeout: String?
    var httpVersion: HTTPVersionPreference?
    var unixSocket: String?
    /// What was not understood or has no place in sonde, as messages.
    var warnings: [String] = []

    /// Reads `words` (without the leading `curl`).
    init(words: [String]) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word.hasPrefix("--"), word.count > 2 {
                var name = String(word.dropFirst(2))
                var inlineValue: String?
                if CurlOption.byLong[name] == nil, let equals = name.firstIndex(of: "="), CurlOption.byLong[String(name[..<equals])] != nil {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if CurlOption.byLong[name] == nil, name.hasPrefix("no-"), let negated = CurlOption.byLong[String(name.dropFirst(3))], !negated.takesValue {
                    apply(negated, value: nil, negated: true)
                    continue
                }
                guard let option = CurlOption.byLong[name] else {
                    warnings.append("unknown option --\(name), ignored")
                    continue
                }
                var value: String?
                if option.takesValue {
                    if let inlineValue {
                        value = inlineValue
                    } else if index < words.count {
                        value = words[index]
                        index += 1
                    } else {
                        warnings.append("--\(name) needs a value, ignored")
                        continue
                    }
                }
                apply(option, value: value)
            } else if word.hasPrefix("-"), word.count > 1 {
                var letters = Array(word.dropFirst())
                while !letters.isEmpty {
                    let letter = letters.removeFirst()
                    guard let option = CurlOption.byShort[letter] else {
                        warnings.append("unknown option -\(letter), ignored")
                        continue
                    }
                    guard option.takesValue else {
                        apply(option, value: nil)
                        continue
                    }
                    if !letters.isEmpty {
                        apply(option, value: String(letters))
                    } else if index < words.count {
                        apply(option, value: words[index])
                        index += 1
                    } else {
                        warnings.append("-\(letter) needs a value, ignored")
                    }
                    letters = []
                }
            } else {
                urls.append(word)
            }
        }
    }

    private mutating func apply(_ option: CurlOption, value: String?, negated: Bool = false) {
        let text = value ?? ""
        switch option.long {
        case "request": method = text
        case "url": urls.append(text)
        case "url-query": queryAdditions.append(text)
        case "header":
            if let colon = text.firstIndex(of: ":") {
                let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
                let headerValue = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                if headerValue.isEmpty {
                    // `Name:` removes a header curl would add; `Name;` sends it empty.
                    if name.caseInsensitiveCompare("User-Agent") == .orderedSame {
                        userAgent = ""
                    } else {
                        warnings.append("-H '\(name):' removes curl's own \(name) header; sonde has none to remove, ignored")
                    }
                } else {
                    headers.append((name, headerValue))
                }
            } else if text.hasSuffix(";") {
                headers.append((String(text.dropLast()).trimmingCharacters(in: .whitespaces), ""))
            } else if text.hasPrefix("@") {
                warnings.append("-H @\(text.dropFirst()) reads headers from a file, which is not read; add them by hand")
            } else {
                warnings.append("-H '\(text)' is not a header line (Name: value), ignored")
            }
        case "get": get = !negated
        case "head": head = !negated
        case "data", "data-ascii":
            data.append(text.hasPrefix("@") ? .file(String(text.dropFirst()), stripsNewlines: true) : .text(text))
        case "data-raw": data.append(.text(text))
        case "data-binary":
            data.append(text.hasPrefix("@") ? .file(String(text.dropFirst()), stripsNewlines: false) : .text(text))
        case "json":
            json = true
            data.append(text.hasPrefix("@") ? .file(String(text.dropFirst()), stripsNewlines: false) : .text(text))
        case "data-urlencode": dataURLEncode(text)
        case "form": form.append((text, false))
        case "form-string": form.append((text, true))
        case "user-agent": userAgent = text
        case "referer": referer = text
        case "cookie": cookies.append(text)
        case "user": user = text
        case "basic": authScheme = nil
        case "digest", "ntlm": authScheme = negated ? nil : option.long
        case "anyauth": warnings.append("--anyauth: sonde sends Basic unless told --digest or --ntlm")
        case "oauth2-bearer": bearer = text
        case "insecure": insecure = !negated
        case "location", "location-trusted": followRedirects = !negated
        case "max-redirs": maxRedirects = text
        case "proxy": proxy = text
        case "proxy-user": proxyUser = text
        case "noproxy": noProxy = text
        case "cert": cert = text
        case "cert-type": certType = text
        case "key": key = text
        case "key-type": if text.uppercased() != "PEM" { warnings.append("--key-type \(text): sonde reads PEM keys, ignored") }
        case "pass": keyPassword = text
        case "cacert": caCert = text
        case "capath": caPath = text
        case "max-time": maxTime = text
        case "connect-timeout": connectTimeout = text
        case "http1.0": httpVersion = .http1_0
        case "http1.1": httpVersion = .http1_1
        case "http2": httpVersion = .http2
        case "http2-prior-knowledge": httpVersion = .http2PriorKnowledge
        case "http3", "http3-only": warnings.append("--\(option.long): sonde's libcurl speaks HTTP/1.1 and HTTP/2, ignored")
        case "unix-socket": unixSocket = text
        default:
            guard !option.outputOnly else { return }
            warnings.append("--\(option.long)\(value.map { " \($0)" } ?? "") has no equivalent in sonde, ignored")
        }
    }

    /// `--data-urlencode`'s forms: `content`, `=content`, `name=content`, `@file`, `name@file`.
    /// Encoded as curl 7.88 does: everything but RFC 3986 unreserved characters, space as `+`.
    private mutating func dataURLEncode(_ text: String) {
        let equals = text.firstIndex(of: "=")
        let at = text.firstIndex(of: "@")
        if let at, equals.map({ at < $0 }) ?? true {
            let name = String(text[..<at])
            warnings.append("--data-urlencode \(text): the file \(text[text.index(after: at)...]) is not read; its encoded content"
                + " must be filled in by hand")
            data.append(.text(name.isEmpty ? "" : name + "="))
            return
        }
        guard let equals else {
            data.append(.text(PercentEncoding.formComponent(text)))
            return
        }
        let name = String(text[..<equals])
        let content = PercentEncoding.formComponent(String(text[text.index(after: equals)...]))
        data.append(.text(name.isEmpty ? content : "\(name)=\(content)"))
    }
}
