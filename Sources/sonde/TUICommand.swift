import ArgumentParser
import Foundation
import SondeCore
import SondeHTTP
import SondeTUI

/// `sonde` with no arguments: the interactive terminal UI on `./collections` (or `--collections`).
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the interactive terminal UI (the default).")

    @OptionGroup var location: CollectionOptions

    func run() throws {
        SpillFiles.removeStaleInBackground()
        let environment = ProcessInfo.processInfo.environment
        let root = location.collectionsURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            StandardError.write("sonde: no collections folder at \(root.path); pass --collections <folder>\n")
            throw ExitCode(SendExitCode.collectionProblem.rawValue)
        }
        let services = AppServices(
            // Tokens kept by `sonde send` and `sonde auth login` are used, and kept for them; an
            // interactive login runs in the TUI's login dialog (the runner brings its user agent).
            sender: RequestSender(
                transport: CurlTransport(), tokenStore: OAuth2TokenStore(folder: OAuth2TokenStore.defaultFolder(environment: environment))),
            collectionsRoot: root,
            history: ResponseHistory(directory: ResponseHistory.defaultDirectory(environment: environment)),
            environment: environment,
            sondeExecutable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
            listenForCallback: { port throws(OAuth2Error) in try LoopbackCallbackListener(port: port) })
        // Outlines only: the request files are read after the first frame (AppRunner).
        let loaded = services.loadCollectionOutlines()
        if let name = location.env, !loaded.contains(where: { $0.collection.environment(named: name) != nil }) {
            let known = Set(loaded.flatMap { $0.collection.environments.map(\.name) }).sorted()
            StandardError.write("sonde: no environment \(name); the collections have: \(known.isEmpty ? "none" : known.joined(separator: ", "))\n")
            throw ExitCode(SendExitCode.collectionProblem.rawValue)
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(environment: environment)
        } catch {
            StandardError.write("sonde: cannot start the terminal UI: \(error)\n(`sonde send` works without a terminal.)\n")
            throw ExitCode(SendExitCode.usage.rawValue)
        }
        let size = terminal.size
        var state = AppState(collections: loaded, environmentName: location.env, size: size)
        state.cookieJars = CookieJarFile.defaultDirectory(environment: environment)
        let runner = AppRunner(state: state, terminal: terminal, services: services,
                               stopRequested: { CursesTerminal.shutdownSignal != nil },
                               quitAfterFirstFrame: environment["SONDE_BENCH_FIRST_FRAME"] == "1")
        runner.run()
        terminal.close()
        if let signal = CursesTerminal.shutdownSignal { throw ExitCode(128 + signal) }
    }
}
