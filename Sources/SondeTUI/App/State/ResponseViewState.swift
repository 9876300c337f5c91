import SondeCore

/// The tabs of the response viewer.
package enum ResponseTab: Int, Sendable, CaseIterable {
    case body, headers, timing, history

    package var title: String {
        switch self {
        case .body: "Body"
        case .headers: "Headers"
        case .timing: "Timing"
        case .history: "History"
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
        case .history: historySelection = min(max(0, historySelection + rows), max(0, history.count - 1))
        case .timing: break
        }
    }

    /// A click at a row of the pane's content (row 0 is the status line, row 1 the tabs).
    mutating func click(x: Int, row: Int) {
        if row == 1, let tab = ResponsePaneRenderer.tab(atColumn: x) {
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

    /// Keys for the response pane; returns false when the key wasn't for it.
    mutating func handle(_ key: Key) -> Bool {
        if tab == .body, body.isTypingText { return body.handle(key, viewHeight: viewHeight) }
        if let picked = ResponseTab(digitKey: key) {
            tab = picked
            return true
        }
        switch key {
        case .character("]"): tab = tab.advanced(by: 1); return true
        case .character("["): tab = tab.advanced(by: -1); return true
        default: break
        }
        switch tab {
        case .body:
            return body.handle(key, viewHeight: viewHeight)
        case .headers:
            switch key {
            case .down, .character("j"): headersScroll += 1
            case .up, .character("k"): headersScroll = max(0, headersScroll - 1)
            case .pageDown, .control("d"): headersScroll += max(1, viewHeight / 2)
            case .pageUp, .control("u"): headersScroll = max(0, headersScroll - max(1, viewHeight / 2))
            case .home: headersScroll = 0
            case .end, .character("G"): headersScroll = Int.max / 2
            default: return false
            }
        case .timing:
            return false
        case .history:
            switch key {
            case .down, .character("j"): historySelection = min(historySelection + 1, max(0, history.count - 1))
            case .up, .character("k"): historySelection = max(0, historySelection - 1)
            case .home: historySelection = 0
            case .end, .character("G"): historySelection = max(0, history.count - 1)
            case .enter, .character(" "):
                guard history.indices.contains(historySelection) else { return false }
                let entry = history[historySelection]
                document = ResponseDocument(historyEntry: entry)
                body = ResponseBodyState(document: document)
                failure = nil
                tab = .body
            default: return false
            }
        }
        return true
    }
}
