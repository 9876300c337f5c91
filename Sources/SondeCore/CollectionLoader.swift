import Foundation
import Yams

/// A collection as loaded, with every problem found on the way.
public struct LoadedCollection: Sendable {
    public var collection: RequestCollection
    public var problems: [LoadProblem]
}

/// Reads a collection folder from disk. A broken file becomes a `LoadProblem` and the rest loads.
public enum CollectionLoader {
    public static let collectionFileName = "collection.yaml"
    public static let folderFileName = "folder.yaml"
    public static let environmentsFolderName = "environments"

    public static func load(from rootURL: URL) -> LoadedCollection {
        var problems: [LoadProblem] = []
        let root = rootURL.standardizedFileURL
        var name = root.lastPathComponent
        var description = ""
        var variables: [KeyValue] = []
        var defaults = RequestDefaults()

        let collectionFile = root.appendingPathComponent(collectionFileName)
        if let text = readText(collectionFile, root: root, problems: &problems) {
            var reader = YAMLReader(file: relativePath(collectionFile, root: root))
            if let node = reader.compose(text), let fields = reader.mapping(node, "collection.yaml") {
                name = reader.string(fields["name"], "name") ?? name
                description = reader.string(fields["description"], "description") ?? ""
                variables = reader.keyValues(fields["variables"], "variables")
                defaults = reader.defaults(fields)
            }
            problems += reader.problems
        }

        var rootFolder = loadFolder(at: root, path: "", collectionRoot: root, problems: &problems)
        rootFolder.name = name
        rootFolder.defaults = defaults
        let environments = loadEnvironments(root: root, problems: &problems)
        let collection = RequestCollection(
            name: name, description: description, rootURL: root, variables: variables, root: rootFolder,
            environments: environments)
        return LoadedCollection(collection: collection, problems: problems)
    }

    /// Loads one request file on its own (for `sonde send path/to/file.yaml`).
    public static func loadRequest(at fileURL: URL, collectionRoot: URL) -> Result<SavedRequest, LoadProblem> {
        var problems: [LoadProblem] = []
        let request = loadRequestFile(fileURL, collectionRoot: collectionRoot, problems: &problems)
        if let request, problems.isEmpty { return .success(request) }
        return .failure(problems.first ?? LoadProblem(file: fileURL.path, message: "could not load"))
    }

    private static func loadFolder(at url: URL, path: String, collectionRoot: URL, problems: inout [LoadProblem]) -> RequestFolder {
        var folder = RequestFolder(name: url.lastPathComponent, path: path, url: url)
        if !path.isEmpty {
            let folderFile = url.appendingPathComponent(folderFileName)
            if FileManager.default.fileExists(atPath: folderFile.path), let text = readText(folderFile, root: collectionRoot, problems: &problems) {
                var reader = YAMLReader(file: relativePath(folderFile, root: collectionRoot))
                if let node = reader.compose(text), let fields = reader.mapping(node, "folder.yaml") {
                    folder.name = reader.string(fields["name"], "name") ?? folder.name
                    folder.defaults = reader.defaults(fields)
                }
                problems += reader.problems
            }
        }
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
                .sorted { $0.lastPathComponent.localizedStandardCompare($1.lastPathComponent) == .orderedAscending }
        } catch {
            problems.append(LoadProblem(file: relativePath(url, root: collectionRoot), message: "cannot read folder: \(error.localizedDescription)"))
            return folder
        }
        for entry in entries {
            let name = entry.lastPathComponent
            let isDirectory = (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isDirectory {
                if path.isEmpty, name == environmentsFolderName { continue }
                let childPath = path.isEmpty ? name : "\(path)/\(name)"
                folder.folders.append(loadFolder(at: entry, path: childPath, collectionRoot: collectionRoot, problems: &problems))
            } else if isRequestFile(name) {
                if let request = loadRequestFile(entry, collectionRoot: collectionRoot, problems: &problems) {
                    folder.requests.append(request)
                }
            }
        }
        return folder
    }

    private static func isRequestFile(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && name != collectionFileName && name != folderFileName
    }

    private static func loadRequestFile(_ url: URL, collectionRoot: URL, problems: inout [LoadProblem]) -> SavedRequest? {
        guard let text = readText(url, root: collectionRoot, problems: &problems) else { return nil }
        let relative = relativePath(url, root: collectionRoot)
        var reader = YAMLReader(file: relative)
        defer { problems += reader.problems }
        guard let node = reader.compose(text) else { return nil }
        let id = relative.hasSuffix(".yaml") ? String(relative.dropLast(5)) : String(relative.dropLast(4))
        let fallbackName = url.deletingPathExtension().lastPathComponent
        guard let definition = reader.request(node, fallbackName: fallbackName) else { return nil }
        return SavedRequest(id: id, fileURL: url, definition: definition, sourceText: text)
    }

    private static func loadEnvironments(root: URL, problems: inout [LoadProblem]) -> [Environment] {
        let folder = root.appendingPathComponent(environmentsFolderName)
        guard let entries = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else {
            return []
        }
        return entries.filter { isRequestFile($0.lastPathComponent) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { url in
                guard let text = readText(url, root: root, problems: &problems) else { return nil }
                var reader = YAMLReader(file: relativePath(url, root: root))
                defer { problems += reader.problems }
                let fileName = url.deletingPathExtension().lastPathComponent
                guard let node = reader.compose(text) else { return nil }
                guard let fields = reader.mapping(node, "an environment file") else {
                    return Environment(name: fileName, fileURL: url)
                }
                return Environment(
                    name: reader.string(fields["name"], "name") ?? fileName,
                    fileURL: url,
                    variables: reader.keyValues(fields["variables"], "variables"),
                    defaults: reader.defaults(fields))
            }
    }

    private static func readText(_ url: URL, root: URL, problems: inout [LoadProblem]) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            problems.append(LoadProblem(file: relativePath(url, root: root), message: "cannot read the file"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(LoadProblem(file: relativePath(url, root: root), message: "the file is not UTF-8 text"))
            return nil
        }
        return text
    }

    /// `url`'s path below `root`, as shown in messages and used as request ids.
    public static func relativePath(_ url: URL, root: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        guard full.hasPrefix(base + "/") else { return full }
        return String(full.dropFirst(base.count + 1))
    }
}
