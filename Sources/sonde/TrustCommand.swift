import ArgumentParser
import Foundation
import SondeCore

/// `sonde trust [DIR]`: lets the collection in DIR run its `{{cmd:}}` commands; `--list` shows
/// the trusted collections, `--remove DIR` forgets one.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Let a collection run its {{cmd:COMMAND}} secrets (recorded in $XDG_CONFIG_HOME/sonde/trusted).")

    @Argument(help: "The collection's folder (the current folder by default).")
    var directory: String?

    @Flag(help: "List the trusted collections.")
    var list = false

    @Flag(help: "Forget DIR: its commands no longer run.")
    var remove = false

    func run() throws {
        let store = TrustedCollections(environment: ProcessInfo.processInfo.environment)
        if list {
            for path in store.list() { print(TerminalSafeText.singleLine(path)) }
            return
        }
        let folder = URL(fileURLWithPath: directory ?? FileManager.default.currentDirectoryPath, isDirectory: true)
        let shown = TerminalSafeText.singleLine(TrustedCollections.canonicalPath(folder))
        do {
            if remove {
                print(try store.remove(folder) ? "no longer trusted: \(shown)" : "not trusted: \(shown)")
                return
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("no folder \(shown)")
            }
            print(try store.add(folder) ? "trusted: \(shown); its {{cmd:}} secrets run" : "already trusted: \(shown)")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("cannot write \(store.fileURL.path): \(FileErrorText.describe(error))")
        }
    }
}
