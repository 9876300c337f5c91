import Foundation
import Synchronization
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

    /// Loads the whole collection: every request file, folder and environment.
    public static func load(from rootURL: URL) -> LoadedCollection {
        load(from: rootURL) { root, problems in
            var visited = Set<FolderIdentity>()
            return loadFolder(at: root, path: "", collectionRoot: root, visited: &visited, problems: &problems)
        }
    }

    /// Lists the whole collection without reading its request files: `collection.yaml`, the
    /// `folder.yaml` files and the environments are read as `load(from:)` reads them, and each
    /// request file becomes a request named after its file, with nothing else known
    /// (`RequestCollection.isOutline`). The TUI draws its first frame from this and parses the
    /// request files after it: 1,000 request files take ~35 ms to parse on two cores, their
    /// outline ~6 ms (bench/tui.sh). Problems inside request files are found only by `load(from:)`.
    public static func loadOutline(from rootURL: URL) -> LoadedCollection {
        var loaded = load(from: rootURL) { root, problems in
            var visited = Set<FolderIdentity>()
            return loadFolder(at: root, path: "", collectionRoot: root, readingRequests: false, visited: &visited, problems: &problems)
        }
        loaded.collection.isOutline = true
        return loaded
    }

    /// Loads only what sending one request needs: `collection.yaml`, the `folder.yaml` files on
    /// the way to the request, the request file and the environments. `sonde send` uses it so
    /// that its cost does not grow with the size of the collection; when the request file is not
    /// where its id says, the whole collection is loaded so the caller can list what exists.
    public static func load(from rootURL: URL, onlyRequest id: String) -> LoadedCollection {
        let wanted = withoutExtension(id)
        let root = rootURL.standardizedFileURL
        let candidates = [".yaml", ".yml"].map { root.appendingPathComponent(wanted + $0) }
        guard !wanted.isEmpty, !wanted.split(separator: "/").contains(".."),
              let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            return load(from: rootURL)
        }
        return load(from: rootURL) { root, problems in
            var folders: [RequestFolder] = []
            var path = ""
            for part in wanted.split(separator: "/").dropLast() {
                path = path.isEmpty ? String(part) : "\(path)/\(part)"
                folders.append(folderWithDefaults(at: root.appendingPathComponent(path), path: path, collectionRoot: root, problems: &problems))
            }
            var innermost = RequestFolder(name: root.lastPathComponent, path: "", url: root)
            if !folders.isEmpty { innermost = folders.removeLast() }
            if let request = loadRequestFile(RequestFile(url: file, root: root), problems: &problems) {
                innermost.requests = [request]
            }
            // Nest the chain back up: each folder holds the next one.
            while let parent = folders.popLast() {
                var outer = parent
                outer.folders = [innermost]
                innermost = outer
            }
            if innermost.path.isEmpty { return innermost }
            return RequestFolder(name: root.lastPathComponent, path: "", url: root, folders: [innermost])
        }
    }

    private static func load(from rootURL: URL, rootFolder makeRoot: (URL, inout [LoadProblem]) -> RequestFolder) -> LoadedCollection {
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
                reader.warnOfUnknownKeys(fields, known: YAMLReader.collectionKeys, in: "collection.yaml", allowingKept: true)
                name = reader.string(fields["name"], "name") ?? name
                description = reader.string(fields["description"], "description") ?? ""
                reader.checkTemplates(fields["variables"], in: "variables")
                variables = reader.keyValues(fields["variables"], "variables")
                defaults = reader.defaults(fields)
            }
            problems += reader.problems
        }

        var rootFolder = makeRoot(root, &problems)
        rootFolder.name = name
        rootFolder.defaults = defaults
        let environments = loadEnvironments(root: root, problems: &problems)
        let collection = RequestCollection(
            name: name, description: description, rootURL: root, variables: variables, root: rootFolder,
            environments: environments)
        return LoadedCollection(collection: collection, problems: problems)
    }

    /// A sub-folder with the name and defaults of its `folder.yaml`, if it has one; no requests yet.
    private static func folderWithDefaults(at url: URL, path: String, collectionRoot: URL, problems: inout [LoadProblem]) -> RequestFolder {
        var folder = RequestFolder(name: url.lastPathComponent, path: path, url: url)
        let folderFile = url.appendingPathComponent(folderFileName)
        if let text = readText(folderFile, root: collectionRoot, problems: &problems) {
            var reader = YAMLReader(file: relativePath(folderFile, root: collectionRoot))
            if let node = reader.compose(text), let fields = reader.mapping(node, "folder.yaml") {
                reader.warnOfUnknownKeys(fields, known: YAMLReader.folderKeys, in: "folder.yaml", allowingKept: true)
                folder.name = reader.string(fields["name"], "name") ?? folder.name
                folder.defaults = reader.defaults(fields)
                folder.runOrder = reader.runOrder(fields["order"], in: url)
            }
            problems += reader.problems
        }
        return folder
    }

    /// A folder as the file system knows it, whatever the path that leads to it.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Loads a folder and everything below it.
    ///
    /// Symbolic links to folders are followed, so a folder shared between collections can be
    /// linked in, but each folder is loaded once: one reached again (through `a -> .`, or a second
    /// link to the same folder) is skipped with a problem. Two links `a -> .` and `b -> .` made
    /// loading exponential before, as every path through them is a new folder by name.
    private static func loadFolder(
        at url: URL, path: String, collectionRoot: URL, readingRequests: Bool = true,
        visited: inout Set<FolderIdentity>, problems: inout [LoadProblem]
    ) -> RequestFolder {
        if let identity = FolderIdentity(path: url.path) { visited.insert(identity) }
        var folder = path.isEmpty
            ? RequestFolder(name: url.lastPathComponent, path: path, url: url)
            : folderWithDefaults(at: url, path: path, collectionRoot: collectionRoot, problems: &problems)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { !$0.hasPrefix(".") }
                .sorted()
        } catch {
            problems.append(LoadProblem(file: relativePath(url, root: collectionRoot), message: "cannot read folder: \(FileErrorText.reason(of: error))"))
            return folder
        }
        var requestFiles: [RequestFile] = []
        // Paths are joined as strings: URL's appendingPathComponent and path cost ~2.5 and
        // ~1.5 µs each, three quarters of listing 1,000 request files (callgrind).
        let folderPath = url.path
        for name in names {
            let entryPath = folderPath.hasSuffix("/") ? folderPath + name : "\(folderPath)/\(name)"
            let childPath = path.isEmpty ? name : "\(path)/\(name)"
            var isDirectory: ObjCBool = false
            // fileExists(atPath:isDirectory:) is one stat; URL resource values cost several times more.
            guard FileManager.default.fileExists(atPath: entryPath, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if path.isEmpty, name == environmentsFolderName { continue }
                if let identity = FolderIdentity(path: entryPath), visited.contains(identity) {
                    problems.append(LoadProblem(
                        file: childPath,
                        message: "skipped: this folder is already in the collection (a symbolic link back to it?)"))
                    continue
                }
                folder.folders.append(loadFolder(
                    at: url.appendingPathComponent(name), path: childPath, collectionRoot: collectionRoot,
                    readingRequests: readingRequests, visited: &visited, problems: &problems))
            } else if isRequestFile(name) {
                requestFiles.append(RequestFile(url: URL(fileURLWithPath: entryPath, isDirectory: false), path: entryPath, relative: childPath))
            }
        }
        guard readingRequests else {
            folder.requests = requestFiles.map(outlineRequest)
            return folder
        }
        for (request, fileProblems) in loadRequestFiles(requestFiles) {
            problems += fileProblems
            if let request { folder.requests.append(request) }
        }
        return folder
    }

    /// Reads and parses request files, in parallel when there are many: parsing the YAML is
    /// most of the cost of opening a collection (1,000 files: 126 ms on one core), and files
    /// are independent. Results keep the order of `files`.
    private static func loadRequestFiles(_ files: [RequestFile]) -> [(SavedRequest?, [LoadProblem])] {
        @Sendable func load(_ file: RequestFile) -> (SavedRequest?, [LoadProblem]) {
            var problems: [LoadProblem] = []
            let request = loadRequestFile(file, problems: &problems)
            return (request, problems)
        }
        guard files.count >= 16, ProcessInfo.processInfo.activeProcessorCount > 1 else { return files.map(load) }
        let results = Mutex([(SavedRequest?, [LoadProblem])?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = load(files[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    private static func isRequestFile(_ name: String) -> Bool {
        hasYAMLExtension(name) && name != collectionFileName && name != folderFileName
    }

    /// A request file found in a folder: its URL, and the two paths the loader needs from it,
    /// kept so that they are worked out once.
    private struct RequestFile: Sendable {
        var url: URL
        var path: String
        /// The path below the collection root, as problems show it: `users/list.yaml`.
        var relative: String

        init(url: URL, path: String, relative: String) {
            self.url = url
            self.path = path
            self.relative = relative
        }

        init(url: URL, root: URL) {
            self.init(url: url, path: url.path, relative: CollectionLoader.relativePath(url, root: root))
        }
    }

    private static func loadRequestFile(_ file: RequestFile, problems: inout [LoadProblem]) -> SavedRequest? {
        guard let text = readText(atPath: file.path, relative: file.relative, problems: &problems) else { return nil }
        let (definition, fileProblems) = decodeRequest(text: text, file: file.relative)
        problems += fileProblems
        guard let definition else { return nil }
        return SavedRequest(id: withoutExtension(file.relative), fileURL: file.url, definition: definition, sourceText: text)
    }

    /// A request file's text as a request, with every problem found; `file` is its path below
    /// the collection root (`users/list.yaml`). Touches no disk, so the fuzz target
    /// (Fuzz/FuzzRequestFile) feeds it arbitrary text.
    package static func decodeRequest(text: String, file: String) -> (RequestDefinition?, [LoadProblem]) {
        var reader = YAMLReader(file: file)
        guard let node = reader.compose(text) else {
            // An empty or comment-only file composes to nothing, and loaded as nothing without a word.
            if reader.problems.isEmpty { reader.problem("empty request file: needs at least `url:`", line: 1, column: nil) }
            return (nil, reader.problems)
        }
        let definition = reader.request(node, fallbackName: baseName(of: file))
        return (definition, reader.problems)
    }

    /// A request file as an outline shows it before it is read: its id, and its file name as its name.
    private static func outlineRequest(_ file: RequestFile) -> SavedRequest {
        SavedRequest(id: withoutExtension(file.relative), fileURL: file.url, definition: RequestDefinition(name: baseName(of: file.relative), url: ""))
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
                return environment(text, at: url, root: root, problems: &problems)
            }
    }

    /// One environment file's text as an `Environment`; nil when it is no YAML at all. The
    /// environment writer reads a file back with it, so a save is checked by the loader's own rules.
    static func environment(_ text: String, at url: URL, root: URL, problems: inout [LoadProblem]) -> Environment? {
        var reader = YAMLReader(file: relativePath(url, root: root))
        defer { problems += reader.problems }
        let fileName = url.deletingPathExtension().lastPathComponent
        guard let node = reader.compose(text) else { return nil }
        guard let fields = reader.mapping(node, "an environment file") else {
            return Environment(name: fileName, fileURL: url)
        }
        reader.warnOfUnknownKeys(fields, known: YAMLReader.environmentKeys, in: "an environment file", allowingKept: true)
        reader.checkTemplates(fields["variables"], in: "variables")
        return Environment(
            name: reader.string(fields["name"], "name") ?? fileName,
            fileURL: url,
            variables: reader.keyValues(fields["variables"], "variables"),
            defaults: reader.defaults(fields))
    }

    private static func readText(_ url: URL, root: URL, problems: inout [LoadProblem]) -> String? {
        readText(atPath: url.path, relative: relativePath(url, root: root), problems: &problems)
    }

    private static func readText(atPath path: String, relative: @autoclosure () -> String, problems: inout [LoadProblem]) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(LoadProblem(file: relative(), message: "cannot read the file"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(LoadProblem(file: relative(), message: "the file is not UTF-8 text"))
            return nil
        }
        return text
    }

    /// Whether a file name ends in `.yaml` or `.yml`.
    static func hasYAMLExtension(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// `path` without its `.yaml` or `.yml` ending.
    public static func withoutExtension(_ path: String) -> String {
        path.hasSuffix(".yaml") ? String(path.dropLast(5)) : path.hasSuffix(".yml") ? String(path.dropLast(4)) : path
    }

    /// The file name of `path` without folders or extension: a request's name when it has none.
    private static func baseName(of path: String) -> String {
        withoutExtension(String(path.split(separator: "/").last ?? Substring(path)))
    }

    /// `url`'s path below `root`, as shown in messages and used as request ids.
    public static func relativePath(_ url: URL, root: URL) -> String {
        // Paths built from the root need no standardizing, which costs more than the rest of
        // this function; only other paths (from the command line) go the slow way.
        let path = url.path
        let rootPath = root.path
        let base = rootPath.hasSuffix("/") ? String(rootPath.dropLast()) : rootPath
        // firstRange(of:), not contains: with Foundation imported, contains goes through NSString.
        if path.hasPrefix(base + "/"), path.firstRange(of: "/../") == nil, path.firstRange(of: "/./") == nil {
            return String(path.dropFirst(base.count + 1))
        }
        let full = url.standardizedFileURL.path
        let standardBase = root.standardizedFileURL.path
        guard full.hasPrefix(standardBase + "/") else { return full }
        return String(full.dropFirst(standardBase.count + 1))
    }
}
