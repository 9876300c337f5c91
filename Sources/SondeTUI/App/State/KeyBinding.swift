/// One line of a key table: the strokes that run an action in one context.
///
/// The dispatcher, the help overlay, the command palette, the status-bar hints and the README's
/// key table all read these, so a key that works is a key that is documented (as
/// swift-argument-parser builds its help from the declarations it parses).
package struct KeyBinding: Sendable {
    /// Alternatives: any one of them runs the action (`↓` or `j`).
    package var strokes: [KeyStroke]
    package var action: AppAction
    /// What the action does in this context, when it says more than the action's title
    /// (`y` in a confirmation is "Yes", not "Choose").
    package var title: String
    /// A word or two for the status bar; bindings with one are the focused pane's hints.
    package var hint: String?

    package init(_ strokes: [KeyStroke], _ action: AppAction, _ title: String? = nil, hint: String? = nil) {
        self.strokes = strokes
        self.action = action
        self.title = title ?? action.title
        self.hint = hint
    }

    /// The strokes as help shows them: `↓ j`, `Ctrl-D PgDn`, `gg`.
    package var label: String { strokes.map(\.label).joined(separator: " ") }

    /// The status-bar hint: the first stroke and the hint word, e.g. `/ filter`.
    package var hintText: String? { hint.map { "\(strokes[0].label) \($0)" } }

    package func matches(_ key: Key) -> Bool { strokes.contains { $0.matches(key) } }
}
