import Foundation
import SondeCore

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
