import Foundation
import SondeCore

/// Something that happened: input from the terminal, or the result of an effect.
package enum AppEvent: Sendable {
    case input(InputEvent)
    /// Time passed (the spinner, notices expiring, a reveal ending).
    case tick
    case transferFinished(transfer: Int, outcome: TransferOutcome)
    /// A try of a transfer started or ended, or a retry is waiting (rate limited, backoff).
    case retry(transfer: Int, RetryEvent)
    /// Paging progress, and the listing once a fetch of pages ends (finished, failed or cancelled).
    case pagesProgress(transfer: Int, PaginationProgress)
    /// One record of an NDJSON or Server-Sent Events response, already masked and made one
    /// inert line, shown while the transfer runs.
    case liveRecord(transfer: Int, String)
    case pagesFetched(transfer: Int, PaginationState, ResponseDocument?)
    case saved(RequestReference, Result<SavedRequest, AppFailure>)
    case collectionsReloaded([LoadedCollection], select: RequestReference?)
    /// The request files, read in full after the first frame was drawn from the collections' outlines.
    case collectionsParsed([LoadedCollection])
    case historyLoaded(RequestReference, [HistoryEntry])
    case externalEditFinished(RequestReference, Result<String, AppFailure>)
    /// Collection files (absolute paths) changed on disk, seen by the watcher.
    case filesChanged([String])
    /// `$EDITOR` closed on a collection file opened from the problems list.
    case fileEditFinished(AppFailure?)
    /// What is wrong with each path of a `.checkPaths` (paths without a problem are left out).
    case pathsChecked(RequestReference, [PathToCheck: String])
    /// A file operation (new, duplicate, rename, delete) failed.
    case operationFailed(AppFailure)
    /// The curl command `.copyAsCurl` asked for, ready for where it goes.
    case curlCommandReady(String, to: CurlDestination)
    /// A curl script was written to `path` (or not, and why).
    case curlScriptWritten(path: String, AppFailure?)
    /// What `sonde import` printed, and whether it succeeded.
    case importFinished(ImportPreview)
    /// The collection is now trusted to run its `{{cmd:}}` commands.
    case collectionTrusted(collection: Int, thenSend: RequestReference)
    /// The `auth:` block of a folder, the collection or an environment was written (or not).
    case authSaved(AuthSaveOrder, AppFailure?)
    /// An environment file operation ended: what to say, and the environment to select.
    case environmentOperationFinished(collection: Int, Result<EnvironmentOperation.Done, AppFailure>)
    /// A secret's value was written to `.env` (or not); `dotEnv` is the file read back.
    case secretSaved(collection: Int, name: String, dotEnv: [String: String], Result<String?, AppFailure>)
    /// The stored record of each token panel row (by row), nil where none is kept.
    case storedTokensLoaded([Int: OAuth2TokenStore.Record])
    /// A token panel fetch ended: the token, or why there is none; when it was asked for and how long it took.
    case tokenFetched(row: Int, Result<OAuth2Token, AppFailure>, requestedAt: Date, duration: Double)
    /// A token panel row's token was forgotten (or its file could not be removed).
    case tokenCleared(row: Int, AppFailure?)
    /// A step of an interactive OAuth2 login that `owner`'s work runs: the login dialog follows it.
    case login(LoginOwner, LoginProgress)
    /// One request of a folder run ended: its result, and its response when one came.
    case runStepFinished(run: Int, FlowRun.Step)
    /// A folder run ended: every request ran, or it was stopped.
    case runFinished(run: Int, cancelled: Bool)
}

/// A failure worth a line in the status bar.
package struct AppFailure: Error, Sendable, Equatable {
    package var message: String
    package init(_ message: String) { self.message = message }
}

/// How a transfer ended.
package enum TransferOutcome: Sendable {
    case completed(ResponseDocument)
    case failed(String)
    case cancelled

    var failureMessage: String? { if case .failed(let message) = self { message } else { nil } }
    var isCancelled: Bool { if case .cancelled = self { true } else { false } }
}
