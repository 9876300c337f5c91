import Foundation

/// A prepared request as a curl command line that does the same, for sharing and for scripts.
///
/// Secrets never appear: one that came from `{{env:NAME}}` is written as `"${NAME}"`, so the
/// command still runs wherever that variable is set; any other secret (an OAuth2 token) is
/// masked. A Basic header built from a secret becomes `-u 'user:'"${NAME}"`.
public enum CurlCommand {
    public static func render(_ request: PreparedRequest, pendingOAuth2: OAuth2ClientCredentials? = nil) -> String {
        let secrets = request.secrets
        var lines: [String] = []
        if let pendingOAuth2 {
            lines.append("# OAuth2: the bearer token comes from POST \(secrets.redact(pendingOAuth2.tokenURL)) (client credentials)")
        }
        var words: [String] = ["curl"]
        let hasBody: Bool = if case .none = request.body { false } else { true }
        switch request.method {
        case .HEAD: words.append("--head")
        case .GET where !hasBody: break
        default: words += ["-X", request.method.rawValue]
        }
        words.append(word(request.url, secrets))

        var command = [words.joined(separator: " ")]
        for header in request.headers {
            if header.name.caseInsensitiveCompare("Authorization") == .orderedSame,
               let userAndPassword = basicCredentials(header.value) {
                command.append("-u " + word(userAndPassword, secrets))
                continue
            }
            // A header known to be secret but holding no recorded secret value is masked whole.
            let value = header.isSecret && !secrets.values.contains(where: header.value.contains)
                ? SecretSet.mask : header.value
            command.append("-H " + word(value.isEmpty ? "\(header.name);" : "\(header.name): \(value)", secrets))
        }
        if pendingOAuth2 != nil, !request.headers.contains(named: "Authorization") {
            command.append("-H " + word("Authorization: Bearer \(SecretSet.mask)", secrets))
        }
        switch request.body {
        case .none:
            break
        case .bytes(let data):
            if let text = String(data: data, encoding: .utf8), !text.contains("\0") {
                command.append("--data-binary " + word(text, secrets))
            } else {
                lines.append("# the body is \(data.count) bytes of binary data: save it to body.bin")
                command.append("--data-binary @body.bin")
            }
        case .file(let path):
            command.append("--data-binary " + word("@" + path, secrets))
        case .multipart(let parts):
            for part in parts {
                switch part.content {
                case .text(let value):
                    // --form-string: no special meaning for values starting with @ or <.
                    command.append("--form-string " + word("\(part.name)=\(value)", secrets))
                case .file(let path, let filename, let contentType):
                    var spec = "\(part.name)=@\(path)"
                    if let contentType { spec += ";type=\(contentType)" }
                    if let filename { spec += ";filename=\(filename)" }
                    command.append("-F " + word(spec, secrets))
                }
            }
        }
        let options = request.options
        if let connect = options.connectTimeout { command.append("--connect-timeout \(number(connect))") }
        if let total = options.totalTimeout { command.append("--max-time \(number(total))") }
        if options.followRedirects { command.append("-L --max-redirs \(options.maxRedirects)") }
        if !options.verifyTLS { command.append("--insecure") }
        command.append("--compressed")
        lines.append(command.joined(separator: " \\\n  "))
        return lines.joined(separator: "\n")
    }

    /// One shell word: literal text in single quotes, secrets from variables as `"${NAME}"`,
    /// other secrets as the mask. Adjacent quoted pieces form one word in every POSIX shell.
    static func word(_ text: String, _ secrets: SecretSet) -> String {
        var pieces: [String] = []
        var literal = ""
        var rest = Substring(text)
        let ordered = secrets.values.sorted { $0.count > $1.count }
        while !rest.isEmpty {
            // The earliest secret in what is left; the longest one where several start together.
            var earliest: (range: Range<Substring.Index>, value: String)?
            for value in ordered {
                guard let range = rest.range(of: value) else { continue }
                if let current = earliest, current.range.lowerBound <= range.lowerBound { continue }
                earliest = (range, value)
            }
            guard let (range, value) = earliest else {
                literal += rest
                break
            }
            literal += rest[..<range.lowerBound]
            if let name = secrets.variableNames[value] {
                if !literal.isEmpty { pieces.append(quote(literal)) }
                literal = ""
                pieces.append("\"${\(name)}\"")
            } else {
                literal += SecretSet.mask
            }
            rest = rest[range.upperBound...]
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(quote(literal)) }
        return pieces.joined()
    }

    private static func quote(_ text: some StringProtocol) -> String {
        let plain = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0)) }
        if plain, !text.isEmpty { return String(text) }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
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
