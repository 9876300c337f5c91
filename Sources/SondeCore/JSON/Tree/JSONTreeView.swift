/// A scrolling, folding pretty view of a `JSONTree`: the state of a response viewer as a
/// value, with every per-frame operation costing O(rows on screen × depth), never O(document).
///
/// Rows are the lines of the indented JSON: one per scalar and per container's opening line
/// (or its one-line summary when folded or empty), plus a closing `}` / `]` row for each
/// expanded, non-empty container. Positions are counted in rows only near the cursor; where
/// the view is in the whole document is `fraction(of:)`, the node index over the node count,
/// which a scrollbar can show without counting rows.
///
///     var view = JSONTreeView(tree: try JSONTree(body))
///     view.moveCursor(by: 3)
///     view.toggleFold()
///     view.keepCursorVisible(height: 40)
///     for row in view.rows(from: view.top, count: 40) { draw(row) }
public struct JSONTreeView: Sendable {
    /// The document shown.
    public let tree: JSONTree
    /// The folded containers.
    public private(set) var folds: JSONFoldSet
    /// The selected row.
    public private(set) var cursor: JSONRowPosition
    /// The first row on screen.
    public private(set) var top: JSONRowPosition
    /// At most this many UTF-8 bytes of a key or value are decoded per row: a 10 MB string
    /// costs no more to show than a short one.
    public var previewLimit = 512

    /// Everything unfolded, the cursor and the screen at the first row.
    public init(tree: JSONTree) {
        self.tree = tree
        folds = JSONFoldSet(nodeCount: tree.count)
        let first = JSONRowPosition(node: 0, isClosing: false, subtreeEnd: tree.subtreeEnd(of: 0))
        cursor = first
        top = first
    }

    // MARK: - Positions

    /// The row of `node` itself (its value, opening bracket or summary).
    public func position(of node: Int) -> JSONRowPosition {
        JSONRowPosition(node: node, isClosing: false, subtreeEnd: tree.subtreeEnd(of: node))
    }

    /// The closing-bracket row of `node`, nil unless it is an expanded, non-empty container.
    public func closingPosition(of node: Int) -> JSONRowPosition? {
        isExpanded(node) ? JSONRowPosition(node: node, isClosing: true, subtreeEnd: tree.subtreeEnd(of: node)) : nil
    }

    /// Whether `node` is a container showing its children.
    public func isExpanded(_ node: Int) -> Bool {
        tree.kind(of: node).isContainer && tree.subtreeEnd(of: node) > node + 1 && !folds.contains(node)
    }

    /// The first row of the document.
    public var firstPosition: JSONRowPosition { position(of: tree.root) }

    /// The last row: the root's closing bracket, or the root itself when folded or a scalar.
    public var lastPosition: JSONRowPosition { closingPosition(of: tree.root) ?? position(of: tree.root) }

    /// The row after `position`, nil at the end. O(1).
    public func position(after position: JSONRowPosition) -> JSONRowPosition? {
        var depth = 0
        return step(after: position, depth: &depth)
    }

    /// The row before `position`, nil at the start. O(depth).
    public func position(before position: JSONRowPosition) -> JSONRowPosition? {
        var depth = 0
        return step(before: position, depth: &depth)
    }

    /// `position` moved by `rows` (negative: up), stopping at the first or last row.
    public func position(_ position: JSONRowPosition, movedBy rows: Int) -> JSONRowPosition {
        var current = visiblePosition(for: position)
        var depth = 0
        if rows >= 0 {
            for _ in 0..<rows {
                guard let next = step(after: current, depth: &depth) else { break }
                current = next
            }
        } else {
            for _ in 0..<(-rows) {
                guard let previous = step(before: current, depth: &depth) else { break }
                current = previous
            }
        }
        return current
    }

    /// Whether `position` is a row of the view: no folded container hides it.
    public func isVisible(_ position: JSONRowPosition) -> Bool {
        visiblePosition(for: position) == position
    }

    /// `position` itself when visible, else the row of the outermost folded container hiding it.
    public func visiblePosition(for position: JSONRowPosition) -> JSONRowPosition {
        var outermost: Int?
        var ancestor = tree.parent(of: position.node)
        while let current = ancestor {
            if folds.contains(current) { outermost = current }
            ancestor = tree.parent(of: current)
        }
        if let outermost { return self.position(of: outermost) }
        if position.isClosing, !isExpanded(position.node) { return self.position(of: position.node) }
        return position
    }

    /// How far into the document `position` is, from 0 to 1, by node index: for a scrollbar.
    public func fraction(of position: JSONRowPosition) -> Double {
        guard tree.count > 1 else { return 0 }
        let index = position.isClosing ? position.subtreeEnd - 1 : position.node
        return Double(index) / Double(tree.count - 1)
    }

    /// The visible row nearest to `fraction` of the way through the document (a scrollbar drag).
    public func position(atFraction fraction: Double) -> JSONRowPosition {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let node = Int((clamped * Double(tree.count - 1)).rounded())
        return visiblePosition(for: position(of: node))
    }

    // MARK: - Rows

    /// Up to `count` rows starting at `anchor` (made visible first). O(count + depth).
    public func rows(from anchor: JSONRowPosition, count: Int) -> [JSONRow] {
        guard count > 0 else { return [] }
        var current = visiblePosition(for: anchor)
        var depth = tree.depth(of: current.node)
        var rows: [JSONRow] = []
        rows.reserveCapacity(count)
        tree.withUnsafe { unsafe in
            while true {
                rows.append(row(current, depth: depth, unsafe))
                guard rows.count < count, let next = step(after: current, depth: &depth) else { break }
                current = next
            }
        }
        return rows
    }

    /// The row at `position`.
    public func row(at position: JSONRowPosition) -> JSONRow {
        rows(from: position, count: 1)[0]
    }

    private func row(_ position: JSONRowPosition, depth: Int, _ unsafe: UnsafeJSONTree) -> JSONRow {
        let node = position.node
        let stored = unsafe.nodes[node]
        let kind = JSONTree.kind(stored)
        let childCount = unsafe.childCount(node)
        var truncated = false
        var key: String?
        if stored.isMember, !position.isClosing, let range = unsafe.keyRange(node) {
            let decoded = unsafe.decodeString(range, escaped: stored.info & JSONNode.keyEscapedBit != 0, limit: previewLimit)
            key = JSONRow.shown(decoded.text)
            truncated = decoded.truncated
        }
        var folded = false
        let text: String
        switch kind {
        case .object, .array:
            let isObject = kind == .object
            if position.isClosing {
                text = isObject ? "}" : "]"
            } else if childCount == 0 {
                text = isObject ? "{}" : "[]"
            } else if folds.contains(node) {
                folded = true
                text = JSONRow.summary(kind, childCount: childCount) ?? ""
            } else {
                text = isObject ? "{" : "["
            }
        case .string:
            let start = unsafe.valueStart(node)
            let decoded = unsafe.decodeString(
                start..<(start + Int(stored.extent)), escaped: stored.info & JSONNode.valueEscapedBit != 0, limit: previewLimit)
            text = JSONRow.shown(decoded.text)
            truncated = truncated || decoded.truncated
        case .number, .true, .false, .null:
            let start = unsafe.valueStart(node)
            let length = min(Int(stored.extent), previewLimit)
            text = String(decoding: UnsafeBufferPointer(start: unsafe.bytes + start, count: length), as: UTF8.self)
            truncated = truncated || length < Int(stored.extent)
        }
        return JSONRow(
            position: position, depth: depth, kind: kind, key: key, text: text, isTruncated: truncated,
            isFolded: folded, childCount: childCount)
    }

    // MARK: - Steps

    /// The next row after a visible `position`, tracking the depth.
    private func step(after position: JSONRowPosition, depth: inout Int) -> JSONRowPosition? {
        let node = position.node
        if !position.isClosing, isExpanded(node) {
            depth += 1
            return self.position(of: node + 1)
        }
        guard let parent = tree.parent(of: node) else { return nil }
        let end = position.subtreeEnd
        if end < tree.subtreeEnd(of: parent) { return self.position(of: end) }
        depth -= 1
        return JSONRowPosition(node: parent, isClosing: true, subtreeEnd: tree.subtreeEnd(of: parent))
    }

    /// The row before a visible `position`, tracking the depth: O(levels between the two).
    private func step(before position: JSONRowPosition, depth: inout Int) -> JSONRowPosition? {
        let node = position.node
        if position.isClosing {
            var last = position.subtreeEnd - 1
            while let parent = tree.parent(of: last), parent != node { last = parent }
            depth += 1
            return lastRow(of: last)
        }
        guard let parent = tree.parent(of: node) else { return nil }
        if node == parent + 1 {
            depth -= 1
            return self.position(of: parent)
        }
        var sibling = node - 1
        while let up = tree.parent(of: sibling), up != parent { sibling = up }
        return lastRow(of: sibling)
    }

    /// The last row of `node`'s rows: its closing row when expanded, else its own row.
    private func lastRow(of node: Int) -> JSONRowPosition {
        closingPosition(of: node) ?? position(of: node)
    }

    // MARK: - Cursor and scrolling

    /// Moves the cursor by `rows` (negative: up), stopping at the ends.
    public mutating func moveCursor(by rows: Int) {
        cursor = position(cursor, movedBy: rows)
    }

    /// Puts the cursor on `position` (or the folded container hiding it).
    public mutating func moveCursor(to position: JSONRowPosition) {
        cursor = visiblePosition(for: position)
    }

    /// Puts the cursor on the first row (Home).
    public mutating func moveCursorToFirst() { cursor = firstPosition }

    /// Puts the cursor on the last row (End): O(1).
    public mutating func moveCursorToLast() { cursor = lastPosition }

    /// Scrolls the screen by `rows` and the cursor with it (page up and down), then keeps the
    /// cursor on the `height`-row screen. The last page stays full.
    public mutating func scroll(by rows: Int, height: Int) {
        top = position(top, movedBy: rows)
        let lastTop = position(lastPosition, movedBy: -(max(height, 1) - 1))
        if lastTop < top { top = lastTop }
        cursor = position(cursor, movedBy: rows)
        keepCursorVisible(height: height)
    }

    /// Moves `top` as little as possible so the cursor is on a screen of `height` rows. O(height).
    public mutating func keepCursorVisible(height: Int) {
        top = visiblePosition(for: top)
        cursor = visiblePosition(for: cursor)
        if cursor < top {
            top = cursor
            return
        }
        var row = top
        for _ in 1..<max(height, 1) {
            if row == cursor { return }
            guard let next = position(after: row) else { break }
            row = next
        }
        if row == cursor { return }
        top = position(cursor, movedBy: -(max(height, 1) - 1))
    }

    // MARK: - Folding

    /// Folds or unfolds the container at the cursor; on a scalar or an empty container, folds
    /// the enclosing container and moves the cursor to it.
    public mutating func toggleFold() {
        let node = cursor.node
        if tree.kind(of: node).isContainer, tree.subtreeEnd(of: node) > node + 1 {
            if folds.contains(node) { unfold(node) } else { fold(node) }
        } else if let parent = tree.parent(of: node) {
            fold(parent)
        }
    }

    /// Folds a non-empty container (a no-op for others); a cursor or screen top inside it moves
    /// to its row.
    public mutating func fold(_ node: Int) {
        guard tree.kind(of: node).isContainer, tree.subtreeEnd(of: node) > node + 1 else { return }
        folds.insert(node)
        cursor = visiblePosition(for: cursor)
        top = visiblePosition(for: top)
    }

    /// Unfolds `node`; its descendants keep their own folds.
    public mutating func unfold(_ node: Int) {
        folds.remove(node)
    }

    /// Folds every non-empty container below the root, leaving its members or items as one
    /// row each. One pass over the nodes.
    public mutating func foldAll() {
        tree.withUnsafe { folds.setAllContainersBelowRoot(of: $0) }
        cursor = visiblePosition(for: cursor)
        top = visiblePosition(for: top)
    }

    /// Unfolds every container.
    public mutating func unfoldAll() { folds.removeAll() }

    /// Unfolds the ancestors of `node` and puts the cursor on it (a search hit, a path match).
    public mutating func reveal(_ node: Int) {
        var ancestor = tree.parent(of: node)
        while let current = ancestor {
            folds.remove(current)
            ancestor = tree.parent(of: current)
        }
        cursor = position(of: node)
    }

    // MARK: - Matches

    /// The first of `matches` (ascending node indices, as from `JSONTree.matches`) after the
    /// cursor, wrapping to the first; nil when there are none. O(log matches).
    public func nextMatch(in matches: [Int]) -> Int? {
        guard !matches.isEmpty else { return nil }
        let after = cursor.isClosing ? cursor.subtreeEnd - 1 : cursor.node
        let index = Self.firstIndex(in: matches, greaterThan: after)
        return index < matches.count ? matches[index] : matches[0]
    }

    /// The last of `matches` before the cursor, wrapping to the last; nil when there are none.
    public func previousMatch(in matches: [Int]) -> Int? {
        guard !matches.isEmpty else { return nil }
        let before = cursor.isClosing ? cursor.subtreeEnd : cursor.node
        let index = Self.firstIndex(in: matches, greaterThan: before - 1)
        return index > 0 ? matches[index - 1] : matches[matches.count - 1]
    }

    /// Binary search: the index of the first element above `value`.
    private static func firstIndex(in sorted: [Int], greaterThan value: Int) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] > value { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
