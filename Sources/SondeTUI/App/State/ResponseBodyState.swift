import Foundation
import SondeCore

/// The Body tab of the response viewer: a JSON tree (folding, search, JSONPath filter, raw
/// toggle), wrapped or unwrapped text, or a hex dump.
package struct ResponseBodyState: Sendable {
    /// A line being typed at the bottom of the body: a search or a JSONPath filter.
    package enum Input: Sendable {
        case search(LineEditor)
        case jsonPath(LineEditor)
    }

    package private(set) var content: ResponseContent = .empty
    /// The tree on screen: the whole body, or the JSONPath filter's result.
    package var json: JSONTreeView?
    /// The unfiltered tree, kept while a filter shows.
    var unfiltered: JSONTreeView?
    package private(set) var filterPath: String?
    package var pretty = true
    package var wrap = true
    /// The body as text, for non-JSON bodies and the raw view of JSON (built when first needed).
    var textModel: TextBodyModel?
    var bodyBytes = Data()
    package var textScroll = 0
    package var textColumn = 0
    package var hexScroll = 0
    package var input: Input?
    package var jsonMatches: [Int] = []
    package var textSearch: TextBodySearch?
    package var searchQuery = ""
    /// One line under the body: match counts, filter errors.
    package var message: String?
    /// Columns of the content area, set by the app with the height, for wrapped text paging.
    package var viewWidth = 80

    package init(document: ResponseDocument? = nil) {
        guard let document else { return }
        content = document.content
        bodyBytes = document.bodyBytes
        switch content {
        case .json(let tree): json = JSONTreeView(tree: tree)
        case .text(let model), .invalidJSON(let model, _): textModel = model
        case .empty, .binary: break
        }
    }

    var isTypingText: Bool { input != nil }

    /// Whether the JSON tree is what is shown (JSON body, pretty view).
    var showsTree: Bool { json != nil && pretty }

    mutating func perform(_ action: AppAction, viewHeight: Int) {
        switch action {
        case .foldAll:
            json?.foldAll()
            json?.keepCursorVisible(height: viewHeight)
        case .unfoldAll:
            json?.unfoldAll()
            json?.keepCursorVisible(height: viewHeight)
        case .togglePrettyRaw:
            guard json != nil else { message = "Pretty and raw differ only for JSON"; return }
            pretty.toggle()
            if !pretty, textModel == nil { textModel = TextBodyModel(bodyBytes) }
            message = pretty ? "Pretty" : "Raw body"
        case .toggleWrap:
            wrap.toggle()
            textColumn = 0
            message = wrap ? "Wrapping long lines" : "Not wrapping: h and l scroll sideways"
        case .searchResponse:
            input = .search(LineEditor(searchQuery))
        case .jsonPathFilter:
            guard json != nil else { message = "JSONPath filters need a JSON body"; return }
            input = .jsonPath(LineEditor(filterPath ?? "$"))
        default:
            break
        }
    }

    mutating func paste(_ text: String) {
        switch input {
        case .search(var editor):
            _ = editor.insert(text)
            input = .search(editor)
        case .jsonPath(var editor):
            _ = editor.insert(text)
            input = .jsonPath(editor)
        case nil:
            break
        }
    }

    /// Runs an action bound in the response body's key table; false when it does not apply to
    /// what is shown (`h` on wrapped text, Esc with no filter).
    mutating func performBound(_ action: AppAction, viewHeight: Int) -> Bool {
        switch action {
        case .searchResponse, .jsonPathFilter, .togglePrettyRaw, .toggleWrap:
            perform(action, viewHeight: viewHeight)
            return true
        case .nextMatch, .previousMatch:
            jumpToMatch(forward: action == .nextMatch, viewHeight: viewHeight)
            return true
        case .clearResponseFilter:
            guard filterPath != nil else { return false }
            clearFilter()
            return true
        default:
            break
        }
        if showsTree, var view = json {
            defer { json = view }
            switch action {
            case .moveDown: view.moveCursor(by: 1)
            case .moveUp: view.moveCursor(by: -1)
            case .halfPageDown: view.scroll(by: max(1, viewHeight / 2), height: viewHeight); return true
            case .halfPageUp: view.scroll(by: -max(1, viewHeight / 2), height: viewHeight); return true
            case .pageDown: view.scroll(by: max(1, viewHeight - 1), height: viewHeight); return true
            case .pageUp: view.scroll(by: -max(1, viewHeight - 1), height: viewHeight); return true
            case .top: view.moveCursorToFirst()
            case .bottom: view.moveCursorToLast()
            case .toggleFold: view.toggleFold()
            case .collapseRow:
                let node = view.cursor.node
                if view.isExpanded(node), !view.cursor.isClosing {
                    view.fold(node)
                } else if let parent = view.tree.parent(of: node) {
                    view.moveCursor(to: view.position(of: parent))
                }
            case .expandRow:
                let node = view.cursor.node
                if view.tree.kind(of: node).isContainer, !view.isExpanded(node) {
                    view.unfold(node)
                } else {
                    view.moveCursor(by: 1)
                }
            default:
                return false
            }
            view.keepCursorVisible(height: viewHeight)
            return true
        }
        let page = max(1, viewHeight - 1)
        if case .binary(let hex) = content {
            let total = hex.rowCount(width: viewWidth)
            switch action {
            case .moveDown: hexScroll += 1
            case .moveUp: hexScroll -= 1
            case .pageDown, .halfPageDown: hexScroll += page
            case .pageUp, .halfPageUp: hexScroll -= page
            case .top: hexScroll = 0
            case .bottom: hexScroll = total
            default: return false
            }
            hexScroll = min(max(0, hexScroll), max(0, total - viewHeight + 1))
            return true
        }
        guard let model = textModel else { return false }
        switch action {
        case .moveDown: textScroll += 1
        case .moveUp: textScroll -= 1
        case .pageDown: textScroll += page
        case .pageUp: textScroll -= page
        case .halfPageDown: textScroll += max(1, viewHeight / 2)
        case .halfPageUp: textScroll -= max(1, viewHeight / 2)
        case .top: textScroll = 0
        case .bottom: textScroll = model.rowCount(width: viewWidth, wrap: wrap)
        case .expandRow where !wrap: textColumn += 8
        case .collapseRow where !wrap: textColumn = max(0, textColumn - 8)
        default: return false
        }
        clampTextScroll(viewHeight: viewHeight)
        return true
    }

    mutating func scroll(by rows: Int, viewHeight: Int) {
        if showsTree {
            json?.scroll(by: rows, height: viewHeight)
        } else if case .binary = content {
            hexScroll = max(0, hexScroll + rows)
        } else {
            textScroll += rows
            clampTextScroll(viewHeight: viewHeight)
        }
    }

    /// A click on a row of the body moves the JSON cursor there.
    mutating func click(row: Int) {
        guard showsTree, var view = json else { return }
        let rows = view.rows(from: view.top, count: row + 1)
        if rows.indices.contains(row) { view.moveCursor(to: rows[row].position) }
        json = view
    }

    private mutating func clampTextScroll(viewHeight: Int) {
        let total = textModel?.rowCount(width: viewWidth, wrap: wrap) ?? 0
        textScroll = min(max(0, textScroll), max(0, total - viewHeight))
    }

    /// Ends the search or filter line: Enter runs it, Esc drops it.
    mutating func finishInput(accepting: Bool, viewHeight: Int) {
        let current = input
        input = nil
        guard accepting else { return }
        switch current {
        case .search(let editor): search(editor.text, viewHeight: viewHeight)
        case .jsonPath(let editor): applyFilter(editor.text, viewHeight: viewHeight)
        case nil: break
        }
    }

    /// A key for the search or filter line being typed.
    mutating func type(_ key: Key) {
        switch input {
        case .search(var editor):
            _ = editor.handle(key)
            input = .search(editor)
        case .jsonPath(var editor):
            _ = editor.handle(key)
            input = .jsonPath(editor)
        case nil:
            break
        }
    }

    mutating func search(_ query: String, viewHeight: Int) {
        searchQuery = query
        jsonMatches = []
        textSearch = nil
        guard !query.isEmpty else { message = nil; return }
        if showsTree, let view = json {
            jsonMatches = view.tree.matches(of: query, caseInsensitive: true)
            message = jsonMatches.isEmpty ? "No match for \"\(query)\"" : "\(jsonMatches.count) matches for \"\(query)\" · n next · N previous"
        } else if let model = textModel ?? json.map({ _ in TextBodyModel(bodyBytes) }) {
            textModel = model
            textSearch = TextBodySearch(query: query, in: model)
            message = textSearch.map { $0.matches.isEmpty ? "No match for \"\(query)\"" : $0.summary }
        }
        jumpToMatch(forward: true, viewHeight: viewHeight)
    }

    mutating func jumpToMatch(forward: Bool, viewHeight fullHeight: Int) {
        // The "Match 1 of 11" line takes the body's last row: a match kept visible above it, not under it.
        let viewHeight = max(1, fullHeight - 1)
        if showsTree, var view = json {
            guard let node = forward ? view.nextMatch(in: jsonMatches) : view.previousMatch(in: jsonMatches) else { return }
            view.reveal(node)
            view.keepCursorVisible(height: viewHeight)
            json = view
            if let index = jsonMatches.firstIndex(of: node) {
                message = "Match \(index + 1) of \(jsonMatches.count) for \"\(searchQuery)\""
            }
        } else if var search = textSearch, let model = textModel {
            if forward { search.next() } else { search.previous() }
            textSearch = search
            if let match = search.currentMatch {
                let spot = model.position(of: match, width: viewWidth, wrap: wrap)
                if spot.row < textScroll || spot.row >= textScroll + viewHeight { textScroll = max(0, spot.row - viewHeight / 3) }
                if !wrap { textColumn = max(0, spot.column - viewWidth / 2) }
                message = search.summary
            }
        }
    }

    /// Shows only what a JSONPath selects, as a JSON array of the matches.
    mutating func applyFilter(_ text: String, viewHeight: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "$" else { clearFilter(); return }
        guard let base = unfiltered ?? json else { return }
        do {
            let path = try JSONPath(trimmed)
            let nodes = path.evaluate(in: base.tree)
            let tree = try JSONTree(text: base.tree.arrayText(of: nodes))
            if unfiltered == nil { unfiltered = json }
            json = JSONTreeView(tree: tree)
            filterPath = trimmed
            pretty = true
            jsonMatches = []
            message = "\(nodes.count) \(nodes.count == 1 ? "match" : "matches") for \(trimmed) · Esc clears"
        } catch {
            message = "\(error)"
        }
    }

    mutating func clearFilter() {
        if let unfiltered { json = unfiltered }
        unfiltered = nil
        filterPath = nil
        message = nil
    }
}
