import Foundation

/// Reads Bruno collections: a folder with `bruno.json`, a `.bru` file per request (in folders
/// with their `folder.bru`), `collection.bru`, and `environments/*.bru`. Pure: the files' bytes
/// in (by path below the collection folder, as `BrunoFolderReader` reads them), an
/// `ImportedCollection` out.
public enum BrunoImporter {
    public static let configFile = "bruno.json"
    public static let collectionFile = "collection.bru"
    public static let folderFile = "folder.bru"
    public static let environmentsFolder = "environments"

    /// A collection folder's files as sonde's import model. `sourceName` names the folder in
    /// messages; `files` are keyed by their `/`-separated path below it.
    public static func convert(files: [String: Data], sourceName: String) throws(BrunoImportError) -> ImportedCollection {
        var parsed: [String: BruFile] = [:]
        let prefix = sourceName.isEmpty ? "" : (sourceName.hasSuffix("/") ? sourceName : sourceName + "/")
        for (path, data) in files where path.hasSuffix(".bru") {
            guard let text = String(data: data, encoding: .utf8) else { throw .notText(file: prefix + path) }
            do {
                parsed[path] = try BruParser.parse(text, file: prefix + path)
            } catch {
                throw .syntax(error)
            }
        }
        var name = sourceName.split(separator: "/").last.map(String.init) ?? "bruno"
        if let data = files[configFile] {
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw .invalidConfig(file: prefix + configFile, reason: "not a JSON object")
            }
            if let configured = object["name"] as? String, !configured.isEmpty { name = configured }
        }
        guard parsed.keys.contains(where: { isRequestPath($0) }) else { throw .noRequests(folder: sourceName) }
        var converter = BrunoConverter(placePrefix: prefix)
        return converter.collection(name: name, files: parsed)
    }

    /// A single `.bru` request file, as a collection of one request.
    public static func convertFile(_ data: Data, sourceName: String) throws(BrunoImportError) -> ImportedCollection {
        let fileName = sourceName.split(separator: "/").last.map(String.init) ?? sourceName
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(file: sourceName) }
        let file: BruFile
        do {
            file = try BruParser.parse(text, file: sourceName)
        } catch {
            throw .syntax(error)
        }
        // Keyed by its name alone: the folders of its path are not folders of the collection.
        var converter = BrunoConverter(placePrefix: String(sourceName.dropLast(fileName.count)))
        var name = fileName
        if name.hasSuffix(".bru") { name.removeLast(4) }
        return converter.collection(name: name, files: [fileName: file])
    }

    /// Whether `path` holds a request: any `.bru` but the collection, folder and environment files.
    static func isRequestPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard path.hasSuffix(".bru"), let last = parts.last else { return false }
        if parts.count == 1, last == Substring(collectionFile) { return false }
        if parts.count == 2, parts[0] == Substring(environmentsFolder) { return false }
        return last != Substring(folderFile)
    }
}

/// The file-system side of a Bruno import: the `bruno.json` and `.bru` files below a folder, by
/// relative path, leaving out hidden folders, `node_modules` and what `bruno.json` ignores.
public enum BrunoFolderReader {
    /// At most this many files are read: a collection is a few hundred; a folder with more is
    /// not one (a home directory given by mistake).
    public static let maximumFiles = 10_000

    public static func files(in folder: URL) throws(BrunoImportError) -> [String: Data] {
        let root = folder.standardizedFileURL
        var ignored: Set<String> = ["node_modules", ".git"]
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(BrunoImporter.configFile).path),
           let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let list = object["ignore"] as? [String] {
            ignored.formUnion(list)
        }
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            throw .unreadable(folder: root.path, reason: "cannot list the folder")
        }
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if ignored.contains(relative) || name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard relative.hasSuffix(".bru") || relative == BrunoImporter.configFile else { continue }
            // A link is not read: `evil.bru -> /etc/passwd` in a shared folder put the first line
            // of the file it points to into the parse error. (The listing does not enter linked folders.)
            if AtomicFile.isSymbolicLink(root.appendingPathComponent(relative).path) { continue }
            guard files.count < maximumFiles else {
                throw .unreadable(folder: root.path, reason: "more than \(maximumFiles) .bru files: not a Bruno collection folder?")
            }
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) { files[relative] = data }
        }
        return files
    }
}
