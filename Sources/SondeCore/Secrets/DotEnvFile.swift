import Foundation

/// Writes one secret into a collection's `.env`, the only file a secret value may reach.
///
/// The file is 0600 (new or not: it holds secrets), its other lines and comments stay as they
/// were, and a line that sets the same name is replaced in place (every such line: `DotEnv.parse`
/// lets the last one win, and an older copy left behind would be a stale secret on disk). `.env`
/// is made git-ignored when no `.gitignore` from the collection up to its repository says so.
public enum DotEnvFile {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// What `set` did besides writing the value.
    public struct Outcome: Sendable, Equatable {
        /// The `.gitignore` that got a `.env` line, when one was needed.
        public var ignoredIn: URL?
    }

    /// Sets `name` to `value` in the `.env` of the collection at `root`.
    @discardableResult
    public static func set(_ name: String, to value: String, in root: URL) throws(Failure) -> Outcome {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !(name.first?.isNumber ?? true) else {
            throw Failure(description: "invalid secret name \"\(name)\": .env names are letters, digits and _, not starting with a digit")
        }
        guard !value.isEmpty else { throw Failure(description: "an empty value: nothing written to .env") }
        let url = root.appendingPathComponent(ImportPlan.dotEnv)
        let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let text = replacing(name, with: "\(name)=\(ImportPlan.dotEnvValue(value))", in: existing)
        guard DotEnv.parse(text)[name] == value else {
            throw Failure(description: "this value cannot be written to .env so that it reads back the same (a quote with a newline?)")
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: url, permissions: 0o600)
        } catch {
            throw Failure(description: "cannot write .env: \(FileErrorText.reason(of: error))")
        }
        return Outcome(ignoredIn: try ensureIgnored(root))
    }

    /// `text` with the lines setting `name` replaced by `line` (at the first one), or `line` added.
    static func replacing(_ name: String, with line: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var placed = false
        lines = lines.compactMap { existing in
            guard DotEnv.parse(existing).keys.contains(name) else { return existing }
            if placed { return nil }
            placed = true
            return line
        }
        if !placed { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Adds `.env` to the collection's `.gitignore` unless a `.gitignore` in it or a folder above
    /// it (up to the repository's root) ignores it already. Returns the file changed, if any.
    static func ensureIgnored(_ root: URL) throws(Failure) -> URL? {
        var folder = root.standardizedFileURL
        while true {
            let ignore = (try? String(contentsOf: folder.appendingPathComponent(ImportPlan.gitignore), encoding: .utf8)) ?? ""
            // A pattern with a leading slash holds only in its own folder.
            let here = folder == root.standardizedFileURL
            if here ? ImportPlan.ignoresDotEnv(ignore) : ImportPlan.ignoresDotEnv(ignore.split(separator: "\n").filter { !$0.hasPrefix("/") }.joined(separator: "\n")) {
                return nil
            }
            let parent = folder.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) || parent.path == folder.path || folder.path == "/" { break }
            folder = parent
        }
        let url = root.appendingPathComponent(ImportPlan.gitignore)
        let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + ".env\n"
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw Failure(description: "wrote .env, but cannot add it to .gitignore: \(FileErrorText.reason(of: error))")
        }
        return url
    }
}
