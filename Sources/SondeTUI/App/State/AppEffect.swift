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
    /// Look for the paths a request's options and body name; the answer comes back as `.pathsChecked`.
    case checkPaths(RequestReference, [PathToCheck])
    case quit
}
