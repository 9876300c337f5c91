import ArgumentParser
import Foundation
import SondeCore
import SondeHTTP

/// `sonde auth status|login|logout`: the OAuth2 tokens sends keep on disk (`OAuth2TokenStore`).
struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Show, get or forget the OAuth2 tokens kept under $XDG_STATE_HOME/sonde/oauth2.",
        discussion: """
            Tokens from the authorization_code and device_code grants, and any refresh token, are kept per collection, environment and client (0600 files), so the next send does not log in again.
            """,
        subcommands: [AuthStatusCommand.self, AuthLoginCommand.self, AuthLogoutCommand.self],
        defaultSubcommand: AuthStatusCommand.self)

    static var store: OAuth2TokenStore {
        OAuth2TokenStore(folder: OAuth2TokenStore.defaultFolder(environment: ProcessInfo.processInfo.environment))
    }

    /// The request's OAuth2 preparation (its collection, environment and resolved client), or a clear error.
    static func prepare(_ request: String, location: CollectionOptions) throws -> Preparation {
        let located = try CollectionLocator.locate(request, in: location.collectionsURL)
        let loaded = CollectionLoader.load(from: located.collectionRoot, onlyRequest: located.requestID)
        guard let saved = loaded.collection.request(id: located.requestID) else {
            throw ValidationError(SendCommand.noRequestMessage(located.requestID, in: loaded.collection))
        }
        var environment: Environment?
        if let name = location.env {
            switch SendCommand.environment(named: name, in: loaded) {
            case .success(let found): environment = found
            case .failure(let missing): throw ValidationError(missing.message)
            }
        }
        let errors = loaded.collection.problems(affecting: saved, environment: environment, among: loaded.problems).filter { !$0.isWarning }
        if !errors.isEmpty { throw ValidationError(errors.map(\.description).joined(separator: "\n")) }
        let context = SendContext(
            collection: loaded.collection, environment: environment,
            secretSource: SendCommand.secretSource(for: located.collectionRoot))
        let preparation: Preparation
        do { preparation = try RequestPreparer.prepare(saved, in: context) } catch { throw ValidationError(error.description) }
        guard preparation.pendingOAuth2 != nil else { throw ValidationError("\(request) does not use OAuth2 (its auth is \(preparation.auth.auth.kind), from \(preparation.auth.source))") }
        return preparation
    }
}

/// `sonde auth status`: the kept tokens, masked, with when they expire.
struct AuthStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "List the kept OAuth2 tokens (masked) and when they expire.")

    @OptionGroup var location: CollectionOptions

    func run() throws {
        let root = location.collectionsURL.path
        let records = AuthCommand.store.list().map(\.record).filter { record in
            (record.collection == root || record.collection.hasPrefix(root + "/")) && (location.env == nil || record.environment == location.env)
        }
        guard !records.isEmpty else {
            print("no OAuth2 tokens kept for \(TerminalSafeText.singleLine(root))")
            return
        }
        let now = Date()
        var rows = [["COLLECTION", "ENV", "CLIENT", "GRANT", "ACCESS TOKEN", "EXPIRES", "REFRESH"]]
        for record in records {
            let expires: String = if record.accessToken == nil { "-" } else if let at = record.expiresAt {
                at > now ? "in \(Self.duration(at.timeIntervalSince(now)))" : "expired"
            } else { "never said" }
            rows.append([
                URL(fileURLWithPath: record.collection).lastPathComponent, record.environment ?? "-", record.clientID, record.grant,
                record.accessToken.map { _ in SecretSet.mask } ?? "-", expires, record.refreshToken == nil ? "no" : SecretSet.mask,
            ].map(TerminalSafeText.singleLine))
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 120 ? "\(Int(seconds)) s" : seconds < 7200 ? "\(Int(seconds / 60)) min" : "\(Int(seconds / 3600)) h"
    }
}

/// `sonde auth login REQUEST`: runs the request's grant now, whatever is kept, and keeps the token.
struct AuthLoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login", abstract: "Log in for a request's OAuth2 auth now and keep the token.")

    @Argument(help: "The request whose auth to log in with: <collection>/<path>.")
    var request: String

    @OptionGroup var location: CollectionOptions

    func run() async throws {
        let preparation = try AuthCommand.prepare(request, location: location)
        let cancellation = CancellationFlag()
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.stop() }
        do throws(SendError) {
            _ = try await SendCommand.sender(transport: CurlTransport()).login(preparation, cancellation: cancellation)
        } catch {
            StandardError.write("error: \(TerminalSafeText.make(error.description))\n")
            throw ExitCode(Int32(SendExitCode(error).rawValue))
        }
        print("logged in; the token is kept for \(TerminalSafeText.singleLine(request))\(location.env.map { " (--env \($0))" } ?? "")")
    }
}

/// `sonde auth logout [REQUEST]`: forgets the kept tokens of one request's client, or all of the collections'.
struct AuthLogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Forget kept OAuth2 tokens (one request's, or all under --collections).")

    @Argument(help: "The request whose token to forget; without it, every token of the collections (and --env).")
    var request: String?

    @OptionGroup var location: CollectionOptions

    func run() throws {
        let store = AuthCommand.store
        var removed = 0
        if let request {
            let preparation = try AuthCommand.prepare(request, location: location)
            if let owner = preparation.oauth2Owner, let credentials = preparation.pendingOAuth2 {
                let url = store.url(for: OAuth2TokenStore.Key(collection: owner.collection, environment: owner.environment, credentials: credentials))
                if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
            }
        } else {
            let root = location.collectionsURL.path
            for (url, record) in store.list() where (record.collection == root || record.collection.hasPrefix(root + "/"))
                && (location.env == nil || record.environment == location.env) {
                if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
            }
        }
        print(removed == 0 ? "no OAuth2 token kept; nothing to forget" : "forgot \(removed) OAuth2 token\(removed == 1 ? "" : "s")")
    }
}
