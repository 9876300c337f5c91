import SondeCore

/// The tabs of the response viewer.
package enum ResponseTab: Int, Sendable, CaseIterable {
    /// `request` is last so the digits of the older tabs stay where hands learned them.
    case body, headers, timing, history, request, tests

    package var title: String {
        switch self {
        case .body: "Body"
        case .headers: "Headers"
        case .timing: "Timing"
        case .history: "History"
        case .request: "Request"
        case .tests: "Tests"
        }
    }
}

/// What the response pane shows for one request: the last response (or a past one picked from
/// History), the tab, scroll positions, search and filter.
package struct ResponseViewState: Sendable {
    package var tab: ResponseTab = .body
    /// The response on screen: the latest, or one picked from History.
    package var document: ResponseDocument?
    /// Why the last send failed, shown until the next response.
    package var failure: String?
    package var body = ResponseBodyState()
    package var headersScroll = 0
    /// The first row of the Request tab on screen.
    package var requestScroll = 0
    /// The first row of the Tests tab on screen.
    package var testsScroll = 0
    package var history: [HistoryEntry] = []
    package var historySelection = 0
    package var historyLoaded = false
    /// Set once its history was asked for: the first time the request was open after an event.
    package var historyRequested = false
    /// The pages fetched so far of a paginated request (`L` next page, `A` all pages).
    package var pages: PaginationState?
    /// Rows of the content area, set by the app before each key so paging moves by a screen.
    package var viewHeight = 10

    package init() {}

    /// Shows a fresh response on the Body tab.
    package mutating func show(_ document: ResponseDocument) {
        self.document = document
        failure = nil
        body = ResponseBodyState(document: document)
        headersScroll = 0
        requestScroll = 0
        testsScroll = 0
        if tab == .history { tab = .body }
    }

    package mutating func showHistory(_ entries: [HistoryEntry]) {
        history = entries
        historyLoaded = true
        historySelection = min(historySelection, max(0, entries.count - 1))
    }

    var isTypingText: Bool { tab == .body && body.isTypingText }

    mutating func perform(_ action: AppAction) {
        switch action {
        case .searchResponse, .jsonPathFilter, .foldAll, .unfoldAll, .togglePrettyRaw, .toggleWrap:
            tab = .body
            body.perform(action, viewHeight: viewHeight)
        default:
            break
        }
    }

    mutating func paste(_ text: String) {
        if tab == .body { body.paste(text) }
    }

    mutating func scroll(by rows: Int) {
        switch tab {
        case .body: body.scroll(by: rows, viewHeight: viewHeight)
        case .headers: headersScroll = max(0, headersScroll + rows)
        case .request: requestScroll = max(0, requestScroll + rows)
        case .tests: testsScroll = max(0, testsScroll + rows)
        case .history: historySelection = min(max(0, historySelection + rows), max(0, history.count - 1))
        case .timing: break
        }
    }

    /// A click at a row of the pane's content (row 0 is the status line, row 1 the tabs),
    /// `width` columns wide.
    mutating func click(x: Int, row: Int, width: Int) {
        if row == 1, let tab = ResponsePaneRenderer.tab(atColumn: x, selected: tab, width: width) {
            self.tab = tab
            return
        }
        let contentRow = row - 2
        guard contentRow >= 0 else { return }
        switch tab {
        case .body: body.click(row: contentRow)
        case .history:
            if history.indices.contains(contentRow - 1) { historySelection = contentRow - 1 }
        default: break
        }
    }

    /// Runs an action bound in the response pane's key tables; false when it does not apply to
    /// the tab on screen, so the next table may take the key.
    mutating func performBound(_ action: AppAction, key: Key) -> Bool {
        switch action {
        case .pickTab:
            guard let picked = ResponseTab(digitKey: key) else { return false }
            tab = picked
        case .nextTab, .previousTab:
            tab = tab.advanced(by: action == .nextTab ? 1 : -1)
        case .foldAll, .unfoldAll:
            perform(action)
        case .accept, .dismiss:
            body.finishInput(accepting: action == .accept, viewHeight: viewHeight)
        default:
            switch tab {
            case .body: return body.performBound(action, viewHeight: viewHeight)
            case .headers: return Self.scroll(&headersScroll, action, viewHeight: viewHeight)
            case .request: return Self.scroll(&requestScroll, action, viewHeight: viewHeight)
            case .tests: return Self.scroll(&testsScroll, action, viewHeight: viewHeight)
            case .timing: return false
            case .history: return performInHistory(action)
            }
        }
        return true
    }

    /// A key for the search or filter line being typed.
    mutating func type(_ key: Key) {
        if tab == .body { body.type(key) }
    }

    /// Moves a scrolled list of rows (the Headers and Request tabs); the renderer clamps a
    /// scroll past the end to the last screenful.
    private static func scroll(_ scroll: inout Int, _ action: AppAction, viewHeight: Int) -> Bool {
        switch action {
        case .moveDown: scroll += 1
        case .moveUp: scroll = max(0, scroll - 1)
        case .halfPageDown: scroll += max(1, viewHeight / 2)
        case .halfPageUp: scroll = max(0, scroll - max(1, viewHeight / 2))
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        default: return false
        }
        return true
    }

    private mutating func performInHistory(_ action: AppAction) -> Bool {
        switch action {
        case .moveDown: historySelection = min(historySelection + 1, max(0, history.count - 1))
        case .moveUp: historySelection = max(0, historySelection - 1)
        case .top: historySelection = 0
        case .bottom: historySelection = max(0, history.count - 1)
        case .openHistoryEntry:
            guard history.indices.contains(historySelection) else { return false }
            let entry = history[historySelection]
            document = ResponseDocument(historyEntry: entry)
            body = ResponseBodyState(document: document)
            failure = nil
            tab = .body
        default: return false
        }
        return true
    }
}
