import Foundation

/// Every form in which a server might echo a secret back, for the secret property tests of the
/// core, the command line and the TUI: one list, so a form added here is checked everywhere.
public enum SecretForms {
    /// The secret as is; percent-encoded with upper- and lower-case hex; form-encoded (`+` for a
    /// space); JSON-escaped as an encoder writes it and with every non-ASCII scalar, `/` and
    /// quote escaped, and escaped twice (JSON quoted inside JSON); and base64 and base64url of each of `base64Prefixes` followed by the secret
    /// (`"user:"` for the value of a Basic header). In this order, duplicates kept, so a test
    /// can pick the percent-encoded form as `[1]`.
    public static func all(of secret: String, base64Prefixes: [String] = [""]) -> [String] {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let percent = secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret
        let form = secret.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: " ")))?
            .replacingOccurrences(of: " ", with: "+") ?? secret
        let encoded = (try? JSONEncoder().encode([secret])).map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        let json = String(encoded.dropFirst(2).dropLast(2))
        // An echo server quoting a JSON request body inside its JSON answer escapes it twice.
        let twice = (try? JSONEncoder().encode([json])).map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        let jsonTwice = String(twice.dropFirst(2).dropLast(2))
        let asciiJSON = secret.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "/": return "\\/"
            case _ where scalar.value < 0x20 || scalar.value > 0x7E:
                return String(scalar).utf16.map { "\\u" + String(format: "%04x", $0) }.joined()
            default: return String(scalar)
            }
        }.joined()
        // Foundation's encoder writes `/` as `\/`; most others leave it as is.
        var forms = [secret, percent, lowercasingEscapes(percent), form, json, json.replacingOccurrences(of: "\\/", with: "/"), asciiJSON, jsonTwice]
        for prefix in base64Prefixes {
            let base64 = Data((prefix + secret).utf8).base64EncodedString()
            forms.append(base64)
            forms.append(base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: ""))
        }
        return forms
    }

    /// A hostile server's 401 that quotes the secret in its reason phrase, in headers (raw,
    /// percent-encoded, base64), in Location and in its JSON body.
    public static func echoingResponse(_ secret: String) -> String {
        let percent = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let base64 = Data(secret.utf8).base64EncodedString()
        let json = (try? JSONEncoder().encode([secret])).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let body = "{\"echo\": \(json)}"
        return "HTTP/1.1 401 Bad Bearer \(secret)\r\n"
            + "X-Echo: \(secret)\r\nX-Echo-Percent: \(percent)\r\nX-Echo-Base64: \(base64)\r\n"
            + "Location: http://127.0.0.1/next?token=\(percent)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    /// `%2F` as `%2f`: some encoders write lower-case hex.
    public static func lowercasingEscapes(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let index = rest.firstIndex(of: "%") {
            result += rest[..<index] + "%" + rest[rest.index(after: index)...].prefix(2).lowercased()
            rest = rest[rest.index(index, offsetBy: 3)...]
        }
        return result + rest
    }
}
