import Foundation
import SondeCore

/// The token panel's effects, off the UI loop: reading the token store, running a grant
/// through the sender (`RequestSender.login`, the code `sonde auth login` runs; a browser or
/// device login shows in the login dialog) and forgetting a token in the sender's cache and on
/// disk (as `sonde auth logout REQUEST` does).
enum TokenPanelWork {
    /// `cancellation`: the flag Esc in the login dialog raises to stop a fetch.
    static func run(_ effect: AppEffect, on background: BackgroundWork, cancellation: CancellationFlag? = nil) {
        switch effect {
        case .loadStoredTokens(let orders):
            background.start { work in
                guard let store = work.services.sender.tokenStore else { return }
                var records: [Int: OAuth2TokenStore.Record] = [:]
                for order in orders {
                    if let key = try? storeKey(order), let record = store.load(key) { records[order.row] = record }
                }
                work.post(.storedTokensLoaded(records))
            }
        case .fetchToken(let order):
            background.start { work in
                let requestedAt = Date()
                let started = ContinuousClock.now
                let result: Result<OAuth2Token, AppFailure>
                do throws(AppFailure) {
                    let preparation = try prepare(order)
                    let token: OAuth2Token?
                    do throws(SendError) {
                        token = try await work.sender(loggingInFor: .tokenRow(order.row)).login(preparation, cancellation: cancellation)
                    } catch {
                        if error.isCancelled { throw AppFailure.loginCancelled }
                        throw AppFailure(preparation.request.secrets.redact(TerminalSafeText.singleLine(error.description)))
                    }
                    guard let token else { throw AppFailure("the request does not use OAuth2") }
                    result = .success(token)
                } catch {
                    result = .failure(error)
                }
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                work.post(.tokenFetched(row: order.row, result, requestedAt: requestedAt, duration: seconds))
            }
        case .clearToken(let order):
            background.start { work in
                do throws(AppFailure) {
                    let preparation = try prepare(order)
                    guard let credentials = preparation.pendingOAuth2 else { throw AppFailure("the request does not use OAuth2") }
                    await work.services.sender.tokenCache.invalidate(credentials)
                    if let store = work.services.sender.tokenStore, let owner = preparation.oauth2Owner {
                        let url = store.url(for: OAuth2TokenStore.Key(collection: owner.collection, environment: owner.environment, credentials: credentials))
                        if FileManager.default.fileExists(atPath: url.path) {
                            do { try FileManager.default.removeItem(at: url) } catch {
                                throw AppFailure("Not cleared: \(FileErrorText.describe(error))")
                            }
                        }
                    }
                    work.post(.tokenCleared(row: order.row, nil))
                } catch {
                    work.post(.tokenCleared(row: order.row, error))
                }
            }
        default:
            return
        }
    }

    private static func prepare(_ order: TokenOrder) throws(AppFailure) -> Preparation {
        do { return try RequestPreparer.prepare(order.request, in: order.context) } catch {
            throw AppFailure(TerminalSafeText.singleLine(error.description))
        }
    }

    /// Where the store keeps the row's token; preparing resolves the client (secrets included,
    /// as a send would; `{{cmd:}}` is not run for a mere look).
    private static func storeKey(_ order: TokenOrder) throws(AppFailure) -> OAuth2TokenStore.Key? {
        var order = order
        order.context.secretSource.runsCommands = false
        let preparation = try prepare(order)
        guard let credentials = preparation.pendingOAuth2, let owner = preparation.oauth2Owner else { return nil }
        return OAuth2TokenStore.Key(collection: owner.collection, environment: owner.environment, credentials: credentials)
    }
}
