import ArgumentParser
import Foundation
import SondeCore
import SondeTUI

/// `sonde` with no arguments: the interactive TUI, which is not built yet.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the interactive terminal UI (coming in the next release).")

    @OptionGroup var location: CollectionOptions

    func run() throws {
        let collections = location.collectionsURL.path
        let term = ProcessInfo.processInfo.environment["TERM"] ?? "dumb"
        let terminal = TerminalProbe.describe(term: term).map { "\($0.name), \($0.colors) colours" } ?? "\(term), unknown to terminfo"
        print("""
            sonde \(SondeVersion.current): the interactive TUI is not available yet (terminal: \(terminal)).
            Meanwhile, send saved requests from \(collections) with, for example:
              sonde send demo/users/list --env local
            See `sonde send --help`.
            """)
    }
}
