import SondeCore

/// The Auth tab: draws `AppState.authPreview` (the auth the request will really use, where it
/// comes from, and what it sends), secret values masked unless revealed. The preview is prepared
/// in update, so drawing it reads no clock, random numbers or files.
enum AuthTabRenderer {
    static func render(_ state: AppState, in rect: Rect, into grid: inout ScreenGrid) {
        guard let preview = state.authPreview else { return }
        let theme = state.theme
        let labelWidth = min(8, rect.width / 3)
        var y = rect.y
        for line in preview.lines where y < rect.maxY {
            let value = state.isRevealingSecrets ? line.revealed ?? line.value : line.value
            let style = switch line.emphasis {
            case .title: theme.title
            case .plain: theme.text
            case .secret: theme.secret
            case .muted: theme.muted
            case .problem: theme.error
            }
            grid.write(DisplayWidth.pad(line.label, to: labelWidth), x: rect.x, y: y, style: theme.muted)
            grid.write(value, x: rect.x + labelWidth + 1, y: y, style: style, limit: rect.width - labelWidth - 1)
            y += 1
        }
        if y + 1 < rect.maxY {
            let edit = KeyMap.bindings(in: .requestAuth).map { "\($0.strokes[0].label) \($0.title.lowercased())" }.joined(separator: " · ")
            grid.write(DisplayWidth.truncate("\(edit) · Ctrl-T reveals secrets for 3 s", to: rect.width),
                       x: rect.x, y: y + 1, style: theme.muted)
        }
    }
}
