import SondeCore

extension AppState {
    /// Rows of the collections pane that fit inside its border.
    var treeViewHeight: Int { max(1, (layout.collections?.height ?? size.height) - 2) }

    mutating func handleCollectionsKey(_ key: Key) -> [AppEffect] {
        if isFiltering {
            switch key {
            case .escape:
                isFiltering = false
                filter = LineEditor()
                refreshTree()
            case .enter, .down:
                isFiltering = false
                if let reference = selectedTreeRow?.request { open(reference) }
            default:
                if filter.handle(key) == .edited { filterChanged() }
            }
            return []
        }
        switch key {
        case .down, .character("j"): moveTreeSelection(by: 1)
        case .up, .character("k"): moveTreeSelection(by: -1)
        case .control("d"), .pageDown: moveTreeSelection(by: max(1, treeViewHeight / 2))
        case .control("u"), .pageUp: moveTreeSelection(by: -max(1, treeViewHeight / 2))
        case .home: moveTreeSelection(by: -treeRows.count)
        case .end, .character("G"): moveTreeSelection(by: treeRows.count)
        case .character("g"), .character("z"):
            if case .character(let c) = key { pendingPrefix = c }
        case .character("/"): return perform(.filterCollections)
        case .escape where !filter.text.isEmpty:
            filter = LineEditor()
            refreshTree()
        case .character("n"): return perform(.newRequest)
        case .character("y"): return perform(.duplicateRequest)
        case .character("r"): return perform(.renameRequest)
        case .character("d"), .delete: return perform(.deleteRequest)
        case .character("e"): return perform(.switchEnvironment)
        case .right, .character("l"):
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey {
                if !expanded.contains(key) { expanded.insert(key); refreshTree() } else { moveTreeSelection(by: 1) }
            } else if row.request != nil {
                focus = .request
            }
        case .left, .character("h"):
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey, expanded.contains(key), filter.text.isEmpty {
                expanded.remove(key)
                refreshTree()
            } else {
                selectParent(of: treeSelection)
            }
        case .enter, .character(" "):
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey {
                if expanded.contains(key) { expanded.remove(key) } else { expanded.insert(key) }
                refreshTree()
            } else if let reference = row.request {
                open(reference)
                // Space only opens; Enter opens and sends, as the issue asks.
                if key == .enter { return perform(.send) }
            }
        default:
            break
        }
        return []
    }

    /// Shows the rows matching the new filter text and opens the first matching request (not its folder).
    mutating func filterChanged() {
        treeSelection = 0
        treeScroll = 0
        refreshTree()
        if let first = treeRows.firstIndex(where: { $0.request != nil }) {
            treeSelection = first
            if let reference = treeRows[first].request { open(reference) }
        }
    }

    /// Moves the selection and opens the request under it in the editor (a preview, like Posting).
    mutating func moveTreeSelection(by step: Int) {
        guard !treeRows.isEmpty else { return }
        treeSelection = min(max(0, treeSelection + step), treeRows.count - 1)
        if let reference = selectedTreeRow?.request { open(reference) }
    }

    mutating func selectParent(of index: Int) {
        guard treeRows.indices.contains(index) else { return }
        let depth = treeRows[index].depth
        if let parent = treeRows[..<index].lastIndex(where: { $0.depth < depth }) { treeSelection = parent }
    }

    /// Asks for the name of a new request in the folder of the selected row.
    mutating func startNewRequest() -> [AppEffect] {
        guard !collections.isEmpty else {
            show("No collection to add to: create collections/<name>/collection.yaml", .error)
            return []
        }
        var collection = 0
        var folderPath = ""
        if let row = selectedTreeRow {
            switch row.kind {
            case .folder(_, let index, let path, _, _):
                collection = index
                folderPath = path
            case .request(let reference, _, _):
                collection = reference.collection
                folderPath = reference.requestID.split(separator: "/").dropLast().joined(separator: "/")
            }
        }
        overlay = .prompt(PromptDialog(title: "New request name", editor: LineEditor(), purpose: .newRequest(collection: collection, folderPath: folderPath)))
        return []
    }
}
