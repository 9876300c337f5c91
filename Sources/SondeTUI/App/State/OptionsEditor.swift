import SondeCore

/// The Options tab of a request: a row per `OptionField`, the selection, and the value being typed.
///
/// The request's own options live in the draft (`RequestEditorState.draft.options`); this holds
/// only where the cursor is and the text of a row being edited, so the draft never holds a value
/// that failed its check.
package struct OptionsEditor: Sendable, Equatable {
    package var selection = 0
    /// The row's value being typed, or nil when browsing.
    package var editing: LineEditor?
    /// Why the last typed value was refused; shown under the rows until the next key.
    package var problem: String?
    /// The first row shown.
    package var topRow = 0

    package init() {}

    package var field: OptionField { OptionField.allCases[min(max(selection, 0), OptionField.allCases.count - 1)] }

    package mutating func move(by step: Int) {
        selection = min(max(selection + step, 0), OptionField.allCases.count - 1)
        problem = nil
    }

    /// Keeps the selection on screen in a view `height` rows high.
    package mutating func scroll(height: Int) {
        topRow = TextArea.top(keeping: selection, visibleFrom: topRow, height: max(1, height), lineCount: OptionField.allCases.count)
    }
}
