import SondeCore

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
