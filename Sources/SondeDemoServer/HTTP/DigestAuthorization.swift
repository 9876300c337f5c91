import FlyingFox
import Foundation

/// An RFC 7616 Digest `Authorization` header (MD5, qop=auth), checked against a fixed realm and
/// nonce: enough for the demo to prove a client computes the response, not a hardened server.
struct DigestAuthorization: Sendable, Equatable {
    static let realm = "demo"
    static let nonce = "sonde-demo-nonce"
    /// The challenge sent with a 401.
    static let challenge = "Digest realm=\"\(realm)\", qop=\"auth\", algorithm=MD5, nonce=\"\(nonce)\""

    var parameters: [String: String]

    /// nil when the header is missing or not Digest.
    init?(_ request: HTTPRequest) {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("digest ") else { return nil }
        parameters = Self.parameters(String(header.dropFirst("digest ".count)))
    }

    /// `name=value` and `name="quoted, value"` pairs, comma separated.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces.union([","])).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                let close = rest.firstIndex(of: "\"") ?? rest.endIndex
                value = String(rest[..<close])
                rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
            } else {
                let comma = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<comma].trimmingCharacters(in: .whitespaces)
                rest = rest[comma...]
            }
            result[name] = value
        }
        return result
    }

    /// True when the response hash is the one `user` and `password` give for this method.
    func isValid(user: String, password: String, method: String) -> Bool {
        guard parameters["username"] == user, parameters["realm"] == Self.realm, parameters["nonce"] == Self.nonce,
              let uri = parameters["uri"], let response = parameters["response"] else { return false }
        let ha1 = MD5.hex("\(user):\(Self.realm):\(password)")
        let ha2 = MD5.hex("\(method):\(uri)")
        let expected = if let qop = parameters["qop"] {
            MD5.hex("\(ha1):\(Self.nonce):\(parameters["nc"] ?? ""):\(parameters["cnonce"] ?? ""):\(qop):\(ha2)")
        } else {
            MD5.hex("\(ha1):\(Self.nonce):\(ha2)")
        }
        return response.lowercased() == expected
    }
}
