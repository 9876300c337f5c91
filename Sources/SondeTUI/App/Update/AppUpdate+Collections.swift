import SondeCore

extension AppState {
    /// Rows of the collections pane that fit inside its border.
    var treeViewHeight: Int { max(1, (layout.collections?.height ?? size.height) - 2) }

    /// Runs an action bound in the collections tree or its filter; nil when it does not apply.
    mutating func performInCollections(_ action: AppAction) -> [AppEffect]? {
        switch action {
        case .moveDown: moveTreeSelection(by: 1)
        case .moveUp: moveTreeSelection(by: -1)
        case .halfPageDown: moveTreeSelection(by: max(1, treeViewHeight / 2))
        case .halfPageUp: moveTreeSelection(by: -max(1, treeViewHeight / 2))
        case .top: moveTreeSelection(by: -treeRows.count)
        case .bottom: moveTreeSelection(by: treeRows.count)
        case .clearFilter:
            guard isFiltering || !filter.text.isEmpty else { return nil }
            let selected = selectedTreeRow?.request
            isFiltering = false
            filter = LineEditor()
            refreshTree()
            // Its folder may be closed without the filter: opened, so the row stays selected.
            if let selected { reveal(selected) }
        case .acceptFilter:
            isFiltering = false
            if let reference = selectedTreeRow?.request { open(reference) }
        case .expandRow:
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey {
                if !expanded.contains(key) { expanded.insert(key); refreshTree() } else { moveTreeSelection(by: 1) }
            } else if row.request != nil {
                focus = .request
            }
        case .collapseRow:
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey, expanded.contains(key), filter.text.isEmpty {
                expanded.remove(key)
                refreshTree()
            } else {
                selectParent(of: treeSelection)
            }
        case .openRow, .openAndSend:
            guard let row = selectedTreeRow else { return [] }
            if let key = row.folderKey {
                if expanded.contains(key) { expanded.remove(key) } else { expanded.insert(key) }
                refreshTree()
            } else if let reference = row.request {
                open(reference)
                // Space only opens; Enter opens and sends (asking first for a method that changes data).
                if action == .openAndSend { return sendAskingFirst() }
            }
        default:
            return perform(action)
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
