import SondeCore

/// A request in the workspace: which collection it belongs to and its id inside it.
package struct RequestReference: Sendable, Hashable {
    package var collection: Int
    package var requestID: String

    package init(collection: Int, requestID: String) {
        self.collection = collection
        self.requestID = requestID
    }
}

/// One row of the collections pane.
package struct CollectionTreeRow: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A collection (depth 0) or a folder; `key` identifies it for expand/collapse.
        case folder(key: String, collection: Int, folderPath: String, expanded: Bool, requestCount: Int)
        /// `method` is nil while the collection is an outline (the file not read yet).
        case request(RequestReference, method: HTTPMethod?, url: String)
    }

    package var kind: Kind
    package var name: String
    package var depth: Int

    package var request: RequestReference? {
        if case .request(let reference, _, _) = kind { reference } else { nil }
    }

    package var folderKey: String? {
        if case .folder(let key, _, _, _, _) = kind { key } else { nil }
    }
}

/// Flattens the collections into the rows the pane shows, honouring which folders are expanded
/// and the filter typed after `/` (a request matches on its name, id or URL, case-insensitively;
/// folders holding a match are shown open so every match is visible).
package enum CollectionTree {
    package static func rows(collections: [RequestCollection], expanded: Set<String>, filter: String) -> [CollectionTreeRow] {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        var rows: [CollectionTreeRow] = []
        for (index, collection) in collections.enumerated() {
            append(folder: collection.root, name: collection.name, collection: index, outline: collection.isOutline, depth: 0,
                   expanded: expanded, needle: needle, into: &rows)
        }
        return rows
    }

    /// The key of a folder for the expanded set: collection index and folder path.
    package static func key(collection: Int, folderPath: String) -> String { "\(collection):\(folderPath)" }

    @discardableResult
    private static func append(
        folder: RequestFolder, name: String, collection: Int, outline: Bool, depth: Int, expanded: Set<String>, needle: String,
        into rows: inout [CollectionTreeRow]
    ) -> Bool {
        let key = key(collection: collection, folderPath: folder.path)
        let headerIndex = rows.count
        let isOpen = !needle.isEmpty || expanded.contains(key)
        rows.append(CollectionTreeRow(
            kind: .folder(key: key, collection: collection, folderPath: folder.path, expanded: isOpen,
                          requestCount: folder.allRequests.count),
            name: name, depth: depth))
        var matched = needle.isEmpty
        if isOpen {
            for child in folder.folders.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
                if append(folder: child, name: child.name, collection: collection, outline: outline, depth: depth + 1,
                          expanded: expanded, needle: needle, into: &rows) {
                    matched = true
                }
            }
            for request in folder.requests.sorted(by: { $0.definition.name.lowercased() < $1.definition.name.lowercased() }) {
                guard needle.isEmpty || matches(request, needle) else { continue }
                matched = true
                rows.append(CollectionTreeRow(
                    kind: .request(RequestReference(collection: collection, requestID: request.id),
                                   method: outline ? nil : request.definition.method, url: request.definition.url),
                    name: request.definition.name, depth: depth + 1))
            }
        }
        if !matched { rows.removeSubrange(headerIndex...) }
        return matched
    }

    private static func matches(_ request: SavedRequest, _ needle: String) -> Bool {
        request.definition.name.lowercased().contains(needle)
            || request.id.lowercased().contains(needle)
            || request.definition.url.lowercased().contains(needle)
    }
}
