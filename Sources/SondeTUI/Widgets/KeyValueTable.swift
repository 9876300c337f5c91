import SondeCore

/// The editable name/value table of the Params and Headers tabs: rows that can be added, edited
/// cell by cell, deleted, switched off and reordered, followed by a "+ add" row.
///
/// Not editing, the table takes `Command`s rather than keys, so which key does what is declared
/// once, in the app's key map (`KeyMap`, context `.requestTable`); `.edit` on "+ add" adds a row.
/// While editing, keys go to a `LineEditor`: Enter commits, Escape drops the cell's change, Tab commits and moves
/// between name and value, up/down commit and move to the next row. `rows` only ever holds committed
/// values, so the app can copy it into the request after every `.edited`.
///
/// The vertical scroll is state, kept in step with the selection by every key; `layout(height:)`
/// gives it the view's height. `render` stays a pure function of this value.
package struct KeyValueTable: Sendable, Equatable {
    package enum Column: Sendable, Equatable { case name, value }

    /// A cell being edited.
    package struct Edit: Sendable, Equatable {
        package var column: Column
        package var editor: LineEditor
        /// The row as committed so far; for a new row, what it will be once it joins `rows`.
        package internal(set) var draft: KeyValue
        /// Whether the row is new and not in `rows` yet: it shows at `selection` and joins `rows`
        /// when a cell of it is committed with some text in it.
        package internal(set) var isNew: Bool
        /// Where the selection goes back to when a new row is abandoned.
        var selectionBefore: Int
    }

    package private(set) var rows: [KeyValue]
    /// The selected row's index; `rows.count` is the "+ add" row.
    package private(set) var selection: Int
    /// The cell being edited, or nil.
    package private(set) var editing: Edit?
    /// The first row shown (an index into the rows plus the "+ add" row).
    package private(set) var topRow: Int
    /// The number of rows the view shows below its header, as of the last `layout(height:)`.
    package private(set) var viewHeight: Int

    package init(rows: [KeyValue]) {
        self.rows = rows
        selection = 0
        editing = nil
        topRow = 0
        viewHeight = 10
    }

    /// Tells the table the height of the rect it will be drawn in (header included) and scrolls
    /// to keep the selection in it.
    package mutating func layout(height: Int) {
        viewHeight = max(1, Self.bodyHeight(height))
        keepSelectionVisible()
    }

    /// What the table does with the selection while no cell is being edited.
    package enum Command: Sendable, Equatable {
        case up, down, pageUp, pageDown, first, last
        /// Edit the selected row's name; on "+ add", start a new row.
        case edit
        case addBelow, addAbove, delete, toggle, moveRowDown, moveRowUp
    }

    /// Applies one key to the cell being edited. Not editing, every key comes back `.ignored`:
    /// the app looks keys up in its key map and sends a `Command` instead.
    package mutating func handle(_ key: Key) -> EditOutcome {
        guard editing != nil else { return .ignored }
        selection = min(max(selection, 0), rows.count)
        let outcome = handleEditing(key)
        if outcome != .ignored { keepSelectionVisible() }
        return outcome
    }

    /// Runs a command on the selection; ignored while a cell is being edited.
    package mutating func perform(_ command: Command) -> EditOutcome {
        guard editing == nil else { return .ignored }
        selection = min(max(selection, 0), rows.count)
        let outcome = performBrowsing(command)
        if outcome != .ignored { keepSelectionVisible() }
        return outcome
    }

    /// Pastes into the cell being edited; ignored when not editing.
    @discardableResult
    package mutating func insert(_ pasted: String) -> EditOutcome {
        guard var edit = editing else { return .ignored }
        let outcome = edit.editor.insert(pasted)
        editing = edit
        return outcome
    }

    /// Commits the cell being edited and stops editing (when the app moves focus away).
    @discardableResult
    package mutating func commitEdit() -> EditOutcome {
        guard var edit = editing else { return .ignored }
        let changed = commit(&edit)
        editing = nil
        if edit.isNew { selection = min(edit.selectionBefore, rows.count) }  // left empty: not added
        return changed ? .edited : .moved
    }

    /// Drops the change to the cell being edited and stops editing; a new row with nothing
    /// committed in it goes away.
    package mutating func cancelEdit() {
        guard let edit = editing else { return }
        editing = nil
        if edit.isNew { selection = min(edit.selectionBefore, rows.count) }
    }

    /// Draws a header row ("Name", "Value"), one row per entry with a "[x]"/"[ ]" box, and a
    /// final "+ add" row, scrolled to show the selection. The name column takes about 35% of the
    /// width (at least 8 columns), values are cut with "…". Switched-off rows are dimmed; the
    /// selection uses `theme.selection` when `focused`, `theme.inactiveSelection` otherwise. Values
    /// for which `isSecret` holds show as "••••" (one bullet per character while being edited).
    /// Values for which `isProblem` holds (a multipart part's missing file) show in the error colour.
    package func render(
        into grid: inout ScreenGrid, in rect: Rect, theme: Theme, focused: Bool, isSecret: (KeyValue) -> Bool,
        isProblem: (KeyValue) -> Bool = { _ in false }
    ) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        let bodyHeight = Self.bodyHeight(rect.height)
        let body = Rect(x: rect.x, y: rect.maxY - bodyHeight, width: rect.width, height: bodyHeight)
        let box = 4  // "[x] "
        let nameWidth = min(max(0, rect.width - box), max(8, (rect.width - box) * 35 / 100))
        let nameX = rect.x + box, valueX = nameX + nameWidth + 1
        let valueWidth = max(0, rect.maxX - valueX)
        if bodyHeight < rect.height {
            grid.write("Name", x: nameX, y: rect.y, style: theme.title, limit: min(nameWidth, rect.maxX - nameX))
            grid.write("Value", x: valueX, y: rect.y, style: theme.title, limit: valueWidth)
        }
        let count = displayCount
        let top = TextArea.top(keeping: selection, visibleFrom: topRow, height: bodyHeight, lineCount: count)
        let selectionStyle = focused ? theme.selection : theme.inactiveSelection
        for row in 0..<min(bodyHeight, count - top) {
            let index = top + row
            let line = body.row(row)
            let selected = index == selection
            guard let entry = entry(at: index) else {
                grid.writeLine("+ add", in: line, style: selected ? selectionStyle : theme.muted)
                continue
            }
            var style = selected ? selectionStyle : (entry.enabled ? theme.text : theme.muted)
            if !entry.enabled { style = style.dimmed }
            grid.writeLine(entry.enabled ? "[x]" : "[ ]", in: line, style: style)
            let nameCell = Rect(x: nameX, y: line.y, width: min(nameWidth, rect.maxX - nameX), height: 1)
            let valueCell = Rect(x: valueX, y: line.y, width: valueWidth, height: 1)
            let edit = selected ? editing : nil
            if let edit, edit.column == .name {
                edit.editor.render(into: &grid, in: nameCell, style: theme.text, focused: focused)
            } else {
                grid.write(DisplayWidth.truncate(entry.name, to: nameCell.width), x: nameX, y: line.y, style: style, limit: nameCell.width)
            }
            if let edit, edit.column == .value {
                var typed = entry
                typed.value = edit.editor.text
                edit.editor.render(into: &grid, in: valueCell, style: theme.text, focused: focused, masked: isSecret(typed))
            } else if isSecret(entry) {
                grid.write("••••", x: valueX, y: line.y, style: selected ? style : theme.secret, limit: valueWidth)
            } else {
                let valueStyle = isProblem(entry) && !selected ? theme.error : style
                grid.write(DisplayWidth.truncate(entry.value, to: valueWidth), x: valueX, y: line.y, style: valueStyle, limit: valueWidth)
            }
        }
    }

    // MARK: - Browsing

    private mutating func performBrowsing(_ command: Command) -> EditOutcome {
        switch command {
        case .up: return select(selection - 1)
        case .down: return select(selection + 1)
        case .pageUp: return select(selection - viewHeight)
        case .pageDown: return select(selection + viewHeight)
        case .first: return select(0)
        case .last: return select(rows.count - 1)
        case .edit:
            guard selection < rows.count else { return startNewRow(at: rows.count) }
            editing = Edit(column: .name, editor: LineEditor(rows[selection].name), draft: rows[selection],
                           isNew: false, selectionBefore: selection)
            return .moved
        case .addBelow:
            return startNewRow(at: min(selection + 1, rows.count))
        case .addAbove:
            return startNewRow(at: selection)
        case .delete:
            guard selection < rows.count else { return .moved }
            rows.remove(at: selection)
            return .edited
        case .toggle:
            guard selection < rows.count else { return .moved }
            rows[selection].enabled.toggle()
            return .edited
        case .moveRowDown:
            guard selection + 1 < rows.count else { return .moved }
            rows.swapAt(selection, selection + 1)
            selection += 1
            return .edited
        case .moveRowUp:
            guard selection > 0, selection < rows.count else { return .moved }
            rows.swapAt(selection, selection - 1)
            selection -= 1
            return .edited
        }
    }

    private mutating func select(_ index: Int) -> EditOutcome {
        selection = min(max(index, 0), rows.count)
        return .moved
    }

    private mutating func startNewRow(at index: Int) -> EditOutcome {
        editing = Edit(column: .name, editor: LineEditor(), draft: KeyValue("", ""), isNew: true, selectionBefore: selection)
        selection = index
        return .moved
    }

    // MARK: - Editing

    private mutating func handleEditing(_ key: Key) -> EditOutcome {
        guard var edit = editing else { return .ignored }
        switch key {
        case .enter:
            return commitEdit()
        case .escape:
            cancelEdit()
            return .moved
        case .tab, .backTab:
            if key == .backTab, edit.column == .name { return .moved }
            let changed = commit(&edit)
            edit.column = edit.column == .name ? .value : .name
            edit.editor = LineEditor(edit.column == .name ? edit.draft.name : edit.draft.value)
            editing = edit
            return changed ? .edited : .moved
        case .up, .down:
            let committed = commitEdit()
            _ = performBrowsing(key == .up ? .up : .down)
            return committed == .edited ? .edited : .moved
        default:
            let outcome = edit.editor.handle(key)
            editing = edit
            return outcome
        }
    }

    /// Writes the edited cell into the row; a new row joins `rows` once it has a name or a value.
    /// Returns whether `rows` changed.
    private mutating func commit(_ edit: inout Edit) -> Bool {
        switch edit.column {
        case .name: edit.draft.name = edit.editor.text
        case .value: edit.draft.value = edit.editor.text
        }
        if edit.isNew {
            guard !edit.draft.name.isEmpty || !edit.draft.value.isEmpty else { return false }
            selection = min(selection, rows.count)
            rows.insert(edit.draft, at: selection)
            edit.isNew = false
            return true
        }
        guard selection < rows.count, rows[selection] != edit.draft else { return false }
        rows[selection] = edit.draft
        return true
    }

    // MARK: - Layout

    /// The entries as shown: the committed rows with a new row being edited at the selection.
    /// Nil is the "+ add" row.
    private func entry(at index: Int) -> KeyValue? {
        if let edit = editing, edit.isNew {
            if index == selection { return edit.draft }
            let shifted = index > selection ? index - 1 : index
            return shifted < rows.count ? rows[shifted] : nil
        }
        return index < rows.count ? rows[index] : nil
    }

    private var displayCount: Int { rows.count + (editing?.isNew == true ? 1 : 0) + 1 }

    private mutating func keepSelectionVisible() {
        topRow = TextArea.top(keeping: selection, visibleFrom: topRow, height: max(1, viewHeight), lineCount: displayCount)
    }

    /// The rows left for entries in a rect `height` high: all but the header, which goes first
    /// when there is only one row.
    private static func bodyHeight(_ height: Int) -> Int { height >= 2 ? height - 1 : max(0, height) }
}
