import Foundation

/// Why an import's files could not be written. Files written before the failure stay; none is
/// overwritten.
public struct ImportWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// The file-system side of `sonde import`: what a target folder holds, and writing an
/// `ImportPlan` into it, each file atomically.
public enum ImportWriter {
    /// The files and folders below `folder` (none when it does not exist), and the text of the
    /// files a plan merges into.
    public static func target(at folder: URL) throws(ImportWriteError) -> ImportPlan.Target {
        var target = ImportPlan.Target()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return target }
        guard isDirectory.boolValue else { throw ImportWriteError(path: folder.path, reason: "it is a file, not a folder; --into names the collection folder") }
        let root = folder.standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                target.paths.insert(relative)
            }
        }
        for name in [ImportPlan.dotEnv, ImportPlan.dotEnvExample, ImportPlan.gitignore] {
            // These get secrets or the rule that keeps them out of git: written through a link,
            // they would land wherever it points (a README kept in git).
            if AtomicFile.isSymbolicLink(root + "/" + name) {
                throw ImportWriteError(path: root + "/" + name, reason: "it is a symbolic link; sonde import writes \(name) only as a file of its own")
            }
            if let data = FileManager.default.contents(atPath: root + "/" + name) {
                target.texts[name] = String(decoding: data, as: UTF8.self)
            }
        }
        return target
    }

    /// Writes every file of `plan` below `folder`, creating folders as needed. A file that is
    /// not an update of an existing one is refused if it appeared since the plan was made.
    public static func write(_ plan: ImportPlan, into folder: URL) throws(ImportWriteError) {
        var made: Set<String> = []
        for file in plan.files {
            let url = folder.appendingPathComponent(file.path)
            let parent = url.deletingLastPathComponent()
            if made.insert(parent.path).inserted {
                do {
                    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
                } catch {
                    throw ImportWriteError(path: parent.path, reason: FileErrorText.reason(of: error))
                }
            }
            if file.updatesExisting {
                do {
                    try AtomicFile.write(Data(file.contents.utf8), to: url, permissions: file.isPrivate ? 0o600 : nil)
                } catch {
                    throw ImportWriteError(path: url.path, reason: FileErrorText.reason(of: error))
                }
            } else if let source = file.copiedFrom {
                let bytes: Data
                do {
                    bytes = try Data(contentsOf: URL(fileURLWithPath: source))
                } catch {
                    throw ImportWriteError(path: source, reason: "cannot copy it: " + FileErrorText.reason(of: error))
                }
                try create(url, Array(bytes), permissions: 0o644)
            } else {
                try create(url, Array(file.contents.utf8), permissions: file.isPrivate ? 0o600 : 0o644)
            }
        }
    }

    /// A new file (`NewFile`): one that appeared since the plan was made is never overwritten.
    private static func create(_ url: URL, _ bytes: [UInt8], permissions: mode_t) throws(ImportWriteError) {
        do {
            try NewFile.create(url.path, bytes, permissions: permissions)
        } catch {
            switch error {
            case .exists:
                throw ImportWriteError(path: url.path, reason: "it exists (made while importing?); sonde import never overwrites a file")
            case .failed(let reason):
                throw ImportWriteError(path: url.path, reason: reason)
            }
        }
    }
}
