import ArgumentParser
import SondeCore

/// The `sonde` command: the TUI by default, `send` for scripts, `demo-server` for the bundled API.
@main
struct Sonde: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sonde",
        abstract: "An interactive terminal REST explorer.",
        discussion: """
            Requests live in YAML files under a collections folder (./collections by default). Run `sonde demo-server` in one terminal and `sonde send demo/users/list --env local` in another.

            Exit codes of `sonde send` (and of `sonde run`, for the first failure):
            \(SendExitCode.table)
            """,
        version: SondeVersion.current,
        subcommands: [TUICommand.self, SendCommand.self, RunCommand.self, ImportCommand.self, ExportCommand.self, CookiesCommand.self, TrustCommand.self, AuthCommand.self, DemoServerCommand.self, KeysCommand.self],
        defaultSubcommand: TUICommand.self)
}
