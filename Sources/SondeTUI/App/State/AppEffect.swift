import Foundation
import SondeCore

/// Work the update function asks the runner to do outside the pure state: I/O and transfers.
/// Each one comes back, if at all, as an `AppEvent`.
package enum AppEffect: Sendable, Equatable {
    /// Send the order's request; it ends with `.transferFinished`.
    case send(TransferOrder)
    case cancel(transfer: Int)
    /// Fetch the next page of the order's paginated request (`all`: every remaining page),
    /// continuing from the pages already in `AppState.responses[order.reference]`; it ends with
    /// `.pagesFetched`. (Those pages are read by the runner, not carried here: `PaginationState`
    /// holds parsed bodies and is not `Equatable`, which effects are so tests can compare them.)
    case fetchPages(TransferOrder, all: Bool)
    case save(RequestReference, SavedRequest)
    case createRequest(collection: Int, folderPath: String, name: String)
    case duplicateRequest(RequestReference, name: String)
    case renameRequest(RequestReference, name: String)
    case deleteRequest(RequestReference)
    case reloadCollections(select: RequestReference?)
    case loadHistory(RequestReference)
    /// Open `text` in `$EDITOR`; the result comes back as `.externalEditFinished`.
    case editExternally(RequestReference, text: String, fileExtension: String)
    /// Open a collection file in `$EDITOR` at a line; the end comes back as `.fileEditFinished`.
    case editFile(URL, line: Int?)
    /// Render the order's request as a curl command (`CurlCommand`, secrets as `"${NAME}"`)
    /// off the loop, for the clipboard or a file; it comes back as `.curlCommandReady`.
    case copyAsCurl(TransferOrder, to: CurlDestination)
    /// Write a curl script to a new file (never over an existing one); it ends with a notice.
    case writeCurlScript(String, path: String)
    /// Put text on the terminal's clipboard (OSC 52).
    case writeClipboard(String)
    /// Run `sonde import SOURCE --into FOLDER` (with `--dry-run` for the preview); the output
    /// comes back as `.importFinished`.
    case runImport(source: String, collection: Int, dryRun: Bool)
    /// Record the collection as trusted to run `{{cmd:}}` (`TrustedCollections`, as `sonde trust`);
    /// it comes back as `.collectionTrusted`, which sends `thenSend`.
    case trustCollection(collection: Int, thenSend: RequestReference)
    /// Write the `auth:` block of a folder, the collection or an environment (`AuthBlockWriter`);
    /// it ends with `.authSaved`.
    case saveAuth(AuthSaveOrder)
    /// Look for the paths a request's options and body name; the answer comes back as `.pathsChecked`.
    case checkPaths(RequestReference, [PathToCheck])
    case quit
    /// Create, duplicate, rename, delete or save an environment file (`EnvironmentFileWriter`);
    /// the end comes back as `.environmentOperationFinished`.
    case environmentOperation(collection: Int, EnvironmentOperation)
    /// Write a secret's value to the collection's `.env` (`DotEnvFile`); the end comes back as `.secretSaved`.
    case setSecret(collection: Int, name: String, value: String)
    /// Read the token store's records for the token panel's rows (`OAuth2TokenStore.load`);
    /// they come back as `.storedTokensLoaded`.
    case loadStoredTokens([TokenOrder])
    /// Run the row's grant now (`RequestSender.login`); it ends with `.tokenFetched`.
    case fetchToken(TokenOrder)
    /// Forget the row's token in the cache and remove its stored file; it ends with `.tokenCleared`.
    case clearToken(TokenOrder)
    /// Stop the row's fetch (a login waiting for the browser or a device code); it ends with
    /// `.tokenFetched` and `AppFailure.loginCancelled`.
    case cancelTokenFetch(row: Int)
    /// Run a folder's requests as a flow (`RunFlow`); each result comes back as
    /// `.runStepFinished`, the end as `.runFinished`. `.cancel(transfer:)` with its id stops it.
    case runFlow(FlowRunOrder)
}

/// A folder run `update` started: the requests in run order, as saved, and what they are
/// prepared with (the session's captures included), fixed when it was asked for.
package struct FlowRunOrder: Sendable, Equatable {
    /// The id of the `FlowRun`; events about it carry this id.
    package var id: Int
    package var name: String
    /// The flows, in order, each its requests in run order: one for a folder; for a whole
    /// collection one per top-level folder, as `sonde run demo` does (captures do not cross).
    package var flows: [[SavedRequest]]
    package var context: SendContext

    /// Every request of the run, flow after flow.
    package var requests: [SavedRequest] { flows.flatMap { $0 } }
}
