/// The exit codes of `sonde import`, so a script can tell a bad source from a full disk.
enum ImportExitCode: Int32, CaseIterable, ExitCodeTable {
    case success = 0
    case internalError = 1
    /// The source could not be read, its format is unknown or not supported yet, or it is not
    /// valid in its format (an unclosed quote, no curl command).
    case notImportable = 2
    /// The files were written but the collection does not load back without errors.
    case collectionProblem = 3
    /// A file could not be written (or would have been overwritten, or would hold a secret).
    case unwritable = 6
    /// swift-argument-parser's code for a wrong command line (EX_USAGE).
    case usage = 64

    var meaning: String {
        switch self {
        case .success: "imported (or, with --dry-run, shown)"
        case .internalError: "an unexpected error in sonde"
        case .notImportable: "the source is unreadable, unknown, not supported yet or invalid"
        case .collectionProblem: "the written collection does not load without errors"
        case .unwritable: "a file could not be written; none is ever overwritten"
        case .usage: "the command line is wrong"
        }
    }
}
