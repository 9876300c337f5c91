import Foundation
import SondeCore

extension AppState {
    /// Opens the OAuth2 token panel on every client the collections' OAuth2 auth uses, and asks
    /// the runner for the tokens kept on disk for them.
    mutating func openTokenPanel() -> [AppEffect] {
        let rows = TokenPanel.rows(collections: collections, secretSources: { self.secretSource(for: $0) })
        guard !rows.isEmpty else {
            show("No request uses OAuth2 auth", .info)
            return []
        }
        // What this session already fetched stays on the rows it belongs to.
        var panel = TokenPanel(rows: rows)
        if case .tokenPanel(let open) = overlay { panel.selection = min(open.selection, rows.count - 1) }
        for (index, row) in panel.rows.enumerated() {
            if let known = tokenPanelMemory?.rows.first(where: { $0.sameClient(as: row) }) { panel.rows[index] = known.with(request: row.request) }
        }
        tokenPanelMemory = panel
        overlay = .tokenPanel(panel)
        return [.loadStoredTokens(panel.rows.indices.compactMap { tokenOrder(for: $0, in: panel) })]
    }

    mutating func performInTokenPanel(_ action: AppAction, _ panel: TokenPanel) -> [AppEffect] {
        var panel = panel
        guard panel.rows.indices.contains(panel.selection) else {
            overlay = nil
            return []
        }
        switch action {
        case .moveDown: panel.selection = min(panel.selection + 1, panel.rows.count - 1)
        case .moveUp: panel.selection = max(0, panel.selection - 1)
        case .fetchToken:
            guard !panel.rows[panel.selection].fetching, let order = tokenOrder(for: panel.selection, in: panel) else { return [] }
            panel.rows[panel.selection].fetching = true
            overlay = .tokenPanel(panel)
            tokenPanelMemory = panel
            return [.fetchToken(order)]
        case .clearToken:
            guard let order = tokenOrder(for: panel.selection, in: panel) else { return [] }
            return [.clearToken(order)]
        case .inspectJWT:
            let row = panel.rows[panel.selection]
            guard let token = row.token, let inspection = JWTInspection(token),
                  let inspector = JWTInspector(tokens: [.init(source: "OAuth2 token, \(row.environment ?? "no environment")", inspection: inspection)])
            else {
                show(row.token == nil ? "No token on this row" : "This token is not a JWT", .info)
                return []
            }
            overlay = .jwt(inspector)
            return []
        default:
            overlay = nil
            return []
        }
        overlay = .tokenPanel(panel)
        return []
    }

    /// The order a fetch or clear of `row` is prepared from: its request as saved, in its environment.
    func tokenOrder(for row: Int, in panel: TokenPanel) -> TokenOrder? {
        let reference = panel.rows[row].request
        guard collections.indices.contains(reference.collection), let request = savedRequest(reference) else { return nil }
        var context = sendContext(for: reference.collection)
        context.environment = panel.rows[row].environment.flatMap { collections[reference.collection].environment(named: $0) }
        return TokenOrder(row: row, request: request, context: context)
    }

    mutating func storedTokensLoaded(_ records: [Int: OAuth2TokenStore.Record]) {
        updateTokenRows { index, row in
            guard row.token == nil, !row.fetching, let record = records[index], let token = record.accessToken else { return }
            row.token = token
            row.expiresAt = record.expiresAt
        }
    }

    mutating func tokenFetched(_ index: Int, _ result: Result<OAuth2Token, AppFailure>, requestedAt: Date, duration: Double) {
        let failure: AppFailure? = if case .failure(let failure) = result { failure } else { nil }
        defer { loginEnded(.tokenRow(index), failure: failure?.message, cancelled: failure == .loginCancelled) }
        updateTokenRows { rowIndex, row in
            guard rowIndex == index else { return }
            row.fetching = false
            row.lastDuration = duration
            switch result {
            case .success(let token):
                row.token = token.accessToken
                row.expiresAt = token.expiresIn.map { requestedAt.addingTimeInterval($0) }
                row.fetchedAt = requestedAt
                row.error = nil
            case .failure(let failure):
                // A login cancelled in its dialog says nothing about the token.
                if failure != .loginCancelled { row.error = failure.message }
            }
        }
    }

    mutating func tokenCleared(_ index: Int, _ failure: AppFailure?) {
        if let failure { show(failure.message, .error) }
        updateTokenRows { rowIndex, row in
            guard rowIndex == index, failure == nil else { return }
            row.token = nil
            row.expiresAt = nil
            row.fetchedAt = nil
            row.error = nil
        }
        if failure == nil { show("Token cleared", .info) }
    }

    /// Changes the rows of the open panel, or of the one last open (a fetch may end after the
    /// panel was closed), and remembers them for the next time it opens.
    private mutating func updateTokenRows(_ change: (Int, inout TokenPanel.Row) -> Void) {
        if case .tokenPanel(var panel) = overlay {
            for index in panel.rows.indices { change(index, &panel.rows[index]) }
            overlay = .tokenPanel(panel)
            tokenPanelMemory = panel
        } else if var panel = tokenPanelMemory {
            for index in panel.rows.indices { change(index, &panel.rows[index]) }
            tokenPanelMemory = panel
        }
    }
}

extension TokenPanel.Row {
    func sameClient(as other: TokenPanel.Row) -> Bool {
        collection == other.collection && environment == other.environment && tokenURL == other.tokenURL && clientID == other.clientID
            && grant == other.grant
    }

    func with(request: RequestReference) -> TokenPanel.Row {
        var row = self
        row.request = request
        row.fetching = false
        return row
    }
}
