import SondeCore

/// The Body tab for the kinds that are not text: the form and multipart tables and the file
/// body's path, each under a line naming the kind (`t` changes it) or what is wrong.
enum BodyTabRenderer {
    static func render(_ state: AppState, _ editor: RequestEditorState, in rect: Rect, focused: Bool, into grid: inout ScreenGrid) {
        let theme = state.theme
        guard !rect.isEmpty else { return }
        let base = editor.saved.fileURL.deletingLastPathComponent()
        func problem(_ path: String) -> String? { editor.pathProblems[PathToCheck(path, base: base)] }
        let kindKey = KeyMap.keyLabel(for: .cycleBodyKind)
        let table = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        var heading: String
        var headingStyle = theme.title
        switch editor.bodyKind {
        case .form:
            heading = "Form, URL-encoded · \(kindKey) changes the kind"
            editor.form.render(into: &grid, in: table, theme: theme, focused: focused, isSecret: { _ in false })
        case .multipart:
            heading = "Multipart · a value is text, or @file, with ;type=… · \(kindKey) changes the kind"
            let missing = editor.draft.body.multipartFiles.compactMap(problem)
            if let first = missing.first {
                heading = missing.count == 1 ? "⚠ \(first)" : "⚠ \(first) (and \(missing.count - 1) more)"
                headingStyle = theme.error
            }
            editor.multipart.render(into: &grid, in: table, theme: theme, focused: focused, isSecret: { _ in false }, isProblem: { row in
                let field = MultipartRowText.field(row)
                return field.isFile && problem(field.value) != nil
            })
        case .file:
            heading = "File body · path from the request file's folder · \(kindKey) changes the kind"
            renderFile(editor, problem: problem(editor.filePath.text), in: table, focused: focused, theme: theme, into: &grid)
        case .none, .json, .text:
            return
        }
        grid.write(DisplayWidth.truncate(TerminalSafeText.make(heading), to: rect.width), x: rect.x, y: rect.y, style: headingStyle, limit: rect.width)
    }

    private static func renderFile(_ editor: RequestEditorState, problem: String?, in rect: Rect, focused: Bool, theme: Theme, into grid: inout ScreenGrid) {
        guard rect.height >= 1 else { return }
        let label = "path  "
        grid.write(label, x: rect.x, y: rect.y, style: theme.muted, limit: rect.width)
        let field = Rect(x: rect.x + label.count, y: rect.y, width: max(0, rect.width - label.count), height: 1)
        editor.filePath.render(into: &grid, in: field, style: theme.text.underlined, focused: focused && editor.isEditing)
        if focused, !editor.isEditing { grid.restyle(field) { $0.reversed } }
        guard rect.height >= 2 else { return }
        grid.write("type  " + (editor.fileContentType ?? "application/octet-stream (default)"), x: rect.x, y: rect.y + 1,
                   style: editor.fileContentType == nil ? theme.muted : theme.text, limit: rect.width)
        guard rect.height >= 3 else { return }
        if editor.filePath.text.isEmpty {
            grid.write("No path yet: Enter to type one", x: rect.x, y: rect.y + 2, style: theme.muted, limit: rect.width)
        } else if let problem {
            grid.write(DisplayWidth.truncate("⚠ " + TerminalSafeText.make(problem), to: rect.width), x: rect.x, y: rect.y + 2, style: theme.error, limit: rect.width)
        }
    }
}

extension RequestBody {
    /// The paths of a multipart body's file parts, in order.
    var multipartFiles: [String] {
        guard case .multipart(let parts) = self else { return [] }
        return parts.filter(\.isFile).map(\.value)
    }
}
