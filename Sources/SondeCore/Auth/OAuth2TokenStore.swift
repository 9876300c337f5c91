import Foundation

/// Tokens kept on disk between runs, so that a second `sonde send` does not log in again: one
/// 0600 JSON file per collection, environment and client under `$XDG_STATE_HOME/sonde/oauth2`
/// (folder 0700). State, like the cookie jars: losing it costs a login, not work.
public struct OAuth2TokenStore: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// `$XDG_STATE_HOME/sonde/oauth2` when that is absolute, else `~/.local/state/sonde/oauth2`.
    public static func defaultFolder(environment: [String: String]) -> URL {
        CookieJarFile.defaultDirectory(environment: environment).deletingLastPathComponent()
            .appendingPathComponent("oauth2", isDirectory: true)
    }

    /// Whose token a file holds: the collection (its folder), the environment and the client.
    public struct Key: Sendable, Hashable {
        public var collection: String
        public var environment: String?
        public var tokenURL: String
        public var clientID: String
        public var grant: OAuth2Grant

        public init(collection: String, environment: String?, credentials: OAuth2ClientCredentials) {
            self.collection = collection
            self.environment = environment
            self.tokenURL = credentials.tokenURL.isEmpty ? credentials.issuer ?? "" : credentials.tokenURL
            self.clientID = credentials.clientID
            self.grant = credentials.grant
        }

        var fileName: String {
            "\(StableHash.hex([collection, environment ?? "", tokenURL, clientID, grant.rawValue].joined(separator: "\n").utf8)).json"
        }
    }

    /// One stored token, as the file holds it.
    public struct Record: Sendable, Codable, Equatable {
        public var collection: String
        public var environment: String?
        public var tokenURL: String
        public var clientID: String
        public var grant: String
        public var accessToken: String?
        public var refreshToken: String?
        public var expiresAt: Date?

        /// The access token while it has more than `margin` seconds left.
        public func usableAccessToken(now: Date, margin: Double = 0) -> String? {
            guard let accessToken else { return nil }
            if let expiresAt, expiresAt.timeIntervalSince(now) <= margin { return nil }
            return accessToken
        }
    }

    public func url(for key: Key) -> URL { folder.appendingPathComponent(key.fileName) }

    public func load(_ key: Key) -> Record? {
        guard let data = try? Data(contentsOf: url(for: key)) else { return nil }
        return try? Self.decoder.decode(Record.self, from: data)
    }

    /// Writes `token` for `key`, replacing what was there; the file 0600, its folder 0700.
    public func save(_ token: OAuth2Token, for key: Key, now: Date) throws {
        let record = Record(
            collection: key.collection, environment: key.environment, tokenURL: key.tokenURL, clientID: key.clientID,
            grant: key.grant.rawValue, accessToken: token.accessToken, refreshToken: token.refreshToken,
            expiresAt: token.expiresIn.map { now.addingTimeInterval($0) })
        try write(record, for: key)
    }

    /// Forgets the access token if it is still `token` (the API refused it), keeping the refresh token.
    public func dropAccessToken(_ key: Key, ifToken token: String) {
        guard var record = load(key), record.accessToken == token else { return }
        record.accessToken = nil
        if record.refreshToken == nil { _ = try? FileManager.default.removeItem(at: url(for: key)); return }
        try? write(record, for: key)
    }

    /// Every stored token, optionally only those of one collection and environment.
    public func list(collection: String? = nil, environment: String?? = nil) -> [(url: URL, record: Record)] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }.compactMap { file in
            guard let data = try? Data(contentsOf: file), let record = try? Self.decoder.decode(Record.self, from: data) else { return nil }
            if let collection, record.collection != collection { return nil }
            if let environment, record.environment != environment { return nil }
            return (file, record)
        }
    }

    private func write(_ record: Record, for key: Key) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = chmod(folder.path, 0o700)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(record), to: url(for: key), permissions: 0o600)
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
