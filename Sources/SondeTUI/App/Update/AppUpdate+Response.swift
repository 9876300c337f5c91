import SondeCore

extension AppState {
    /// Starts fetching the next page (or all pages) of the open request, when it has `paginate:`.
    mutating func fetchPages(all: Bool, response: inout ResponseViewState) -> [AppEffect] {
        guard let editor else { return [] }
        guard editor.draft.pagination != nil else {
            show("This request has no paginate: section", .info)
            return []
        }
        if response.pages?.isFinished == true {
            show("All pages are loaded (\(response.pages?.stop.map { "\($0)" } ?? "done"))", .info)
            return []
        }
        let progress = response.pages?.progress ?? PaginationProgress(page: 1, items: 0, elapsed: 0)
        guard let order = startTransfer(pages: progress) else { return [] }
        return [.fetchPages(order, all: all)]
    }

    /// Shows the items of every page fetched so far as one JSON array.
    mutating func pagesFetched(_ id: Int, _ pages: PaginationState, _ document: ResponseDocument?) {
        guard let transfer, transfer.id == id else { return }
        self.transfer = nil
        var response = responses[transfer.reference, default: ResponseViewState()]
        response.pages = pages
        if let document { response.show(document) }
        if let failure = pages.failure {
            show("Page \(failure.page) failed: \(failure)", .error)
        } else {
            let more = pages.isFinished ? (pages.stop.map { " · \($0)" } ?? "") : " · L next page · A all pages"
            show("\(pages.pages.count) pages · \(pages.itemCount) items\(more)", .success)
        }
        responses[transfer.reference] = response
    }

    /// Rows of the response pane's content area (below the status line and tabs).
    var responseContentHeight: Int { max(1, (layout.response?.height ?? size.height) - 4) }

    /// Runs an action bound in the response pane's tables; nil when it does not apply here.
    mutating func performInResponse(_ action: AppAction, key: Key) -> [AppEffect]? {
        guard let reference = editor?.reference else { return nil }
        var response = responses[reference, default: ResponseViewState()]
        response.viewHeight = responseContentHeight
        defer { responses[reference] = response }
        switch action {
        case .nextPage, .allPages:
            return fetchPages(all: action == .allPages, response: &response)
        case .focusRequest:
            focus = .request
            return []
        case .inspectJWT:
            inspectJWT()
            return []
        default:
            return response.performBound(action, key: key) ? [] : nil
        }
    }
}
