import ArgumentParser
import Foundation
import SondeCore

/// `sonde` with no arguments: the interactive TUI, which is not built yet.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the interactive terminal UI (coming in the next release).")

    @OptionGroup var location: CollectionOptions

    func run() throws {
        let collections = location.collectionsURL.path
        print("""
            sonde \(SondeVersion.current): the interactive TUI is not available yet.
            Meanwhile, send saved requests from \(collections) with, for example:
              sonde send demo/users/list --env local
            See `sonde send --help`.
            """)
    }
}
