import FlyingFox
import Foundation

/// The credentials carried by an `Authorization` header, in the two schemes the demo API understands.
enum RequestAuthorization: Sendable, Equatable {
    case basic(user: String, password: String)
    case bearer(token: String)

    /// Reads the request's `Authorization` header; `nil` when it is missing, malformed or of another scheme.
    init?(_ request: HTTPRequest) {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let credentials = parts[1].trimmingCharacters(in: .whitespaces)
        // Auth scheme names are case-insensitive (RFC 9110 §11.1).
        switch parts[0].lowercased() {
        case "basic":
            guard let data = Data(base64Encoded: credentials),
                  let decoded = String(data: data, encoding: .utf8),
                  let colon = decoded.firstIndex(of: ":") else { return nil }
            self = .basic(user: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        case "bearer":
            self = .bearer(token: credentials)
        default:
            return nil
        }
    }
}
