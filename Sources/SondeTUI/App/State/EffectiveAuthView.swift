import Foundation
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

/// A write of one level's `auth:` block, and what the TUI says about it when it is done.
package struct AuthSaveOrder: Sendable, Equatable {
    package var collection: Int
    package var file: URL
    package var auth: AuthConfig
    /// The auth the level had when it was loaded: a file whose auth is no longer this changed on
    /// disk, and is left alone (`SaveError.changedOnDisk`).
    package var loaded: AuthConfig
    /// "environment staging", for the notice.
    package var levelTitle: String
}
