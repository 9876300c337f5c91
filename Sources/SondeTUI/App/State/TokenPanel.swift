import Foundation
import SondeCore

/// The OAuth2 token panel: one row per collection, environment and token endpoint/client that
/// some request's OAuth2 auth (at any level) uses, with what is known of its token. Rows are
/// worked out in update when the panel opens (nothing is resolved while drawing); stored tokens
/// and fetches come back as events. Token values live here only to be masked or decoded by the
/// JWT inspector; they are never drawn.
package struct TokenPanel: Sendable, Equatable {
    /// What the panel knows of one client's token.
    package struct Row: Sendable, Equatable {
        package var collection: Int
        package var environment: String?
        /// Resolved for display; a secret part is shown masked.
        package var tokenURL: String
        package var clientID: String
        package var grant: String
        package var scopes: String
        /// The first request using this auth: what a fetch or a clear is prepared from.
        package var request: RequestReference
        package var token: String?
        package var expiresAt: Date?
        package var fetchedAt: Date?
        /// Seconds the last fetch took.
        package var lastDuration: Double?
        package var error: String?
        package var fetching = false
    }

    /// A token's state, by the cache's refresh rule: expiring inside 60 s or past half its life.
    package enum Status: String, Sendable, Equatable {
        case none, valid, expiring, expired, failed, fetching
    }

    package var rows: [Row]
    package var selection = 0

    package static func status(of row: Row, now: Date) -> Status {
        if row.fetching { return .fetching }
        if row.error != nil, row.token == nil { return .failed }
        guard row.token != nil else { return row.error == nil ? .none : .failed }
        guard let expiresAt = row.expiresAt else { return .valid }
        let left = expiresAt.timeIntervalSince(now)
        if left <= 0 { return .expired }
        let lifetime = row.fetchedAt.map { expiresAt.timeIntervalSince($0) }
        let margin = lifetime.map { min(OAuth2TokenCache<OAuth2Error>.refreshMargin, $0 / 2) } ?? OAuth2TokenCache<OAuth2Error>.refreshMargin
        return left <= margin ? .expiring : .valid
    }

    /// "in 4 min", "in 42 s", "2 min ago"; "—" without an expiry.
    package static func expiry(of row: Row, now: Date) -> String {
        guard row.token != nil else { return "—" }
        guard let expiresAt = row.expiresAt else { return "never said" }
        let left = expiresAt.timeIntervalSince(now)
        return left > 0 ? "in \(duration(left))" : "\(duration(-left)) ago"
    }

    package static func duration(_ seconds: Double) -> String {
        seconds < 120 ? "\(Int(seconds)) s" : seconds < 7200 ? "\(Int(seconds / 60)) min" : "\(Int(seconds / 3600)) h"
    }

    /// The rows of `collections`: every request × environment whose effective auth is OAuth2,
    /// one row per distinct token endpoint, client and grant. `{{cmd:}}` secrets are not run.
    package static func rows(collections: [RequestCollection], secretSources: (Int) -> SecretSource) -> [Row] {
        var rows: [Row] = []
        var seen = Set<[String]>()
        for (index, collection) in collections.enumerated() {
            var source = secretSources(index)
            source.runsCommands = false
            let environments: [Environment?] = collection.environments.isEmpty ? [nil] : collection.environments
            for environment in environments {
                let context = SendContext(collection: collection, environment: environment, secretSource: source)
                for request in collection.root.allRequests.sorted(by: { $0.id < $1.id }) where !collection.isOutline {
                    guard case .oauth2ClientCredentials(let credentials) = EffectiveAuth.resolve(request: request, in: collection, environment: environment).auth
                    else { continue }
                    var resolver = VariableResolver(scopes: context.variableScopes, secretSource: source)
                    func shown(_ text: String, _ usedIn: String) -> String {
                        let resolved = resolver.resolveTrackingSecrets(text, usedIn: usedIn)
                        return resolved.isSecret ? SecretSet.mask : TerminalSafeText.singleLine(resolved.value)
                    }
                    let tokenURL = shown(credentials.tokenURL.isEmpty ? credentials.issuer ?? "" : credentials.tokenURL, "oauth2 token_url")
                    let clientID = shown(credentials.clientID, "oauth2 client_id")
                    let identity = [String(index), environment?.name ?? "", tokenURL, clientID, credentials.grant.rawValue]
                    guard seen.insert(identity).inserted else { continue }
                    rows.append(Row(
                        collection: index, environment: environment?.name, tokenURL: tokenURL, clientID: clientID,
                        grant: credentials.grant.rawValue, scopes: credentials.scope.map { shown($0, "oauth2 scope") } ?? "—",
                        request: RequestReference(collection: index, requestID: request.id)))
                }
            }
        }
        return rows
    }
}

/// A fetch or a clear of one panel row's token: the row and the request (with its
/// collection, environment and secrets) its OAuth2 client is prepared from in the runner.
package struct TokenOrder: Sendable, Equatable {
    package var row: Int
    package var request: SavedRequest
    package var context: SendContext
}
