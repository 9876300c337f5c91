import ArgumentParser
import Foundation
import SondeCore

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
                throw CookiesMessage.failure(.internalError, "cannot remove \(located.url.path): \(FileErrorText.describe(error))")
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
            throw CookiesMessage.failure(.internalError, "cannot write \(located.url.path): \(FileErrorText.describe(error))")
        }
        print("removed \(Self.cookies(removed)) of \(shownDomain) from the jar of \(located.label); \(Self.cookies(count - removed)) left")
    }

    /// "1 cookie", "3 cookies".
    static func cookies(_ count: Int) -> String {
        count == 1 ? "1 cookie" : "\(count) cookies"
    }
}
