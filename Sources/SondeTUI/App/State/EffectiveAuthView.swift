import SondeCore

/// The "effective auth per environment" view of the open request: one masked row per
/// environment (`EnvironmentAuthSummary`), prepared in update when the view opens, so drawing
/// it resolves nothing.
package struct EffectiveAuthView: Sendable, Equatable {
    package var requestName: String
    package var rows: [EnvironmentAuthSummary]
    /// The environment in use, marked in the list.
    package var current: String?
    /// The first line shown, for lists taller than the screen.
    package var scroll = 0
}
