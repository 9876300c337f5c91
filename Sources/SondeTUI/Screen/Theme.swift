import SondeCore

/// The colours of every role on screen, in one place so panes agree and tests can name them.
/// Works on 8-colour terminals through `TerminalColor.eightColorFallback` in the backend.
package struct Theme: Sendable {
    package var text = TextStyle.plain
    package var muted = TextStyle(foreground: .gray)
    package var border = TextStyle(foreground: .darkGray)
    package var focusedBorder = TextStyle(foreground: .cyan)
    package var title = TextStyle(bold: true)
    package var selection = TextStyle(reverse: true)
    /// The selected row when its pane is not focused.
    package var inactiveSelection = TextStyle(background: .darkGray)
    package var tabActive = TextStyle(foreground: .cyan, bold: true, underline: true)
    package var tabInactive = TextStyle(foreground: .gray)
    package var statusBar = TextStyle(foreground: .white, background: .palette(236))
    package var error = TextStyle(foreground: .red, bold: true)
    package var warning = TextStyle(foreground: .yellow)
    package var success = TextStyle(foreground: .green)
    package var jsonKey = TextStyle(foreground: .palette(75))
    package var jsonString = TextStyle(foreground: .green)
    package var jsonNumber = TextStyle(foreground: .palette(215))
    package var jsonLiteral = TextStyle(foreground: .magenta)
    /// Braces, brackets, commas and colons of a JSON body being edited.
    package var jsonPunctuation = TextStyle(foreground: .gray)
    /// A `{{…}}` placeholder in a body being edited.
    package var placeholder = TextStyle(foreground: .cyan)
    package var searchMatch = TextStyle(foreground: .black, background: .yellow)
    package var secret = TextStyle(foreground: .yellow)
    package var dirty = TextStyle(foreground: .yellow, bold: true)

    package init() {}

    package static let standard = Theme()

    /// The badge colour of a method, as Postman and Posting colour them.
    package func method(_ method: HTTPMethod) -> TextStyle {
        let color: TerminalColor = switch method {
        case .GET: .green
        case .POST: .yellow
        case .PUT: .blue
        case .PATCH: .purple
        case .DELETE: .red
        case .HEAD, .OPTIONS: .cyan
        }
        return TextStyle(foreground: color, bold: true)
    }

    /// The colour of a status code by class: 2xx green, 3xx cyan, 4xx yellow, 5xx red.
    package func status(_ code: Int) -> TextStyle {
        let color: TerminalColor = switch code {
        case 200..<300: .green
        case 300..<400: .cyan
        case 400..<500: .yellow
        default: .red
        }
        return TextStyle(foreground: color, bold: true)
    }

    /// The bar colour of each timing phase in the waterfall.
    package func timingPhase(_ index: Int) -> TextStyle {
        let colors: [TerminalColor] = [.cyan, .yellow, .magenta, .blue, .green]
        return TextStyle(foreground: colors[index % colors.count])
    }
}
