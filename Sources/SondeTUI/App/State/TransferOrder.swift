import SondeCore

/// A transfer `update` started, with everything the runner needs to carry it out: the request
/// as it stood (an unsaved draft included) and the collection, environment and secret source it
/// is prepared with, fixed when it was asked for. Sending and fetching pages both carry one, made
/// by `AppState.startTransfer`.
package struct TransferOrder: Sendable, Equatable {
    /// The id of the `TransferState` it runs as; events about it carry this id.
    package var id: Int
    package var reference: RequestReference
    package var request: SavedRequest
    package var context: SendContext
}
