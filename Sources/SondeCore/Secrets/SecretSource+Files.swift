import Foundation

/// `{{file:PATH}}`: a secret kept in a file, as Docker and Kubernetes mount them.
extension SecretSource {
    /// The most a secret file may hold: a token or a key, not a body (that is `body: {type: file}`).
    public static let maximumSecretFileBytes = 64 * 1024

    /// The file's content with its trailing line breaks trimmed (as `$(cat PATH)` gives it), and
    /// the file's absolute path. A relative path is below the collection root and must stay in
    /// it once `..` and symbolic links are resolved: a cloned collection cannot read `~/.ssh`.
    public func fileValue(_ path: String) -> Result<(value: String, path: String), SecretSourceProblem> {
        let url: URL
        if path.hasPrefix("/") {
            url = URL(fileURLWithPath: path)
        } else {
            guard let collectionRoot else { return .failure(SecretSourceProblem("a relative path needs a collection")) }
            let root = collectionRoot.standardizedFileURL.resolvingSymlinksInPath()
            let candidate = root.appendingPathComponent(path).standardizedFileURL.resolvingSymlinksInPath()
            guard Self.isInside(candidate.path, root: root.path) else {
                return .failure(SecretSourceProblem("\(path) is outside the collection; write an absolute path to read a file elsewhere"))
            }
            url = candidate
        }
        let shown = TerminalSafeText.singleLine(url.path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            return .failure(SecretSourceProblem("no file \(shown): create it or correct the path"))
        }
        if isFolder.boolValue { return .failure(SecretSourceProblem("\(shown) is a folder, not a file")) }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: Self.maximumSecretFileBytes + 1) ?? Data()
        } catch {
            return .failure(SecretSourceProblem("cannot read \(shown): \(FileErrorText.describe(error))"))
        }
        if data.count > Self.maximumSecretFileBytes {
            return .failure(SecretSourceProblem("\(shown) is larger than 64 kB; a secret file holds a token or a key"))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            return .failure(SecretSourceProblem("\(shown) is not UTF-8 text"))
        }
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" { text.unicodeScalars.removeLast() }
        if text.isEmpty { return .failure(SecretSourceProblem("\(shown) is empty")) }
        return .success((text, url.path))
    }

    static func isInside(_ path: String, root: String) -> Bool {
        let base = root.hasSuffix("/") ? root : root + "/"
        return path == root || path.hasPrefix(base)
    }
}
