import ArgumentParser
import Foundation
import SondeCore
import SondeTUI

/// `sonde cookies [list|clear]`: the cookie jar a collection's sends keep for one environment
/// (`CookieJarFile`), listed with its values masked, or emptied whole or for one domain.
struct CookiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cookies",
        abstract: "List or clear the cookie jar of a collection and environment.",
        discussion: """
            Each collection and environment has its own jar (sends without --env use the collection's default one). The collection is the one --collections names, or the only one in it, or --collection NAME.
            """,
        subcommands: [CookiesListCommand.self, CookiesClearCommand.self],
        defaultSubcommand: CookiesListCommand.self)
}

/// Which jar: the collection and environment options both subcommands take.
struct CookieJarOptions: ParsableArguments {
    @OptionGroup var location: CollectionOptions

    @Option(name: .long, help: "The collection whose jar it is, when --collections holds several.")
    var collection: String?

    /// The jar named by the options, its collection loaded; prints why and exits when there is none.
    func locate() throws -> LocatedCookieJar {
        let root: URL
        do {
            root = try CollectionLocator.locateCollection(collection, in: location.collectionsURL)
        } catch {
            throw CookiesFailure.exit(.collectionProblem, error.description)
        }
        let loaded = CollectionLoader.loadOutline(from: root)
        var environment: Environment?
        if let name = location.env {
            switch SendCommand.environment(named: name, in: loaded) {
            case .success(let found): environment = found
            case .failure(let missing): throw CookiesFailure.exit(.collectionProblem, missing.message)
            }
        }
        let folder = CookieJarFile.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        return LocatedCookieJar(
            collection: loaded.collection, environment: environment?.name,
            url: CookieJarFile.url(in: folder, collection: loaded.collection, environment: environment?.name),
            folder: folder)
    }
}

/// A collection's jar for one environment (nil: the sends without one), and where its file is.
struct LocatedCookieJar {
    var collection: RequestCollection
    var environment: String?
    var url: URL
    var folder: URL

    /// "collection demo, environment local", for messages.
    var label: String {
        "collection \(collection.name), " + (environment.map { "environment \($0)" } ?? "no environment")
    }

    /// The jar's contents; nil, with a note on stderr, when it has no file yet. Lines that are
    /// not cookies are warned about with their file:line.
    func read() throws -> CookieJarContents? {
        let contents: CookieJarContents?
        do {
            contents = try CookieJarContents.read(url)
        } catch {
            throw CookiesFailure.exit(.internalError, "cannot read \(url.path): \(FileErrorText.describe(error))")
        }
        guard let contents else {
            var message = "no cookie jar yet for \(label) (a send saves one at \(url.path) when a server sets a cookie)"
            let others = otherEnvironmentsWithJars()
            if !others.isEmpty { message += "; jars exist for: " + others.joined(separator: ", ") }
            CookiesFailure.note(message)
            return nil
        }
        for problem in contents.problems { SendCommand.warn("\(url.path):\(problem.line): \(problem.message)") }
        return contents
    }

    /// The collection's other environments that have a jar, as `--env` would name them.
    private func otherEnvironmentsWithJars() -> [String] {
        let names: [String?] = [nil] + collection.environments.map(\.name)
        return names.filter { $0 != environment }.filter { name in
            FileManager.default.fileExists(atPath: CookieJarFile.url(in: folder, collection: collection, environment: name).path)
        }.map { $0.map { "--env \($0)" } ?? "no --env" }
    }
}

/// How a cookies subcommand ends early: a message on stderr and an exit code.
enum CookiesFailure {
    static func exit(_ code: SendExitCode, _ message: String) -> ExitCode {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.paint("error:", "1;31") + " \(TerminalSafeText.make(message))\n")
        return ExitCode(code.rawValue)
    }

    static func note(_ message: String) {
        StandardError.write("sonde: \(TerminalSafeText.make(message))\n")
    }
}

/// `sonde cookies list`: the jar's cookies, values masked unless `--reveal`.
struct CookiesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the cookies of the jar (values masked unless --reveal).",
        discussion: """
            On a terminal: a table of domain, path, name, expiry (local time, or "session"), flags (secure, httponly) and value. Into a pipe: the same fields, one cookie a line, separated by tabs, the expiry in ISO 8601 (UTC) or "session".
            """)

    @OptionGroup var jar: CookieJarOptions

    @Flag(name: .long, help: "Show the cookies' values (they are credentials: masked as \(SecretSet.mask) by default).")
    var reveal = false

    func run() throws {
        let located = try jar.locate()
        guard let contents = try located.read() else { return }
        let cookies = contents.cookies
        guard !cookies.isEmpty else {
            CookiesFailure.note("the cookie jar of \(located.label) is empty (\(located.url.path))")
            return
        }
        let toTerminal = isatty(STDOUT_FILENO) == 1
        print(CookieTable.render(cookies, reveal: reveal, forTerminal: toTerminal), terminator: "")
        if toTerminal, !reveal, cookies.contains(where: { !$0.value.isEmpty }) {
            CookiesFailure.note("values masked: --reveal shows them")
        }
    }
}

/// `sonde cookies clear [DOMAIN]`: removes the jar, or only the cookies of one domain.
struct CookiesClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove the jar's cookies: all of them, or those of DOMAIN and its subdomains.")

    @OptionGroup var jar: CookieJarOptions

    @Argument(help: "Remove only the cookies of this domain (example.com also clears api.example.com).")
    var domain: String?

    func run() throws {
        let located = try jar.locate()
        guard let contents = try located.read() else { return }
        let count = contents.cookies.count
        let path = TerminalSafeText.singleLine(located.url.path)
        guard let domain else {
            do {
                try FileManager.default.removeItem(at: located.url)
            } catch {
                throw CookiesFailure.exit(.internalError, "cannot remove \(located.url.path): \(FileErrorText.describe(error))")
            }
            print("removed \(Self.cookies(count)) of \(located.label) (deleted \(path))")
            return
        }
        var kept = contents
        let removed = kept.removeCookies { $0.belongs(to: domain) }
        let shownDomain = TerminalSafeText.singleLine(domain)
        guard removed > 0 else {
            let domains = Array(Set(contents.cookies.map(\.bareDomain))).sorted()
            let present = domains.isEmpty ? "it is empty" : "it has cookies of " + TerminalSafeText.singleLine(domains.joined(separator: ", "))
            print("no cookies of \(shownDomain) in the jar of \(located.label); \(present)")
            return
        }
        do {
            try kept.write(to: located.url)
        } catch {
            throw CookiesFailure.exit(.internalError, "cannot write \(located.url.path): \(FileErrorText.describe(error))")
        }
        print("removed \(Self.cookies(removed)) of \(shownDomain) from the jar of \(located.label); \(Self.cookies(count - removed)) left")
    }

    /// "1 cookie", "3 cookies".
    static func cookies(_ count: Int) -> String {
        count == 1 ? "1 cookie" : "\(count) cookies"
    }
}

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
