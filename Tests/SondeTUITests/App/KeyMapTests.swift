import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Help, the palette, the status bar and the README are printed from the key tables; these
/// tests hold each of them to every binding, so a key that works is a key that is documented.
@Suite("Key tables and what is printed from them")
struct KeyMapTests {
    /// The help overlay drawn on a screen tall enough to show every line at once.
    func helpScreenLines() throws -> [String] {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 100, height: KeyMap.helpLines.count + 6)
        state.press(.character("?"))
        return state.screen.lines
    }

    @Test("Every binding of every table is in help, under its context's heading, key and title in full")
    func everyBindingIsInHelp() throws {
        let lines = try helpScreenLines()
        // The key column is 20 wide at this size; a label or title cut short fails here.
        let keyWidth = 20
        for context in KeyContext.allCases {
            let heading = try #require(lines.firstIndex { $0.contains("│ \(context.title) ") }, "no heading \(context.title)")
            for binding in KeyMap.bindings(in: context) {
                let text = DisplayWidth.pad(binding.label, to: keyWidth) + " " + binding.title
                let row = lines[heading...].firstIndex { $0.contains("│ " + text + " ") }
                #expect(row != nil, "help lacks \"\(binding.label)  \(binding.title)\" under \(context.title)")
                // …and before the next context's heading.
                if let row, let next = KeyContext.allCases.drop(while: { $0 != context }).dropFirst().first,
                   let nextHeading = lines.firstIndex(where: { $0.contains("│ \(next.title) ") }) {
                    #expect(row < nextHeading, "\(binding.label) is listed outside \(context.title)")
                }
            }
        }
    }

    @Test("A binding left out of help is caught: the help line model has one line per binding")
    func helpLineModelMatchesTheTables() {
        var expected: [KeyMap.HelpLine] = []
        for context in KeyContext.allCases {
            expected.append(KeyMap.HelpLine(keys: "", title: context.title))
            expected += KeyMap.bindings(in: context).map { KeyMap.HelpLine(keys: $0.label, title: $0.title) }
        }
        let bindingLines = KeyMap.helpLines.filter { !$0.title.isEmpty && $0.keys != "Mouse" }
        #expect(bindingLines == expected)
    }

    @Test("L and A (next page, all pages) and both meanings of e are in help")
    func formerlyMissingKeysAreDocumented() throws {
        let text = try helpScreenLines().joined(separator: "\n")
        func line(_ keys: String, _ title: String) -> String { "│ " + DisplayWidth.pad(keys, to: 20) + " " + title }
        #expect(text.contains(line("L", "Next page (a request with paginate:)")))
        #expect(text.contains(line("A", "All pages (a request with paginate:)")))
        #expect(text.contains(line("e", "Switch environment")))
        #expect(text.contains(line("e Enter", "Edit the row")))
        // `e` is no longer claimed for the environment everywhere.
        #expect(!KeyMap.bindings(in: .global).contains { $0.strokes.contains(.key(.character("e"))) })
        #expect(KeyMap.keyLabel(for: .nextPage) == "L")
        #expect(KeyMap.keyLabel(for: .allPages) == "A")
    }

    @Test("Help scrolls to its last line and no further")
    func helpScrolls() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 80, height: 24)
        state.press(.character("?"))
        for _ in 0..<40 { state.press(.pageDown) }
        let last = try #require(KeyMap.helpLines.last)
        #expect(state.screen.lines.contains { $0.contains(last.title) })
        #expect(state.overlay != nil)
    }

    @Test("The README's key table is the generated one (regenerate with `sonde keys --markdown`)")
    func readmeTableIsGenerated() throws {
        let readme = try String(contentsOf: TestWorkspace.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- keys:end -->", range: begin.upperBound..<readme.endIndex))
        let table = String(readme[begin.upperBound..<end.lowerBound])
        #expect(table == KeyMap.markdownTable(), "README.md's key table differs: run `sonde keys --markdown` and paste it between the markers")
        #expect(table.hasPrefix("| Keys | Where | What |\n|---|---|---|\n"))
        #expect(table.contains("| `L` | Response, any tab | Next page (a request with paginate:) |"))
    }

    @Test("The palette shows each command with the keys the tables bind to it")
    func paletteKeysComeFromTheTables() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 100, height: 60)
        state.press(.control("p"))
        let lines = state.screen.lines
        for action in AppAction.commands {
            let keys = KeyMap.keyLabel(for: action)
            #expect(!keys.isEmpty, "\(action) has no key")
            let row = lines.first { $0.contains("│ \(action.title) ") }
            #expect(row?.contains(" \(keys) │") == true, "palette row for \(action.title) should end with \(keys): \(row ?? "none")")
        }
        #expect(KeyMap.keyLabel(for: .switchEnvironment) == "Ctrl-O e")
        #expect(KeyMap.keyLabel(for: .quit) == "Ctrl-Q Ctrl-C q")
    }

    @Test("Status-bar hints are the focused context's flagged bindings")
    func statusBarHints() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 120, height: 40)
        /// The whole status line: the environment on the left, the hints against the right edge.
        func statusLine(_ hints: String) -> String {
            " env: local" + String(repeating: " ", count: 119 - 11 - DisplayWidth.of(hints)) + hints
        }
        #expect(state.screen.line(39) == statusLine("Enter send · / filter · n new · R run · ? help"))
        state.select("Users", "List users")
        state.focus = .request
        // In the URL `?` types a question mark, so the bar does not offer it.
        #expect(state.screen.line(39) == statusLine("Enter edit · Esc tabs · ? help"))
        state.press(.enter)
        #expect(state.screen.line(39) == statusLine("Enter send · Esc done"))
        state.press(.down, .down)
        #expect(state.keyContexts == [.requestTable, .outsideText])
        #expect(state.screen.line(39) == statusLine("e edit · a add · d delete · ? help"))
        state.press(.control("p"))
        #expect(state.screen.line(39) == statusLine("Enter run · Esc close"))
    }

    @Test("No stroke is bound twice in one table, and every hint is short")
    func tablesAreWellFormed() {
        for context in KeyContext.allCases {
            let strokes = KeyMap.bindings(in: context).flatMap(\.strokes)
            #expect(Set(strokes).count == strokes.count, "a stroke is bound twice in \(context)")
            for binding in KeyMap.bindings(in: context) {
                #expect(!binding.strokes.isEmpty)
                #expect((binding.hint ?? "").count <= 8, "hint too long: \(binding.hint ?? "")")
            }
        }
    }
}
