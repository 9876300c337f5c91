import ArgumentParser
import Foundation
import SondeCore

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
            throw CookiesMessage.failure(.collectionProblem, error.description)
        }
        let loaded = CollectionLoader.loadOutline(from: root)
        var environment: Environment?
        if let name = location.env {
            switch SendCommand.environment(named: name, in: loaded) {
            case .success(let found): environment = found
            case .failure(let missing): throw CookiesMessage.failure(.collectionProblem, missing.message)
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
            throw CookiesMessage.failure(.internalError, "cannot read \(url.path): \(FileErrorText.describe(error))")
        }
        guard let contents else {
            var message = "no cookie jar yet for \(label) (a send saves one at \(url.path) when a server sets a cookie)"
            let others = otherEnvironmentsWithJars()
            if !others.isEmpty { message += "; jars exist for: " + others.joined(separator: ", ") }
            CookiesMessage.note(message)
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

/// What the cookies subcommands say on stderr: a failure (with the exit code to end with), or a note.
enum CookiesMessage {
    static func failure(_ code: SendExitCode, _ message: String) -> ExitCode {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.paint("error:", "1;31") + " \(TerminalSafeText.make(message))\n")
        return ExitCode(code.rawValue)
    }

    static func note(_ message: String) {
        StandardError.write("sonde: \(TerminalSafeText.make(message))\n")
    }
}
