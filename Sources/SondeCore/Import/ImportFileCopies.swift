import Foundation

/// The files that imported bodies name (a `.http` `< ./file.json` include, a Postman file body
/// or form-data file part, an Insomnia `fileName`, a Bruno `@file(…)`, curl's `@file`), checked
/// where the source is, so `sonde import` copies them into the collection beside the request
/// and the request names its copy. Without the copy a collection written elsewhere names files
/// it cannot reach.
///
/// Only a regular, readable file inside `base` (the source's folder, or the current folder for
/// curl and stdin) is copied: an import must never carry `../../etc/passwd` or a secret key
/// from elsewhere into a collection that goes into git. Anything else keeps its path as
/// written, with a warning naming it.
public enum ImportFileCopies {
    /// A file copied whole; the import is meant for request bodies, and a larger file is more
    /// likely a disk image than a fixture.
    public static let maximumSize = 10 * 1024 * 1024

    /// Every path a request body of `imported` names, in order of first use.
    public static func referencedPaths(_ imported: ImportedCollection) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        func walk(_ folder: ImportedFolder) {
            for request in folder.requests {
                for path in referencedPaths(request.definition.body) where seen.insert(path).inserted { paths.append(path) }
            }
            folder.folders.forEach(walk)
        }
        walk(imported.root)
        return paths
    }

    static func referencedPaths(_ body: RequestBody) -> [String] {
        switch body {
        case .file(let path, _): [path]
        case .multipart(let fields): fields.filter(\.isFile).map(\.value)
        default: []
        }
    }

    /// The referenced paths that can be copied, as written → the absolute path to read, and a
    /// warning for each that cannot.
    public static func check(_ imported: ImportedCollection, base: URL) -> (copies: [String: String], warnings: [ImportWarning]) {
        var copies: [String: String] = [:]
        var warnings: [ImportWarning] = []
        let root = base.standardizedFileURL.resolvingSymlinksInPath().path
        for written in referencedPaths(imported) {
            func refuse(_ why: String) {
                warnings.append(ImportWarning(place: written, message: "\(why): not copied into the collection; the request names it as written"))
            }
            guard !written.isEmpty else { continue }
            guard !written.contains("{{") else { refuse("the file's path holds a {{variable}}"); continue }
            let url = written.hasPrefix("/") ? URL(fileURLWithPath: written) : base.appendingPathComponent(written)
            let resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard resolved.hasPrefix(root == "/" ? "/" : root + "/") else { refuse("the file is outside \(root)"); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { refuse("the file does not exist"); continue }
            guard !isDirectory.boolValue else { refuse("it is a folder, not a file"); continue }
            guard FileManager.default.isReadableFile(atPath: resolved) else { refuse("the file cannot be read"); continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: resolved)[.size] as? Int) ?? 0
            guard size <= maximumSize else { refuse("the file is \(size) bytes, over the \(maximumSize / 1024 / 1024) MB copied at most"); continue }
            copies[written] = resolved
        }
        return (copies, warnings)
    }

    /// `imported` with its file checks applied: the warnings of files that cannot be copied
    /// added, and an importer's note asking to copy a file by hand dropped once it is copied.
    public static func applying(_ check: (copies: [String: String], warnings: [ImportWarning]), to imported: ImportedCollection) -> ImportedCollection {
        var imported = imported
        imported.warnings.removeAll { warning in
            check.copies.keys.contains { warning.message.hasPrefix("body read from \($0), relative to") }
        }
        imported.warnings += check.warnings
        return imported
    }

    /// The name a copy of `written` gets in `folder`: the file's own name, `-2` before its
    /// extension when taken. Leading dots go (a hidden `.env` must not become the collection's),
    /// and a `.yaml` file gets `.txt` after it, as the loader would read it as a request.
    static func copyName(_ written: String, in folder: String, taken: inout Set<String>) -> String {
        var last = String((written as NSString).lastPathComponent.drop { $0 == "." })
        if last.isEmpty { last = "body" }
        if CollectionLoader.hasYAMLExtension(last) { last += ".txt" }
        let ext = (last as NSString).pathExtension
        let stem = ext.isEmpty ? last : String(last.dropLast(ext.count + 1))
        func path(_ file: String) -> String { folder.isEmpty ? file : "\(folder)/\(file)" }
        var candidate = last, counter = 2
        while taken.contains(path(candidate)) {
            candidate = ext.isEmpty ? "\(stem)-\(counter)" : "\(stem)-\(counter).\(ext)"
            counter += 1
        }
        taken.insert(path(candidate))
        return candidate
    }
}
