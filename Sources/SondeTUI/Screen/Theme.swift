import SondeCore

/// The colours of every role on screen, in one place so panes agree and tests can name them.
/// Works on 8-colour terminals through `TerminalColor.eightColorFallback` in the backend.
public struct Theme: Sendable {
    public var text = TextStyle.plain
    public var muted = TextStyle(foreground: .gray)
    public var border = TextStyle(foreground: .darkGray)
    public var focusedBorder = TextStyle(foreground: .cyan)
    public var title = TextStyle(bold: true)
    public var selection = TextStyle(reverse: true)
    /// The selected row when its pane is not focused.
    public var inactiveSelection = TextStyle(background: .darkGray)
    public var tabActive = TextStyle(foreground: .cyan, bold: true, underline: true)
    public var tabInactive = TextStyle(foreground: .gray)
    public var statusBar = TextStyle(foreground: .white, background: .palette(236))
    public var error = TextStyle(foreground: .red, bold: true)
    public var warning = TextStyle(foreground: .yellow)
    public var success = TextStyle(foreground: .green)
    public var jsonKey = TextStyle(foreground: .palette(75))
    public var jsonString = TextStyle(foreground: .green)
    public var jsonNumber = TextStyle(foreground: .palette(215))
    public var jsonLiteral = TextStyle(foreground: .magenta)
    public var searchMatch = TextStyle(foreground: .black, background: .yellow)
    public var secret = TextStyle(foreground: .yellow)
    public var dirty = TextStyle(foreground: .yellow, bold: true)

    public init() {}

    public static let standard = Theme()

    /// The badge colour of a method, as Postman and Posting colour them.
    public func method(_ method: HTTPMethod) -> TextStyle {
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
    public func status(_ code: Int) -> TextStyle {
        let color: TerminalColor = switch code {
        case 200..<300: .green
        case 300..<400: .cyan
        case 400..<500: .yellow
        default: .red
        }
        return TextStyle(foreground: color, bold: true)
    }

    /// The bar colour of each timing phase in the waterfall.
    public func timingPhase(_ index: Int) -> TextStyle {
        let colors: [TerminalColor] = [.cyan, .yellow, .magenta, .blue, .green]
        return TextStyle(foreground: colors[index % colors.count])
    }
}
