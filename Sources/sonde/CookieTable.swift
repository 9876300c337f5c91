import Foundation
import SondeCore
import SondeTUI

/// The cookies as `sonde cookies list` prints them: an aligned table for a person, tab-separated
/// lines for a script. Every field is made terminal-safe: a server chose them.
enum CookieTable {
    static func render(_ cookies: [StoredCookie], reveal: Bool, forTerminal: Bool) -> String {
        let rows = cookies.map { cookie in
            [
                cookie.domain, cookie.path, cookie.name,
                forTerminal ? localExpiry(cookie.expires) : isoExpiry(cookie.expires),
                flags(cookie),
                reveal || cookie.value.isEmpty ? cookie.value : SecretSet.mask,
            ].map(TerminalSafeText.singleLine)
        }
        guard forTerminal else {
            return rows.map { $0.joined(separator: "\t") + "\n" }.joined()
        }
        let table = [["DOMAIN", "PATH", "NAME", "EXPIRES", "FLAGS", "VALUE"]] + rows
        // The value goes last and unpadded: a revealed one may be a long token.
        let widths = (0..<5).map { column in table.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return table.map { row in
            (0..<5).map { DisplayWidth.pad(row[$0], to: widths[$0]) + "  " }.joined() + row[5] + "\n"
        }.joined()
    }

    static func flags(_ cookie: StoredCookie) -> String {
        let set = [cookie.isSecure ? "secure" : nil, cookie.isHTTPOnly ? "httponly" : nil].compactMap { $0 }
        return set.isEmpty ? "-" : set.joined(separator: ",")
    }

    /// "session", or the local date and time the cookie expires.
    static func localExpiry(_ expires: Int64?) -> String {
        guard let expires else { return "session" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    /// "session", or the expiry in ISO 8601, UTC.
    static func isoExpiry(_ expires: Int64?) -> String {
        guard let expires else { return "session" }
        return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(expires)))
    }
}
