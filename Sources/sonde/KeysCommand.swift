import ArgumentParser
import SondeTUI

/// `sonde keys`: the TUI's key tables, as help shows them or (`--markdown`) as the README's key
/// table, so README.md can be regenerated from the same tables the TUI dispatches through.
/// Hidden: it serves the docs, not users at the terminal (they press `?`).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the TUI's key bindings.", shouldDisplay: false)

    @Flag(name: .long, help: "Print the README's Markdown table (between <!-- keys:begin --> and <!-- keys:end -->).")
    var markdown = false

    func run() {
        if markdown {
            print(KeyMap.markdownTable(), terminator: "")
            return
        }
        for line in KeyMap.helpLines {
            print(line.keys.isEmpty ? line.title : "  " + DisplayWidth.pad(line.keys, to: 22) + line.title)
        }
    }
}
