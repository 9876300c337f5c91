import Foundation
import SondeCore

/// `sonde import`'s answer as the TUI shows it: the tree of files it would write (or wrote),
/// the secrets to set and every warning, as the command printed them (`--dry-run` first, so
/// nothing is written before `y`). The TUI runs the command itself rather than a copy of it:
/// one importer, one set of messages.
package struct ImportPreview: Sendable, Equatable {
    package var source: String
    package var collection: Int
    package var collectionName: String
    package var isDryRun: Bool
    package var succeeded: Bool
    /// What the command printed, each line made safe for the terminal.
    package var lines: [String]
    package var scroll = 0

    package init(source: String, collection: Int, collectionName: String, isDryRun: Bool, succeeded: Bool, output: String) {
        self.source = source
        self.collection = collection
        self.collectionName = collectionName
        self.isDryRun = isDryRun
        self.succeeded = succeeded
        lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafeText.singleLine(String($0)) }
        while lines.last?.isEmpty == true { lines.removeLast() }
    }
}
