import Foundation
import SondeCore

/// The Options tab of a request: a row per `OptionField`, the selection, and the value being typed.
///
/// The request's own options live in the draft (`RequestEditorState.draft.options`); this holds
/// only where the cursor is and the text of a row being edited, so the draft never holds a value
/// that failed its check.
package struct OptionsEditor: Sendable, Equatable {
    package var selection = 0
    /// The row's value being typed, or nil when browsing.
    package var editing: LineEditor?
    /// Why the last typed value was refused; shown under the rows until the next key.
    package var problem: String?
    /// The first row shown.
    package var topRow = 0

    package init() {}

    package var field: OptionField { OptionField.allCases[min(max(selection, 0), OptionField.allCases.count - 1)] }

    package mutating func move(by step: Int) {
        selection = min(max(selection + step, 0), OptionField.allCases.count - 1)
        problem = nil
    }

    /// Keeps the selection on screen in a view `height` rows high.
    package mutating func scroll(height: Int) {
        topRow = TextArea.top(keeping: selection, visibleFrom: topRow, height: max(1, height), lineCount: OptionField.allCases.count)
    }
}

/// Where an option comes from when the request leaves it unset: the environment, then the
/// collection, then each folder down to the request's, each over the one before, as
/// `RequestPreparer` lays them.
package struct OptionInheritance: Sendable, Equatable {
    /// The levels below the request, lowest first, each with the name the Options tab shows.
    package var levels: [(source: String, options: OptionOverrides)]

    package static func == (lhs: OptionInheritance, rhs: OptionInheritance) -> Bool {
        lhs.levels.map(\.source) == rhs.levels.map(\.source) && lhs.levels.map(\.options) == rhs.levels.map(\.options)
    }

    package init(request: SavedRequest, collection: RequestCollection, environment: Environment?) {
        var levels: [(String, OptionOverrides)] = []
        if let environment { levels.append(("environment \(environment.name)", environment.defaults.options)) }
        for (depth, folder) in collection.folderChain(to: request).enumerated() {
            levels.append((depth == 0 ? "collection" : "folder \(folder.name)", folder.defaults.options))
        }
        self.levels = levels
    }

    /// The value the request gets for `field` when it sets none, and the level that sets it;
    /// sonde's default (source "default") when no level does, nil when there is none.
    package func inherited(_ field: OptionField) -> (value: String, source: String)? {
        for level in levels.reversed() {
            if let value = field.value(in: level.options) { return (value, level.source) }
        }
        return field.defaultText.map { ($0, "default") }
    }
}

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
