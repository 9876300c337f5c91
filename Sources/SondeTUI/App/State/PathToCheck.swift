import Foundation
import SondeCore

/// A path an option or a body names, checked on disk the way a send will look for it.
package enum PathCheck {
    /// Nil when `path` names an existing file (a folder when `folder`), a problem otherwise.
    /// A path with a placeholder is not checked: its value depends on the environment.
    package static func problem(_ path: String, base: URL, folder: Bool = false) -> String? {
        guard !path.contains("{{") else { return nil }
        let absolute = RequestPreparer.absolutePath(path, base: base)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else { return "\(path): no such file" }
        if isFolder.boolValue != folder { return folder ? "\(path) is not a folder" : "\(path) is a folder, not a file" }
        return nil
    }
}

/// A path to look for on disk, with the folder a relative path starts from.
package struct PathToCheck: Sendable, Hashable {
    package var path: String
    package var base: URL
    package var folder: Bool

    package init(_ path: String, base: URL, folder: Bool = false) {
        self.path = path
        self.base = base
        self.folder = folder
    }

    /// What is wrong with the path on disk, or nil; see `PathCheck`.
    package func problem() -> String? { PathCheck.problem(path, base: base, folder: folder) }
}
