/// The key tables printed for people: help, the palette's key column, status-bar hints and the
/// README's Markdown table. All read `KeyMap`, so what is printed is what the keys do.
extension KeyMap {
    /// One line of help: a binding's keys and title, or a heading (no keys).
    package struct HelpLine: Sendable, Equatable {
        package var keys: String
        package var title: String
    }

    /// Every context's bindings under its heading, for the help overlay.
    package static let helpLines: [HelpLine] = KeyContext.allCases.flatMap { context -> [HelpLine] in
        var lines = [HelpLine(keys: "", title: context.title)]
        lines += bindings(in: context).map { HelpLine(keys: $0.label, title: $0.title) }
        if context == .global { lines.append(HelpLine(keys: "Mouse", title: "Click focuses and selects; wheel scrolls")) }
        return lines + [HelpLine(keys: "", title: "")]
    }.dropLast()

    /// The keys that run `action` anywhere, for the palette: each stroke once, in table order
    /// (`Ctrl-O e` for the environment list: everywhere, and in the collections).
    package static func keyLabel(for action: AppAction) -> String {
        var strokes: [KeyStroke] = []
        for context in KeyContext.allCases {
            for binding in bindings(in: context) where binding.action == action {
                for stroke in binding.strokes where !strokes.contains(stroke) { strokes.append(stroke) }
            }
        }
        return strokes.map(\.label).joined(separator: " ")
    }

    /// The status-bar hints of `contexts`: the bindings flagged with a hint, in table order.
    package static func hints(in contexts: [KeyContext]) -> [String] {
        contexts.flatMap { bindings(in: $0).compactMap(\.hintText) }
    }

    /// The README's key table (`| Keys | Where | What |`), one row per binding. The README holds
    /// a copy between `<!-- keys:begin -->` and `<!-- keys:end -->`; a test keeps them equal and
    /// `sonde keys --markdown` prints it afresh.
    package static func markdownTable() -> String {
        var rows = ["| Keys | Where | What |", "|---|---|---|"]
        for context in KeyContext.allCases {
            for binding in bindings(in: context) {
                let keys = binding.strokes.map { "`\($0.label)`" }.joined(separator: " ")
                rows.append("| \(keys) | \(context.title) | \(binding.title) |")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
