/// Where each pane goes for a terminal size. Render and mouse handling both use it, so a click
/// lands on what is drawn there.
///
/// Wide terminals (≥ 70 columns) show the collections on the left and the request above the
/// response on the right. Narrow ones show only the focused pane, under a one-line pane switcher.
package struct AppLayout: Sendable, Equatable {
    package static let minimumWidth = 30
    package static let minimumHeight = 8
    static let sideBySideWidth = 70

    package var collections: Rect?
    package var request: Rect?
    package var response: Rect?
    /// The pane switcher of the narrow layout.
    package var paneBar: Rect?
    package var statusBar: Rect

    package static func compute(width: Int, height: Int, focus: Pane, hasRequest: Bool) -> AppLayout {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (main, status) = screen.splitRows(at: height - 1)
        if width >= sideBySideWidth {
            let treeWidth = min(40, max(24, width * 28 / 100))
            let (left, right) = main.splitColumns(at: treeWidth)
            let requestHeight = max(7, min(right.height / 2, right.height * 45 / 100))
            let (top, bottom) = right.splitRows(at: requestHeight)
            return AppLayout(collections: left, request: top, response: bottom, paneBar: nil, statusBar: status)
        }
        let (bar, body) = main.splitRows(at: 1)
        let shown: Pane = hasRequest ? focus : .collections
        return AppLayout(
            collections: shown == .collections ? body : nil,
            request: shown == .request ? body : nil,
            response: shown == .response ? body : nil,
            paneBar: bar, statusBar: status)
    }

    package func rect(of pane: Pane) -> Rect? {
        switch pane {
        case .collections: collections
        case .request: request
        case .response: response
        }
    }

    /// The pane under a screen cell.
    package func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { rect(of: $0)?.contains(x: x, y: y) ?? false }
    }
}

extension AppState {
    package var layout: AppLayout {
        AppLayout.compute(width: size.width, height: size.height, focus: focus, hasRequest: editor != nil)
    }
}
