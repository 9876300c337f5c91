import Testing
import SondeCore
import SondeTUI

extension KeyValueTable {
    /// A key as the request editor delivers it: while browsing, the command its key map binds the
    /// key to (`KeyMap`'s `.requestTable`); while editing, the key itself.
    mutating func press(_ key: Key) -> EditOutcome {
        guard editing == nil else { return handle(key) }
        guard let (binding, _) = KeyMap.binding(for: key, in: [.requestTable]), let command = KeyValueTable.Command(binding.action) else {
            return .ignored
        }
        return perform(command)
    }
}

/// Sends each character of `text` as a key press.
private func type(_ text: String, into table: inout KeyValueTable) {
    for character in text { _ = table.press(.character(character)) }
}

/// The grid after drawing `table` in a grid of the given size; values of rows named "token" are secret.
private func rendered(_ table: KeyValueTable, width: Int, height: Int, focused: Bool = true) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    table.render(into: &grid, in: grid.bounds, theme: .standard, focused: focused, isSecret: { $0.name == "token" })
    return grid
}

/// Where `grid` shows the cursor, as [x, y].
private func cursorCell(_ grid: ScreenGrid) -> [Int]? {
    grid.cursor.map { [$0.x, $0.y] }
}

@Suite struct KeyValueTableTests {
    let sample = [
        KeyValue("page", "2"), KeyValue("limit", "10", enabled: false),
        KeyValue("token", "s3cret"), KeyValue("Accept", "{{env:TOKEN}}"),
    ]

    @Test func anEmptyTableShowsItsHeaderAndTheAddRow() {
        let table = KeyValueTable(rows: [])
        var grid = rendered(table, width: 40, height: 3)
        #expect(grid.lines == ["    Name         Value", "+ add", ""])
        #expect(grid[0, 1].style == Theme.standard.selection)
        #expect(grid[39, 1].style == Theme.standard.selection)
        grid = rendered(table, width: 40, height: 3, focused: false)
        #expect(grid[0, 1].style == Theme.standard.inactiveSelection)
        #expect(grid.cursor == nil)
    }

    @Test func rowsShowTheirBoxNameAndValueWithSecretsMasked() {
        let grid = rendered(KeyValueTable(rows: sample), width: 40, height: 6)
        #expect(grid.lines == [
            "    Name         Value",
            "[x] page         2",
            "[ ] limit        10",
            "[x] token        ••••",
            "[x] Accept       {{env:TOKEN}}",
            "+ add",
        ])
        #expect(!grid.contains("s3cret"))
        #expect(grid[4, 1].style == Theme.standard.selection)
        #expect(grid[4, 2].style.dim)
        #expect(!grid[4, 3].style.dim)
    }

    @Test func twentyColumnsCutNamesAndValues() {
        let table = KeyValueTable(rows: [KeyValue("Authorization", "Bearer abcdef"), KeyValue("中文名字です", "値")])
        let grid = rendered(table, width: 20, height: 4)
        #expect(grid.lines == ["    Name     Value", "[x] Authori… Bearer…", "[x] 中文名…  値", "+ add"])
    }

    @Test func oneColumnAndOneRowDrawWhatFits() {
        let table = KeyValueTable(rows: [KeyValue("a", "b")])
        #expect(rendered(table, width: 1, height: 3).lines == ["", "[", "+"])
        #expect(rendered(table, width: 40, height: 1).lines == ["[x] a            b"])
        #expect(rendered(table, width: 0, height: 0).lines == [])
    }

    @Test func addingARowNameTabValueEnter() {
        var table = KeyValueTable(rows: [])
        #expect(table.press(.enter) == .moved)
        #expect(table.editing?.column == .name)
        type("X-Trace", into: &table)
        #expect(table.rows.isEmpty)
        var grid = rendered(table, width: 40, height: 3)
        #expect(grid.lines == ["    Name         Value", "[x] X-Trace", "+ add"])
        #expect(cursorCell(grid) == [11, 1])
        #expect(table.press(.tab) == .edited)
        #expect(table.rows == [KeyValue("X-Trace", "")])
        #expect(table.editing?.column == .value)
        type("abc", into: &table)
        grid = rendered(table, width: 40, height: 3)
        #expect(cursorCell(grid) == [20, 1])
        #expect(table.press(.enter) == .edited)
        #expect(table.rows == [KeyValue("X-Trace", "abc")])
        #expect(table.editing == nil)
        #expect(table.selection == 0)
        #expect(rendered(table, width: 40, height: 3).cursor == nil)

        #expect(table.press(.character("a")) == .moved)
        #expect(table.selection == 1)
        type("q", into: &table)
        #expect(table.press(.tab) == .edited)
        #expect(table.press(.escape) == .moved)
        #expect(table.rows == [KeyValue("X-Trace", "abc"), KeyValue("q", "")])
    }

    @Test func escapeRestoresTheCell() {
        var table = KeyValueTable(rows: [KeyValue("a", "1")])
        _ = table.press(.character("e"))
        type("bc", into: &table)
        #expect(table.press(.escape) == .moved)
        #expect(table.rows == [KeyValue("a", "1")])
        #expect(table.editing == nil)

        _ = table.press(.enter)
        type("z", into: &table)
        _ = table.press(.tab)
        type("9", into: &table)
        _ = table.press(.escape)
        #expect(table.rows == [KeyValue("az", "1")])

        _ = table.press(.character("o"))
        type("new", into: &table)
        _ = table.press(.escape)
        #expect(table.rows == [KeyValue("az", "1")])
        #expect(table.selection == 0)
    }

    @Test func aNewRowLeftEmptyIsNotAdded() {
        var table = KeyValueTable(rows: [KeyValue("a", "1")])
        _ = table.press(.character("a"))
        #expect(table.press(.tab) == .moved)
        #expect(table.press(.enter) == .moved)
        #expect(table.rows == [KeyValue("a", "1")])
        _ = table.press(.character("O"))
        _ = table.press(.tab)
        type("only a value", into: &table)
        #expect(table.press(.enter) == .edited)
        #expect(table.rows == [KeyValue("", "only a value"), KeyValue("a", "1")])
    }

    @Test func movingWhileEditingCommitsTheCell() {
        var table = KeyValueTable(rows: [KeyValue("a", "1"), KeyValue("b", "2")])
        _ = table.press(.enter)
        type("!", into: &table)
        #expect(table.press(.down) == .edited)
        #expect(table.rows[0].name == "a!")
        #expect(table.selection == 1)
        #expect(table.editing == nil)
    }

    @Test func toggleDeleteAndReorderRows() {
        var table = KeyValueTable(rows: [KeyValue("a", "1"), KeyValue("b", "2"), KeyValue("c", "3")])
        #expect(table.press(.character("x")) == .edited)
        #expect(!table.rows[0].enabled)
        #expect(table.press(.character(" ")) == .edited)
        #expect(table.rows[0].enabled)
        #expect(table.press(.character("J")) == .edited)
        #expect(table.rows.map(\.name) == ["b", "a", "c"])
        #expect(table.selection == 1)
        #expect(table.press(.character("K")) == .edited)
        #expect(table.press(.character("K")) == .moved)
        #expect(table.rows.map(\.name) == ["a", "b", "c"])
        #expect(table.press(.character("G")) == .moved)
        #expect(table.selection == 2)
        _ = table.press(.character("j"))
        _ = table.press(.down)
        #expect(table.selection == 3)  // the "+ add" row
        #expect(table.press(.character("d")) == .moved)
        _ = table.press(.character("k"))
        #expect(table.press(.delete) == .edited)
        #expect(table.rows.map(\.name) == ["a", "b"])
        #expect(table.selection == 2)
        _ = table.press(.home)
        #expect(table.selection == 0)
        for key: Key in [.character("1"), .escape, .tab, .control("r"), .character("q")] {
            #expect(table.press(key) == .ignored, "\(key)")
        }
    }

    @Test func scrollsToKeepTheSelectionInView() {
        var table = KeyValueTable(rows: (0..<30).map { KeyValue("h\($0)", "v\($0)") })
        table.layout(height: 6)
        _ = table.press(.end)
        #expect(table.topRow == 25)
        var grid = rendered(table, width: 40, height: 6)
        #expect(grid.lines[1].hasPrefix("[x] h25"))
        #expect(grid.lines[5].hasPrefix("[x] h29"))
        _ = table.press(.down)
        grid = rendered(table, width: 40, height: 6)
        #expect(grid.lines[5] == "+ add")
        #expect(rendered(table, width: 40, height: 3).lines[2] == "+ add")  // smaller than laid out
    }

    @Test func pastesIntoTheCellBeingEdited() {
        var table = KeyValueTable(rows: [KeyValue("a", "1")])
        #expect(table.insert("x") == .ignored)
        _ = table.press(.enter)
        #expect(table.insert("-multi\nline") == .edited)
        _ = table.press(.enter)
        #expect(table.rows == [KeyValue("a-multi line", "1")])
    }

    @Test func secretValuesStayMaskedWhileEdited() {
        var table = KeyValueTable(rows: [KeyValue("token", "abc")])
        _ = table.press(.enter)
        _ = table.press(.tab)
        let grid = rendered(table, width: 40, height: 3)
        #expect(grid.lines[1] == "[x] token        •••")
        #expect(cursorCell(grid) == [20, 1])
    }
}
