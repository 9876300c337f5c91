import Foundation
import SondeCore

/// Work the update function asks the runner to do outside the pure state: I/O and transfers.
/// Each one comes back, if at all, as an `AppEvent`.
package enum AppEffect: Sendable, Equatable {
    /// Send `request` (a draft, possibly unsaved) of collection `collection` in the named environment.
    case send(transfer: Int, reference: RequestReference, request: SavedRequest, environment: String?)
    case cancel(transfer: Int)
    /// Fetch the next page of a paginated request (`all`: every remaining page), continuing
    /// from the pages already in `AppState.responses[reference]`.
    case fetchPages(transfer: Int, reference: RequestReference, request: SavedRequest, environment: String?, all: Bool)
    case save(RequestReference, SavedRequest)
    case createRequest(collection: Int, folderPath: String, name: String)
    case duplicateRequest(RequestReference, name: String)
    case renameRequest(RequestReference, name: String)
    case deleteRequest(RequestReference)
    case reloadCollections(select: RequestReference?)
    case loadHistory(RequestReference)
    /// Open `text` in `$EDITOR`; the result comes back as `.externalEditFinished`.
    case editExternally(RequestReference, text: String, fileExtension: String)
    case quit
}
