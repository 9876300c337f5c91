import Foundation

/// Where an environment's cookie jar lives: one Netscape cookie file per collection and
/// environment, under `$XDG_STATE_HOME/sonde/cookies` (cookies are state, not data: losing
/// them costs a login, not work).
public enum CookieJarFile {
    /// `$XDG_STATE_HOME/sonde/cookies` when that is an absolute path (the XDG spec ignores
    /// relative ones), else `~/.local/state/sonde/cookies`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state, isDirectory: true).appendingPathComponent("sonde/cookies", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state/sonde/cookies", isDirectory: true)
    }

    /// `<collection>-<hash of its folder>-<environment>.txt`: the name for a person reading the
    /// folder, the hash so two collections of one name elsewhere on disk keep apart, and
    /// `default` for sends without an environment.
    public static func url(in folder: URL, collection: RequestCollection, environment: String?) -> URL {
        let name = "\(safe(collection.name))-\(StableHash.hex(collection.rootURL.standardizedFileURL.path.utf8))-\(safe(environment ?? "default")).txt"
        return folder.appendingPathComponent(name)
    }

    /// Creates an empty jar at `url` (mode 0600, its folder 0700) unless one is there: curl's
    /// `-c` creates a missing file with the umask's permissions (0644), and cannot create the folder.
    public static func createIfMissing(at url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AtomicFile.write(Data(CookieJarContents.header.utf8), to: url, permissions: 0o600)
    }

    private static func safe(_ text: String) -> String {
        let kept = text.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "_" || scalar == "." ? Character(scalar) : "_"
        }
        return kept.isEmpty ? "_" : String(kept)
    }
}
