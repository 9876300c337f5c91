import Foundation
import SondeCore

/// The JWT inspector: the tokens found in a response and the one shown, its header and claims
/// as a foldable JSON tree under a summary of the usual claims. What is shown is decoded, never
/// verified, and the overlay says so.
package struct JWTInspector: Sendable, Equatable {
    package struct Token: Sendable, Equatable {
        /// Where it was found: "body at the cursor", "header Authorization", "body".
        package var source: String
        package var inspection: JWTInspection
    }

    package var tokens: [Token]
    package private(set) var index = 0
    /// `{"header": …, "claims": …}` of the token shown.
    package private(set) var view: JSONTreeView

    /// Nil when there is no token to show.
    package init?(tokens: [Token]) {
        guard let first = tokens.first, let view = Self.view(of: first.inspection) else { return nil }
        self.tokens = tokens
        self.view = view
    }

    package var current: Token { tokens[index] }

    /// The lines above the tree: the summary and one line for which token this is.
    package func summaryCount(now: Date) -> Int { current.inspection.summary(now: now, timeZone: .gmt).count + 1 }

    /// Rows left for the tree in a dialog as tall as the screen allows: the frame, the summary,
    /// a blank line and the hint line are taken first.
    package static func treeHeight(screenHeight: Int, summaryCount: Int) -> Int {
        max(1, screenHeight - 1 - 2 - summaryCount - 2)
    }

    package mutating func perform(_ action: AppAction, treeHeight: Int) {
        switch action {
        case .moveDown: view.moveCursor(by: 1)
        case .moveUp: view.moveCursor(by: -1)
        case .toggleFold: view.toggleFold()
        case .nextMatch, .previousMatch:
            guard tokens.count > 1 else { return }
            let step = action == .nextMatch ? 1 : tokens.count - 1
            index = (index + step) % tokens.count
            if let view = Self.view(of: current.inspection) { self.view = view }
        default: return
        }
        view.keepCursorVisible(height: treeHeight)
    }

    private static func view(of inspection: JWTInspection) -> JSONTreeView? {
        let text = "{\"header\": \(inspection.headerJSON), \"claims\": \(inspection.claimsJSON)}"
        return (try? JSONTree(text: text)).map(JSONTreeView.init)
    }

    package static func == (a: JWTInspector, b: JWTInspector) -> Bool {
        a.tokens == b.tokens && a.index == b.index && a.view.cursor == b.view.cursor && a.view.top == b.view.top
            && a.view.folds == b.view.folds
    }
}

extension AppState {
    /// Opens the JWT inspector on the tokens of the open response: the string at the JSON
    /// cursor first, then any in the headers, then any in the body. Masked secrets are not
    /// JWT-shaped any more, so a secret token is never decoded onto the screen from here.
    mutating func inspectJWT() {
        guard let reference = editor?.reference, let response = responses[reference], let document = response.document else {
            show("No response to look for a JWT in", .info)
            return
        }
        var tokens: [JWTInspector.Token] = []
        func add(_ found: [String], from source: String) {
            for token in found where !tokens.contains(where: { $0.inspection == JWTInspection(token) }) {
                if let inspection = JWTInspection(token) { tokens.append(.init(source: source, inspection: inspection)) }
            }
        }
        if response.tab == .body, let view = response.body.json, response.body.showsTree,
           let text = view.tree.string(of: view.cursor.node) {
            add(JWTInspection.tokens(in: text), from: "body at the cursor")
        }
        for header in document.response.headers {
            add(JWTInspection.tokens(in: header.value), from: "header \(TerminalSafeText.singleLine(header.name))")
        }
        add(JWTInspection.tokens(in: String(decoding: document.bodyBytes.prefix(JWTInspection.scanLimit), as: UTF8.self)), from: "body")
        guard let inspector = JWTInspector(tokens: tokens) else {
            show("No JWT in this response", .info)
            return
        }
        overlay = .jwt(inspector)
    }
}
