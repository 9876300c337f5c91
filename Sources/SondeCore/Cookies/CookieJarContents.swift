import Foundation
import Synchronization

/// A Netscape cookie file read line by line, so it can be listed, and written back with some
/// cookies removed and every other line (comments, lines that are not cookies) as it was.
///
/// The reading follows libcurl's (`Curl_cookie_add`): `#HttpOnly_` marks an HttpOnly cookie,
/// other `#` lines are comments, `TRUE` is compared without case, a line of six fields is a
/// cookie with an empty value. A line libcurl would skip is kept and reported, never dropped.
public struct CookieJarContents: Sendable, Equatable {
    /// The prefix libcurl puts before the domain of an HttpOnly cookie.
    public static let httpOnlyPrefix = "#HttpOnly_"

    /// What sonde writes first into a jar it saves (`CookieJar` in SondeHTTP writes the same).
    public static let header = "# Netscape HTTP Cookie File\n# Written by sonde; the values are credentials.\n\n"

    /// One line of the file.
    public enum Line: Sendable, Equatable {
        case cookie(StoredCookie)
        /// A comment, a blank line, or a line that is not a cookie: written back as it was.
        case other(String)
    }

    /// A line that looks like a cookie but is not one libcurl would read, with its number from 1.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var lines: [Line]
    public private(set) var problems: [Problem] = []

    /// Reads the text of a cookie file.
    public init(parsing text: String) {
        lines = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if index == 0, line.isEmpty, text.isEmpty { break }
            switch Self.parse(line) {
            case .success(let cookie): lines.append(.cookie(cookie))
            case .failure(let problem):
                lines.append(.other(line))
                if let message = problem.message { problems.append(Problem(line: index + 1, message: message)) }
            }
        }
        // split gives an empty last piece after the final newline: it is not a line of its own.
        if case .other("")? = lines.last, text.hasSuffix("\n") { lines.removeLast() }
    }

    public init(cookies: [StoredCookie]) {
        lines = cookies.map(Line.cookie)
    }

    public var cookies: [StoredCookie] {
        lines.compactMap { if case .cookie(let cookie) = $0 { cookie } else { nil } }
    }

    /// Removes the cookies `matching` and returns how many went.
    @discardableResult
    public mutating func removeCookies(where matching: (StoredCookie) -> Bool) -> Int {
        let before = lines.count
        lines.removeAll { if case .cookie(let cookie) = $0 { matching(cookie) } else { false } }
        return before - lines.count
    }

    /// The file's text: every line as read (cookies as libcurl writes them), a newline after each.
    public var text: String {
        lines.map { line in
            switch line {
            case .cookie(let cookie): cookie.line + "\n"
            case .other(let text): text + "\n"
            }
        }.joined()
    }

    /// Why a line is not a cookie; a nil message for comments and blank lines, which are fine.
    private struct NotACookie: Error {
        var message: String?
    }

    private static func parse(_ line: String) -> Result<StoredCookie, NotACookie> {
        var body = Substring(line)
        var httpOnly = false
        if body.hasPrefix(httpOnlyPrefix) {
            httpOnly = true
            body = body.dropFirst(httpOnlyPrefix.count)
        } else if body.hasPrefix("#") || body.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return .failure(NotACookie())
        }
        let fields = body.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6 || fields.count == 7 else {
            return .failure(NotACookie(message: "not a cookie: \(fields.count) tab-separated fields, 7 expected (kept as is)"))
        }
        guard !fields[0].isEmpty, !fields[5].isEmpty else {
            return .failure(NotACookie(message: "not a cookie: no \(fields[0].isEmpty ? "domain" : "name") (kept as is)"))
        }
        guard let expires = Int64(fields[4]) else {
            return .failure(NotACookie(message: "not a cookie: the expiry \(fields[4]) is not a number of seconds (kept as is)"))
        }
        return .success(StoredCookie(
            domain: fields[0], includesSubdomains: fields[1].uppercased() == "TRUE", path: fields[2],
            isSecure: fields[3].uppercased() == "TRUE", isHTTPOnly: httpOnly, expires: expires == 0 ? nil : expires,
            name: fields[5], value: fields.count == 7 ? fields[6] : ""))
    }

    // MARK: Files

    /// The jar at `url`; nil when there is no file.
    public static func read(_ url: URL) throws -> CookieJarContents? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        return CookieJarContents(parsing: String(decoding: data, as: UTF8.self))
    }

    /// Writes the jar atomically with mode 0600: its values are credentials.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(text.utf8), to: url, permissions: 0o600)
    }

    /// The values of the cookies in the jar at `path`, none when it cannot be read: for masking.
    ///
    /// Read again only when the file's `FileSignature` changed: `RequestSender` asks before and
    /// after every exchange, and `sonde run` reading and parsing the jar twice per request cost
    /// more than the request.
    public static func values(atPath path: String) -> [String] {
        guard let signature = FileSignature(path: path) else { return [] }
        if let known = knownValues.withLock({ $0[path] }), known.signature == signature { return known.values }
        let values = ((try? read(URL(fileURLWithPath: path))) ?? nil)?.cookies.map(\.value) ?? []
        knownValues.withLock { $0[path] = (signature, values) }
        return values
    }

    /// What `values(atPath:)` last read of each jar, with the file's signature then.
    private static let knownValues = Mutex<[String: (signature: FileSignature, values: [String])]>([:])
}
