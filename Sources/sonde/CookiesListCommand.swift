import ArgumentParser
import Foundation
import SondeCore

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
            CookiesMessage.note("the cookie jar of \(located.label) is empty (\(located.url.path))")
            return
        }
        let toTerminal = isatty(STDOUT_FILENO) == 1
        print(CookieTable.render(cookies, reveal: reveal, forTerminal: toTerminal), terminator: "")
        if toTerminal, !reveal, cookies.contains(where: { !$0.value.isEmpty }) {
            CookiesMessage.note("values masked: --reveal shows them")
        }
    }
}
