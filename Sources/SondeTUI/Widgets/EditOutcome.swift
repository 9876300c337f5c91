/// What a widget did with a key or a paste, so the app knows whether to mark the request edited
/// and whether to handle the key itself.
package enum EditOutcome: Sendable, Equatable {
    /// The content changed.
    case edited
    /// The key was used without changing the content: the cursor or selection moved, or it was a
    /// movement with nowhere to go (left at the start), which still must not reach the app.
    case moved
    /// The widget has no use for the key; the app may handle it.
    case ignored
}
